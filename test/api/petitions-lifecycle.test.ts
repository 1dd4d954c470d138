import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, getCase, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431226", "麻阳苗族自治县");
});

const reply = {
  request: "请求支付拖欠工资。",
  factsAndReasons: "经查，某公司确有拖欠工资三个月的事实。",
  decision: "责令该公司于 15 日内足额支付。",
  legalBasis: "《劳动法》第五十条；《保障农民工工资支付条例》。",
  outcome: "support",
};

describe("a petition from registration to follow-up", () => {
  it("is assigned, answered, tracked, evaluated, reviewed, signed off, closed and followed up", async () => {
    const { clerk, handler, supervisor, leader } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;

    const assigned = await act(county, clerk.token, id, "assign", {
      toUnitId: county.bureau,
      instructions: "请于期限内办结并报送办结报告。",
      version: 1,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      status: "assigned",
      version: 2,
      responsibleUnitId: county.bureau,
    });
    expect(assigned.body.deadlines.handle).toBeDefined();
    expect(assigned.body.deadlines.receivingNotice).toBeDefined();
    expect(assigned.body.deadlines.objection).toBeDefined();
    expect(assigned.body.deadlines.accept).toBeUndefined();

    // The bureau's handler sees it now and may answer.
    const atBureau = await getCase(county, handler.token, id);
    expect(atBureau.status).toBe(200);
    expect(atBureau.body.availableActions).toEqual(expect.arrayContaining(["reply", "object"]));
    expect(atBureau.body.availableActions).not.toContain("extend");

    const answered = await act(county, handler.token, id, "reply", reply);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: "replied",
      reply: { stage: "first", outcome: "support" },
    });
    expect(answered.body.deadlines.evaluation).toBeDefined();
    expect(answered.body.deadlines.reviewRequest).toBeDefined();
    expect(answered.body.evaluation).toMatchObject({ status: "pending" });

    const tracked = await call<{ status: string; reply: { decision: string; unitName: string } }>(
      `/api/v1/t/${county.code}/public/track`,
      { body: { trackingCode: created.body.trackingCode, phoneLast4: "5678" } },
    );
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({
      status: "replied",
      reply: { decision: reply.decision, unitName: "县人力资源和社会保障局" },
    });

    const evaluated = await call(`/api/v1/t/${county.code}/public/evaluate`, {
      body: {
        trackingCode: created.body.trackingCode,
        phoneLast4: "5678",
        handlingUnit: "basically_satisfied",
        office: "satisfied",
      },
    });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body).toMatchObject({
      status: "done",
      handlingUnit: "basically_satisfied",
      office: "satisfied",
    });

    const review = await act(county, clerk.token, id, "review", { note: "信访人书面申请复查" });
    expect(review.body).toMatchObject({ status: "under_review" });
    expect(review.body.deadlines.reviewAnswer).toBeDefined();
    const reviewed = await act(county, handler.token, id, "reply", {
      ...reply,
      decision: "维持原处理意见。",
    });
    expect(reviewed.body).toMatchObject({ status: "reviewed", reply: { stage: "review" } });

    const owned = await act(county, supervisor.token, id, "owner", { leaderId: leader.id });
    expect(owned.body).toMatchObject({ ownerLeaderId: leader.id, ownerSignedOff: false });

    const closeBody = {
      factsClear: true,
      handled: true,
      fileComplete: true,
      petitionerOpinion: "信访人表示基本满意。",
      method: "handled",
    };
    const refused = await act(county, handler.token, id, "close", closeBody);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.details).toMatchObject({ blockers: ["ownerSignedOff"] });

    const signed = await act(county, leader.token, id, "sign-off", { note: "同意结案" });
    expect(signed.body.ownerSignedOff).toBe(true);
    const closed = await act(county, handler.token, id, "close", closeBody);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closure: { method: "handled" } });

    const followUp = await act(county, leader.token, id, "follow-up", {
      note: "回访，信访人已收到工资。",
    });
    expect(followUp.status).toBe(200);

    const final = await getCase(county, clerk.token, id);
    const timeline = final.body.timeline as {
      action: string;
      fromStatus: string | null;
      toStatus: string;
      actorId: string | null;
    }[];
    expect(timeline.map((e) => e.action)).toEqual([
      "register",
      "assign",
      "reply",
      "evaluate",
      "requestReview",
      "reply",
      "assignOwner",
      "signOff",
      "close",
      "recordFollowUp",
    ]);
    expect(timeline[1]).toMatchObject({
      fromStatus: "registered",
      toStatus: "assigned",
      actorId: clerk.id,
    });
  });
});

