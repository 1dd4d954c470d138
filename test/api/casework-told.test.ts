import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, getCase, register, setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431227", "新晃侗族自治县");
});

type Inbox = { items: { event: string; petitionId: string | null; body: string }[] };
const inbox = async (token: string, petitionId: string) =>
  (await call<Inbox>(`/api/v1/t/${county.code}/notifications`, { token })).body.items.filter(
    (n) => n.petitionId === petitionId,
  );
const events = async (token: string, petitionId: string) =>
  (await inbox(token, petitionId)).map((n) => n.event).sort();

/** SMS to the petitioner for this case, as written to the outbox. */
async function petitionerSms(petitionId: string) {
  const rows = await env.TENANT_DB_1.prepare(
    "SELECT body, recipient_label AS label FROM deliveries WHERE tenant_id = ? AND petition_id = ? AND event = 'petitioner.notice' AND channel = 'sms' ORDER BY created_at",
  )
    .bind(county.code, petitionId)
    .all<{ body: string; label: string }>();
  return rows.results;
}

const reply = {
  request: "请求支付拖欠工资。",
  factsAndReasons: "经查属实。",
  decision: "责令于 15 日内支付。",
  legalBasis: "《劳动法》第五十条。",
  outcome: "support",
};

const track = (trackingCode: string) =>
  call<{
    extension: { days: number; reason: string; due: string } | null;
    notices: { kind: string; method: string; content: string }[];
  }>(`/api/v1/t/${county.code}/public/track`, { body: { trackingCode, phoneLast4: "5678" } });

describe("everyone who must act is told at once", () => {
  it("tells the receiving unit, the handler and the county office, never the actor", async () => {
    const { clerk, supervisor, handler, bureauLeader, townClerk } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;

    expect((await act(county, clerk.token, id, "assign", { toUnitId: county.bureau })).status).toBe(
      200,
    );
    expect(await events(bureauLeader.token, id)).toEqual(["case.routed"]);
    // The assigning clerk did it; another unit has nothing to do with it.
    expect(await events(clerk.token, id)).toEqual([]);
    expect(await events(townClerk.token, id)).toEqual([]);

    await act(county, bureauLeader.token, id, "handler", { handlerId: handler.id });
    expect(await events(handler.token, id)).toEqual(["case.handlerDesignated"]);

    await act(county, handler.token, id, "reply", reply);
    // The completion report reaches the county office that assigned the case.
    expect(await events(supervisor.token, id)).toEqual(["case.replied"]);
    expect(await events(clerk.token, id)).toEqual(["case.replied"]);
  });

  it("tells the county office of an objection", async () => {
    const { clerk, supervisor, townLeader, townClerk } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.township });
    expect(await events(townLeader.token, id)).toEqual(["case.routed"]);
    const objected = await act(county, townClerk.token, id, "object", { reason: "不属本镇职责" });
    expect(objected.status).toBe(200);
    expect(await events(supervisor.token, id)).toEqual(["case.objected"]);
    const [note] = await inbox(supervisor.token, id);
    expect(note?.body).toContain("不属本镇职责");
  });

  it("writes nothing for a person the visibility rule hides the case from", async () => {
    const { clerk, bureauLeader, handler } = county.people;
    // An accusation sent to a unit: its people see it only once a handler is named there.
    const created = await register(county, clerk.token, {
      purpose: "accusation",
      subjectUnitId: county.otherBureau,
    });
    const id = created.body.id;
    expect(
      (await act(county, clerk.token, id, "accept", { subjectUnitId: county.otherBureau })).status,
    ).toBe(200);
    expect((await act(county, clerk.token, id, "assign", { toUnitId: county.bureau })).status).toBe(
      200,
    );
    const rows = await env.TENANT_DB_1.prepare(
      "SELECT (SELECT count(*) FROM notifications WHERE tenant_id = ?1 AND petition_id = ?2 AND staff_id = ?3) AS inbox, (SELECT count(*) FROM deliveries WHERE tenant_id = ?1 AND petition_id = ?2 AND event LIKE 'case.%') AS outbox",
    )
      .bind(county.code, id, bureauLeader.id)
      .first<{ inbox: number; outbox: number }>();
    expect(rows).toEqual({ inbox: 0, outbox: 0 });

    // Once the county office names the handler, the handler is told.
    await act(county, clerk.token, id, "handler", { handlerId: handler.id });
    expect(await events(handler.token, id)).toEqual(["case.handlerDesignated"]);
  });
});

