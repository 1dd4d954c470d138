import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { act, setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";

let county: TestCounty;

const online = {
  purpose: "request",
  categoryCode: "15.01",
  petitioner: { name: "孙六", phone: "138 0000 2468" },
  facts: "小区拆迁补偿未到位。",
  demands: "请求按标准补偿。",
};

beforeAll(async () => {
  county = await setUpCounty("431228", "芷江侗族自治县");
});

describe("online petitions", () => {
  it("are registered at the county office with a tracking code", async () => {
    const reply = await call<{
      trackingCode: string;
      trackingCodeFormatted: string;
      status: string;
    }>(`/api/v1/t/${county.code}/public/petitions`, {
      ip: freshIp(),
      body: { ...online, altcha: await humanCheck(county) },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe("registered");
    expect(reply.body.trackingCodeFormatted).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    const list = await call<{
      items: { trackingCode: string; channel: string; responsibleUnitId: string }[];
    }>(`/api/v1/t/${county.code}/petitions?limit=100`, { token: county.people.clerk.token });
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        trackingCode: reply.body.trackingCode,
        channel: "online",
        responsibleUnitId: county.office,
      }),
    );
  });

  it("need a valid mobile number and refuse unknown fields", async () => {
    const noPhone = await call(`/api/v1/t/${county.code}/public/petitions`, {
      body: {
        ...online,
        petitioner: { name: "孙六", phone: "12" },
        altcha: await humanCheck(county),
      },
    });
    expect(noPhone.status).toBe(422);
    const extra = await call(`/api/v1/t/${county.code}/public/petitions`, {
      body: { ...online, status: "closed" },
    });
    expect(extra.status).toBe(400);
  });
});

describe("trackPetition", () => {
  it("shows status, timeline and deadlines without staff identities", async () => {
    const created = await call<{ trackingCode: string; trackingCodeFormatted: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      { body: { ...online, altcha: await humanCheck(county) } },
    );
    const tracked = await call<{
      timeline: Record<string, unknown>[];
      status: string;
      deadlines: Record<string, unknown>;
    }>(`/api/v1/t/${county.code}/public/track`, {
      body: { trackingCode: created.body.trackingCodeFormatted.toLowerCase(), phoneLast4: "2468" },
    });
    expect(tracked.status).toBe(200);
    expect(tracked.body.status).toBe("registered");
    expect(tracked.body.deadlines).toHaveProperty("accept");
    expect(tracked.body.timeline).toEqual([
      expect.objectContaining({ action: "register", toStatus: "registered" }),
    ]);
    expect(JSON.stringify(tracked.body)).not.toMatch(/actorId|staff|孙六|13800002468/);
  });

  it("answers a wrong code or wrong digits with the same 404", async () => {
    const created = await call<{ trackingCode: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      { body: { ...online, altcha: await humanCheck(county) } },
    );
    const wrongDigits = await call(`/api/v1/t/${county.code}/public/track`, {
      body: { trackingCode: created.body.trackingCode, phoneLast4: "0000" },
    });
    const wrongCode = await call(`/api/v1/t/${county.code}/public/track`, {
      body: { trackingCode: "ZZZZZZZZZZ", phoneLast4: "2468" },
    });
    expect(wrongDigits.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect((wrongDigits.body as { error: { message: string } }).error.message).toBe(
      (wrongCode.body as { error: { message: string } }).error.message,
    );
  });
});

describe("evaluatePetition", () => {
  it("opens with the reply and takes one evaluation", async () => {
    const created = await call<{ trackingCode: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      { body: { ...online, altcha: await humanCheck(county) } },
    );
    const rating = {
      trackingCode: created.body.trackingCode,
      phoneLast4: "2468",
      handlingUnit: "satisfied",
      office: "unsatisfied",
      comment: "办理太慢",
    };
    const early = await call(`/api/v1/t/${county.code}/public/evaluate`, { body: rating });
    expect(early.status).toBe(409);

    const list = await call<{ items: { id: string; trackingCode: string }[] }>(
      `/api/v1/t/${county.code}/petitions?limit=100`,
      { token: county.people.clerk.token },
    );
    const id = list.body.items.find((i) => i.trackingCode === created.body.trackingCode)?.id ?? "";
    await act(county, county.people.clerk.token, id, "assign", { toUnitId: county.bureau });
    await act(county, county.people.handler.token, id, "reply", {
      request: "补偿",
      factsAndReasons: "已核实",
      decision: "按标准补偿",
      legalBasis: "《国有土地上房屋征收与补偿条例》",
      outcome: "support",
    });
    const done = await call(`/api/v1/t/${county.code}/public/evaluate`, { body: rating });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: "done",
      handlingUnit: "satisfied",
      office: "unsatisfied",
    });
    const twice = await call(`/api/v1/t/${county.code}/public/evaluate`, { body: rating });
    expect(twice.status).toBe(409);
  });
});

describe("the taxonomy", () => {
  it("is public, with accusation and legal-route marks", async () => {
    const reply = await call<{
      categories: { code: string; name: string; accusation: boolean; legalRouteNote?: string }[];
      purposes: { code: string; label: string }[];
    }>(`/api/v1/t/${county.code}/categories`);
    expect(reply.status).toBe(200);
    expect(reply.body.categories).toContainEqual(
      expect.objectContaining({ code: "04.01", accusation: true }),
    );
    expect(reply.body.categories.find((c) => c.code === "05.02")?.legalRouteNote).toBeTruthy();
    expect(reply.body.purposes.map((p) => p.label)).toEqual([
      "意见建议",
      "申诉",
      "求决",
      "揭发控告",
      "其它",
    ]);
  });
});

describe("local categories", () => {
  it("join the taxonomy under a national class and inherit what it means", async () => {
    const create = (body: unknown) =>
      call(`/api/v1/t/${county.code}/categories`, { token: county.adminToken, body });
    const land = await create({ code: "L.forest-rights", name: "林权纠纷", parentCode: "14" });
    expect(land.status).toBe(201);
    expect(land.body).toMatchObject({
      code: "L.forest-rights",
      parentCode: "14",
      local: true,
      accusation: false,
    });
    const graft = await create({ code: "L.village-graft", name: "村干部侵占", parentCode: "04" });
    expect(graft.body).toMatchObject({ accusation: true });
    expect((await create({ code: "L.forest-rights", name: "重复", parentCode: "14" })).status).toBe(
      409,
    );
    expect((await create({ code: "06.99", name: "冒充全国代码", parentCode: "06" })).status).toBe(
      400,
    );
    expect((await create({ code: "L.x", name: "挂在小类下", parentCode: "0601" })).status).toBe(
      400,
    );

    const list = await call<{ categories: { code: string }[] }>(
      `/api/v1/t/${county.code}/categories`,
    );
    const codes = list.body.categories.map((c) => c.code);
    expect(codes.indexOf("L.forest-rights")).toBeGreaterThan(codes.indexOf("14.07"));
    expect(codes.indexOf("L.forest-rights")).toBeLessThan(codes.indexOf("15"));

    const petition = await call<{ confidential: boolean; categoryName: string }>(
      `/api/v1/t/${county.code}/petitions`,
      {
        token: county.people.clerk.token,
        body: {
          channel: "letter",
          purpose: "request",
          categoryCode: "L.village-graft",
          receivedAt: new Date().toISOString(),
          anonymous: true,
          facts: "村干部侵占集体资金。",
          demands: "请求查处。",
        },
      },
    );
    expect(petition.status).toBe(201);
    expect(petition.body).toMatchObject({ confidential: true, categoryName: "村干部侵占" });
  });
});