describe("the state machine", () => {
  it("answers an action the state does not allow with 409 and the allowed actions", async () => {
    const created = await register(county, county.people.clerk.token);
    const early = await act(county, county.people.clerk.token, created.body.id, "close", {
      factsClear: true,
      handled: true,
      fileComplete: true,
      petitionerOpinion: "x",
      method: "handled",
    });
    expect(early.status).toBe(409);
    expect(early.body.error?.details).toMatchObject({
      status: "registered",
      allowedActions: expect.arrayContaining(["accept", "decline", "forward", "assign"]),
    });
  });

  it("answers a role without the right with 403", async () => {
    const created = await register(county, county.people.clerk.token);
    const byHandler = await act(county, county.people.handler.token, created.body.id, "accept");
    // The bureau handler cannot even see a case registered at the county office.
    expect(byHandler.status).toBe(404);
    const accepted = await act(county, county.people.clerk.token, created.body.id, "accept");
    expect(accepted.status).toBe(200);
    const extendByClerk = await act(county, county.people.clerk.token, created.body.id, "extend", {
      days: 10,
      reason: "案情复杂",
    });
    expect(extendByClerk.status).toBe(403);
    expect(extendByClerk.body).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("refuses a write based on a stale version, and never half-writes it", async () => {
    const created = await register(county, county.people.clerk.token);
    const first = await act(county, county.people.clerk.token, created.body.id, "accept", {
      version: 1,
    });
    expect(first.status).toBe(200);
    const stale = await act(county, county.people.clerk.token, created.body.id, "forward", {
      toUnitId: county.bureau,
      version: 1,
    });
    expect(stale.status).toBe(409);
    const after = await getCase(county, county.people.clerk.token, created.body.id);
    expect(after.body).toMatchObject({ status: "accepted", version: 2 });
  });

  it("lets exactly one of two simultaneous actions win", async () => {
    const created = await register(county, county.people.clerk.token);
    const [a, b] = await Promise.all([
      act(county, county.people.clerk.token, created.body.id, "forward", {
        toUnitId: county.bureau,
      }),
      act(county, county.people.supervisor.token, created.body.id, "forward", {
        toUnitId: county.otherBureau,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM petition_events WHERE tenant_id = ? AND petition_id = ?",
    )
      .bind(county.code, created.body.id)
      .first<{ n: number }>();
    expect(events?.n).toBe(2);
  });
});

describe("deadlines on the case", () => {
  it("extends the handling deadline up to 30 days in all, approved by a leader (§34)", async () => {
    const created = await register(county, county.people.clerk.token);
    const accepted = await act(county, county.people.clerk.token, created.body.id, "accept");
    const before = accepted.body.deadlines.handle?.due ?? "";
    const extended = await act(county, county.people.leader.token, created.body.id, "extend", {
      days: 20,
      reason: "需要补充调查",
    });
    expect(extended.status).toBe(200);
    expect(extended.body.extensionDays).toBe(20);
    expect((extended.body.deadlines.handle?.due ?? "") > before).toBe(true);
    const tooMuch = await act(county, county.people.leader.token, created.body.id, "extend", {
      days: 11,
      reason: "再延",
    });
    expect(tooMuch.status).toBe(422);
  });

  it("lets the receiving unit object within 5 working days and returns the case to the sender", async () => {
    const created = await register(county, county.people.clerk.token);
    await act(county, county.people.clerk.token, created.body.id, "forward", {
      toUnitId: county.otherBureau,
    });
    const objected = await act(
      county,
      county.people.otherHandler.token,
      created.body.id,
      "object",
      {
        reason: "该事项属人社部门职责。",
      },
    );
    expect(objected.status).toBe(200);
    expect(objected.body).toMatchObject({ status: "objected", responsibleUnitId: county.office });
    const rerouted = await act(county, county.people.clerk.token, created.body.id, "assign", {
      toUnitId: county.bureau,
    });
    expect(rerouted.body).toMatchObject({ status: "assigned", responsibleUnitId: county.bureau });
  });

  it("pauses the re-review clock for a hearing (§36)", async () => {
    const { clerk, handler } = county.people;
    const created = await register(county, clerk.token);
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    await act(county, handler.token, id, "reply", reply);
    await act(county, clerk.token, id, "review");
    await act(county, handler.token, id, "reply", reply);
    const reReview = await act(county, clerk.token, id, "re-review");
    expect(reReview.body.status).toBe("under_re_review");
    const before = reReview.body.deadlines.reReviewAnswer?.due ?? "";
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const hearing = await act(county, clerk.token, id, "hearing", {
      startedOn: today,
      endedOn: today,
    });
    expect(hearing.status).toBe(200);
    expect(hearing.body.pausedDays).toBe(1);
    expect((hearing.body.deadlines.reReviewAnswer?.due ?? "") >= before).toBe(true);
    const final = await act(county, handler.token, id, "reply", reply);
    expect(final.body).toMatchObject({ status: "re_reviewed", reply: { stage: "reReview" } });

    // After re-review the same matter is flagged so the office can refuse it (§36).
    const again = await register(county, clerk.token);
    expect(again.body.flags).toMatchObject({
      repeat: { of: id, afterReReview: true },
    });
  });
});
