import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431230", "通道侗族自治县");
});

const person = (i: number) => ({ name: `代表${i}`, phone: `1380000000${i}` });
const told = async (token: string, petitionId: string) =>
  (
    await call<{ items: { event: string; petitionId: string | null }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token },
    )
  ).body.items
    .filter((n) => n.petitionId === petitionId)
    .map((n) => n.event);

describe("group visits", () => {
  it("take the county's number of representatives and alert the office at its threshold", async () => {
    const { townClerk, supervisor, leader } = county.people;
    const six = await register(county, townClerk.token, {
      headcount: 30,
      representatives: [1, 2, 3, 4, 5, 6].map(person),
    });
    expect(six.status).toBe(422);
    expect(JSON.stringify(six.body)).toContain("集体访代表不超过 5 人");

    const small = await register(county, townClerk.token, { headcount: 4 });
    expect(small.status).toBe(201);
    expect(await told(supervisor.token, small.body.id)).toEqual([]);

    const group = await register(county, townClerk.token, {
      headcount: 12,
      representatives: [1, 2, 3].map(person),
    });
    expect(group.status).toBe(201);
    expect(await told(supervisor.token, group.body.id)).toEqual(["case.groupVisit"]);
    expect(await told(leader.token, group.body.id)).toEqual(["case.groupVisit"]);
    // The representatives are sealed like the petitioner, and shown to those who may see them.
    expect(group.body.representatives).toHaveLength(3);

    // Zhejiang's rule: three representatives.
    const set = await call(`/api/v1/t/${county.code}/settings/deadline-policy`, {
      method: "PUT",
      token: county.adminToken,
      body: { representativesMax: 3, groupVisitAlertAt: 20 },
    });
    expect(set.status).toBe(200);
    const four = await register(county, townClerk.token, {
      headcount: 12,
      representatives: [1, 2, 3, 4].map(person),
    });
    expect(four.status).toBe(422);
    const below = await register(county, townClerk.token, { headcount: 12 });
    expect(await told(supervisor.token, below.body.id)).toEqual([]);
  });
});

describe("finality after re-review (§36)", () => {
  // Walks a case through review and re-review first: slow on a busy machine.
  it("is flagged however long ago, to those who may see the earlier case", {
    timeout: 30_000,
  }, async () => {
    // A county of its own: its repeat window is set to nothing below.
    county = await setUpCounty("431222", "沅陵县");
    const { clerk, handler, townClerk } = county.people;
    const reply = {
      request: "请求支付拖欠工资。",
      factsAndReasons: "经查属实。",
      decision: "责令支付。",
      legalBasis: "《劳动法》第五十条。",
      outcome: "support",
    };
    const petitioner = { name: "钱七", phone: "13700001234", address: "某镇" };
    const created = await register(county, clerk.token, { petitioner });
    const id = created.body.id;
    const step = async (token: string, path: string, body: Record<string, unknown> = {}) => {
      const reply = await call<{ status: string }>(
        `/api/v1/t/${county.code}/petitions/${id}/${path}`,
        { token, body },
      );
      expect(reply.status, path).toBe(200);
      return reply.body;
    };
    await step(clerk.token, "assign", { toUnitId: county.bureau });
    await step(handler.token, "reply", reply);
    await step(clerk.token, "review");
    await step(handler.token, "reply", reply);
    await step(clerk.token, "re-review");
    await step(handler.token, "reply", reply);
    const closed = await step(handler.token, "close", {
      factsClear: true,
      handled: true,
      fileComplete: true,
      petitionerOpinion: "不满意",
      method: "handled",
    });
    expect(closed.status).toBe("closed");
    // Long ago, as far as the repeat window can tell.
    await call(`/api/v1/t/${county.code}/settings/deadline-policy`, {
      method: "PUT",
      token: county.adminToken,
      body: { repeatWindowDays: 0 },
    });

    const again = await register(county, clerk.token, { petitioner });
    expect(again.body.flags.repeat).toBeUndefined();
    expect(again.body.flags.final).toEqual({ of: id, trackingCode: created.body.trackingCode });

    // A township clerk registering it never held the earlier case: not told of it.
    const atTown = await register(county, townClerk.token, { petitioner });
    expect(atTown.body.flags.final).toBeUndefined();
    expect(atTown.body.flags.firstPetition).toBe(true);
  });
});

describe("the representatives a group may choose (§20)", () => {
  it("follow the county's rule by headcount, as Zhejiang's 3 for 10 or fewer, else 5", async () => {
    const { townClerk } = county.people;
    const set = await call<{ groupVisit: unknown }>(
      `/api/v1/t/${county.code}/settings/deadline-policy`,
      {
        method: "PUT",
        token: county.adminToken,
        body: { representativesMax: 5, representativesSmallGroup: { upTo: 10, max: 3 } },
      },
    );
    expect(set.status).toBe(200);
    // The intake form reads the same rule the server applies.
    const read = await call<{ groupVisit: unknown; rules: Record<string, unknown> }>(
      `/api/v1/t/${county.code}/settings/deadline-policy`,
      { token: townClerk.token },
    );
    expect(read.body.groupVisit).toEqual({
      representativesMax: 5,
      smallGroup: { upTo: 10, representativesMax: 3 },
      alertAt: 5,
    });
    // Every period by name, for the forms' hints (no form writes "30 日" from memory).
    expect(read.body.rules.objection).toEqual({ days: 5, kind: "working" });
    expect(read.body.rules.extensionMax).toEqual({ days: 30, kind: "calendar" });
    expect(read.body.rules.repeatWindowDays).toBeUndefined();
    const ten = await register(county, townClerk.token, {
      headcount: 10,
      representatives: [1, 2, 3, 4].map(person),
    });
    expect(ten.status).toBe(422);
    expect(JSON.stringify(ten.body)).toContain("集体访代表不超过 3 人");
    const eleven = await register(county, townClerk.token, {
      headcount: 11,
      representatives: [1, 2, 3, 4, 5].map(person),
    });
    expect(eleven.status).toBe(201);
    const elevenSix = await register(county, townClerk.token, {
      headcount: 11,
      representatives: [1, 2, 3, 4, 5, 6].map(person),
    });
    expect(elevenSix.status).toBe(422);
  });
});