describe("the petitioner always knows", () => {
  it("is sent and shown each owed step, the extension with its reason and new date", async () => {
    const { clerk, handler, bureauLeader } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    const extended = await act(county, bureauLeader.token, id, "extend", {
      days: 10,
      reason: "需实地核查",
    });
    expect(extended.status).toBe(200);
    const due = (extended.body.deadlines.handle as { due: string }).due;

    const sms = await petitionerSms(id);
    expect(sms.map((s) => s.label)).toEqual(["138****5678", "138****5678", "138****5678"]);
    expect(sms[0]?.body).toContain(created.body.trackingCode);
    expect(sms[0]?.body).toContain("已登记");
    expect(sms[1]?.body).toContain("已交办县人力资源和社会保障局办理");
    expect(sms[2]?.body).toContain(`延至 ${due}`);
    expect(sms[2]?.body).toContain("需实地核查");

    const tracked = await track(created.body.trackingCode);
    expect(tracked.body.extension).toEqual({ days: 10, reason: "需实地核查", due });
    expect(tracked.body.notices.map((n) => [n.kind, n.method])).toEqual([
      ["register", "sms"],
      ["assign", "sms"],
      ["extend", "sms"],
    ]);

    await act(county, bureauLeader.token, id, "handler", { handlerId: handler.id });
    await act(county, handler.token, id, "reply", reply);
    const last = (await petitionerSms(id)).at(-1)?.body ?? "";
    expect(last).toMatch(/可于 \d{4}-\d{2}-\d{2} 前请求复查/);
    expect(last).toContain("评价");

    const staffView = await getCase(county, clerk.token, id);
    expect((staffView.body.notices as unknown[]).length).toBe(4);
  });

  it("gives the reason of a decline (§23)", async () => {
    const { clerk } = county.people;
    const created = await register(county, clerk.token);
    const declined = await act(county, clerk.token, created.body.id, "decline", {
      reason: "属于诉讼途径解决的事项",
      ground: "other",
    });
    expect(declined.status).toBe(200);
    const last = (await petitionerSms(created.body.id)).at(-1)?.body ?? "";
    expect(last).toContain("不予受理。理由：属于诉讼途径解决的事项");
  });

  it("owes nothing when the address is unclear, and a notice by letter meets the clock", async () => {
    const { clerk } = county.people;
    const noAddress = await register(county, clerk.token, {
      petitioner: { name: "李四", phone: "13912345678" },
    });
    expect(noAddress.body.noticeOwed).toBe(false);
    expect(noAddress.body.deadlines.notice).toBeUndefined();
    // No clock to meet, but a petitioner who gave a phone still hears of each step.
    expect((await petitionerSms(noAddress.body.id)).length).toBe(1);

    const noPhone = await register(county, clerk.token, {
      petitioner: { name: "赵五", address: "某镇某村" },
    });
    expect(noPhone.body.deadlines.notice).toBeDefined();
    const told = await act(county, clerk.token, noPhone.body.id, "notice", {
      method: "letter",
      content: "已书面告知受理情况。",
    });
    expect(told.status).toBe(200);
    expect(told.body.deadlines.notice).toBeUndefined();
    expect(told.body.notices).toEqual([
      expect.objectContaining({ method: "letter", content: "已书面告知受理情况。" }),
    ]);
  });
});

describe("the petitioner asks for a review online", () => {
  it("within the window, with the human check; the office is told", async () => {
    const { clerk, supervisor, handler, bureauLeader } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;
    const code = created.body.trackingCode;
    const ask = async (reason: string, altcha?: string) =>
      call<{ status: string; reviewWindow: unknown }>(
        `/api/v1/t/${county.code}/public/review-request`,
        {
          body: {
            trackingCode: code,
            phoneLast4: "5678",
            reason,
            altcha: altcha ?? (await humanCheck(county)),
          },
        },
      );
    // Before any reply there is nothing to review.
    expect((await track(code)).body).toMatchObject({ reviewWindow: null });
    expect((await ask("不服")).status).toBe(409);

    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    await act(county, bureauLeader.token, id, "handler", { handlerId: handler.id });
    await act(county, handler.token, id, "reply", reply);
    expect((await track(code)).body).toMatchObject({
      reviewWindow: { kind: "review", closesOn: expect.stringMatching(/^\d{4}-/) },
    });
    // No human check, no request.
    expect((await ask("不服", "bogus")).status).toBe(422);

    const asked = await ask("赔偿金额计算有误");
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: "under_review", reviewWindow: null });
    expect(await events(supervisor.token, id)).toContain("case.reviewRequested");
    const staff = await getCase(county, clerk.token, id);
    expect(staff.body.status).toBe("under_review");
    expect((staff.body.deadlines as Record<string, unknown>).reviewAnswer).toBeDefined();
  });
});
