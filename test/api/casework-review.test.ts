import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { listReviewList } from "../../workers/storage/review-list.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431228", "芷江侗族自治县");
});

type Inbox = { items: { event: string; petitionId: string | null; body: string }[] };
const told = async (token: string, petitionId: string) =>
  (await call<Inbox>(`/api/v1/t/${county.code}/notifications`, { token })).body.items
    .filter((n) => n.petitionId === petitionId)
    .map((n) => n.event);

const reply = {
  request: "请求支付拖欠工资。",
  factsAndReasons: "经查属实。",
  decision: "责令于 15 日内支付。",
  legalBasis: "《劳动法》第五十条。",
  outcome: "support",
};

async function assignedToBureau() {
  const { clerk, bureauLeader, handler } = county.people;
  const created = await register(county, clerk.token);
  const id = created.body.id;
  await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
  await act(county, bureauLeader.token, id, "handler", { handlerId: handler.id });
  return id;
}

describe("extensions are requested and approved (§34)", () => {
  it("goes from the handler to the unit's leader, who approves or refuses", async () => {
    const { handler, bureauLeader } = county.people;
    const id = await assignedToBureau();
    // The handler cannot extend on their own.
    expect((await act(county, handler.token, id, "extend", { days: 5, reason: "x" })).status).toBe(
      403,
    );
    const asked = await act(county, handler.token, id, "extension-request", {
      days: 10,
      reason: "需要补充调查",
    });
    expect(asked.status).toBe(200);
    expect(asked.body.extensionRequest).toMatchObject({ days: 10, reason: "需要补充调查" });
    expect(await told(bureauLeader.token, id)).toContain("case.extensionRequested");
    const twice = await act(county, handler.token, id, "extension-request", {
      days: 5,
      reason: "再申请",
    });
    expect(twice.status).toBe(409);

    const refused = await act(county, bureauLeader.token, id, "extension-refusal", {
      reason: "期限内可以办结",
    });
    expect(refused.status).toBe(200);
    expect(refused.body.extensionRequest).toBeNull();
    expect(refused.body.extensionDays).toBe(0);

    await act(county, handler.token, id, "extension-request", { days: 10, reason: "需要鉴定" });
    const approved = await act(county, bureauLeader.token, id, "extend", {
      days: 10,
      reason: "需要鉴定",
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ extensionDays: 10, extensionRequest: null });
  });
});

describe("the completion report is reviewed", () => {
  it("is accepted by the assigning office, or sent back with reasons and a new deadline", async () => {
    const { clerk, handler, bureauLeader } = county.people;
    const id = await assignedToBureau();
    await act(county, handler.token, id, "reply", reply);

    // Not the unit that reported.
    expect((await act(county, bureauLeader.token, id, "send-back", {})).status).toBe(400);
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (await act(county, bureauLeader.token, id, "send-back", { reason: "x", reportDue: due }))
        .status,
    ).toBe(403);

    const back = await act(county, clerk.token, id, "send-back", {
      reason: "事实未查清",
      reportDue: due,
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      status: "assigned",
      reply: null,
      routing: { reportDue: due, report: { sentBack: [{ reason: "事实未查清", reportDue: due }] } },
    });
    expect(await told(handler.token, id)).toContain("case.sentBack");

    await act(county, handler.token, id, "reply", reply);
    const accepted = await act(county, clerk.token, id, "report-acceptance", {});
    expect(accepted.status).toBe(200);
    expect((accepted.body.routing as { report: { acceptedOn: string } }).report.acceptedOn).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
  });
});

describe("cases from above (上级交办/转送)", () => {
  it("keep their level and reference, run to the upstream deadline when earlier, and owe a report upward", async () => {
    const { clerk, handler, bureauLeader } = county.people;
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await register(county, clerk.token, {
      fromAbove: { level: "city", reference: "怀信交〔2026〕88号", due: soon },
    });
    expect(created.status).toBe(201);
    expect(created.body.fromAbove).toEqual({
      level: "city",
      reference: "怀信交〔2026〕88号",
      due: soon,
      reportedOn: null,
    });
    const id = created.body.id;
    const assigned = await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    // Our own 60-day clock would run far later: the city's deadline governs.
    expect(assigned.body.deadlines.handle?.due).toBe(soon);

    expect((await act(county, clerk.token, id, "upward-report", {})).status).toBe(409);
    await act(county, bureauLeader.token, id, "handler", { handlerId: handler.id });
    await act(county, handler.token, id, "reply", reply);
    const reported = await act(county, clerk.token, id, "upward-report", {});
    expect(reported.status).toBe(200);
    expect((reported.body.fromAbove as { reportedOn: string }).reportedOn).toMatch(/^\d{4}-/);
    expect((await act(county, clerk.token, id, "upward-report", {})).status).toBe(409);

    // A case of the county's own owes no report upward.
    const own = await register(county, clerk.token);
    expect(own.body.fromAbove).toBeNull();
  });
});

describe("the review list (逐案评查)", () => {
  it("takes a case rated 不满意 and one petitioned again, each once, newest first", async () => {
    const { clerk, handler, bureauLeader, townClerk } = county.people;
    const id = await assignedToBureau();
    await act(county, handler.token, id, "reply", reply);
    const tracked = (
      await call<{ trackingCode: string }>(`/api/v1/t/${county.code}/petitions/${id}`, {
        token: clerk.token,
      })
    ).body.trackingCode;
    const rated = await call(`/api/v1/t/${county.code}/public/evaluate`, {
      body: {
        trackingCode: tracked,
        phoneLast4: "5678",
        handlingUnit: "unsatisfied",
        office: "satisfied",
      },
    });
    expect(rated.status).toBe(200);

    // The same person petitions again on the same matter.
    const again = await register(county, clerk.token);
    expect(again.body.flags.repeat).toBeDefined();

    type Page = { items: { id: string; reviewReason: string }[]; nextCursor: string | null };
    const list = await call<Page>(`/api/v1/t/${county.code}/review-list?limit=100`, {
      token: clerk.token,
    });
    expect(list.status).toBe(200);
    const reasons = Object.fromEntries(list.body.items.map((i) => [i.id, i.reviewReason]));
    expect(reasons[id]).toBe("unsatisfied");
    expect(list.body.items.filter((i) => i.id === id)).toHaveLength(1);
    expect(Object.values(reasons)).toContain("petitionedAgain");

    // A page at a time.
    const first = await call<Page>(`/api/v1/t/${county.code}/review-list?limit=1`, {
      token: clerk.token,
    });
    expect(first.body.items).toHaveLength(1);
    const second = await call<Page>(
      `/api/v1/t/${county.code}/review-list?limit=1&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
      { token: clerk.token },
    );
    expect(second.body.items[0]?.id).not.toBe(first.body.items[0]?.id);

    // A township that never held these cases is told nothing of them.
    const town = await call<Page>(`/api/v1/t/${county.code}/review-list`, {
      token: townClerk.token,
    });
    expect(town.body.items).toEqual([]);
    expect(bureauLeader.id).toBeTruthy();
  });

  it("is finished by the county office with a conclusion (评查完毕), and the case leaves it", async () => {
    const { clerk, handler, bureauLeader, townClerk } = county.people;
    const id = await assignedToBureau();
    await act(county, handler.token, id, "reply", reply);
    const code = (
      await call<{ trackingCode: string }>(`/api/v1/t/${county.code}/petitions/${id}`, {
        token: clerk.token,
      })
    ).body.trackingCode;
    const rated = await call(`/api/v1/t/${county.code}/public/evaluate`, {
      body: {
        trackingCode: code,
        phoneLast4: "5678",
        handlingUnit: "unsatisfied",
        office: "satisfied",
      },
    });
    expect(rated.status).toBe(200);
    type Page = { items: { id: string }[] };
    const listed = async () =>
      (
        await call<Page>(`/api/v1/t/${county.code}/review-list?limit=100`, { token: clerk.token })
      ).body.items.some((i) => i.id === id);
    expect(await listed()).toBe(true);

    const before = await call<{ version: number }>(`/api/v1/t/${county.code}/petitions/${id}`, {
      token: clerk.token,
    });
    const finish = (token: string, body: Record<string, unknown>) =>
      call<{ id: string; version: number; error?: { code: string } }>(
        `/api/v1/t/${county.code}/petitions/${id}/review-conclusion`,
        { token, body },
      );
    const conclusion = "答复依据充分，程序合规，维持原处理意见。";
    const version = before.body.version;
    // The units on the case see it but do not review it; a unit that may not see it is told
    // the case does not exist.
    for (const person of [handler, bureauLeader]) {
      expect((await finish(person.token, { conclusion })).status).toBe(403);
    }
    expect((await finish(townClerk.token, { conclusion })).status).toBe(404);
    expect((await finish(clerk.token, { conclusion: "  " })).status).toBe(400);
    expect(await listed()).toBe(true);

    const done = await finish(clerk.token, { conclusion });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ id, version: version + 1 });
    expect(await listed()).toBe(false);
    const again = await finish(clerk.token, { conclusion });
    expect(again.status).toBe(409);

    const after = await call<{ timeline: { action: string; note: string | null }[] }>(
      `/api/v1/t/${county.code}/petitions/${id}`,
      { token: clerk.token },
    );
    expect(after.body.timeline.at(-1)).toMatchObject({ action: "finishReview", note: conclusion });
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT action FROM audit_log WHERE tenant_id = ? AND target_id = ?",
    )
      .bind(county.code, id)
      .all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toContain("petition.finishReview");
  });

  it("is read through its index", async () => {
    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    const { sql, params } = listReviewList(
      scope,
      { staffId: "s", unitId: "u", unitSubtree: ["u"], inCountyOffice: true },
      { limit: 30 },
    ).toSQL();
    const plan = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join("\n")).toMatch(
      /SEARCH petitions USING INDEX petitions_tenant_review_list_idx/,
    );
  });
});

describe("closing and signing", () => {
  it("takes the petitioner's online evaluation as their opinion, and offers sign-off once", async () => {
    const { clerk, handler, bureauLeader } = county.people;
    const id = await assignedToBureau();
    await act(county, bureauLeader.token, id, "owner", { leaderId: bureauLeader.id });
    const beforeSigning = await act(county, handler.token, id, "reply", reply);
    expect(beforeSigning.status).toBe(200);
    const signed = await act(county, bureauLeader.token, id, "sign-off", {});
    expect(signed.status).toBe(200);
    // Signed: no longer offered, and refused if tried again.
    expect(signed.body.availableActions).not.toContain("signOff");
    expect((await act(county, bureauLeader.token, id, "sign-off", {})).status).toBe(403);

    const code = (
      await call<{ trackingCode: string }>(`/api/v1/t/${county.code}/petitions/${id}`, {
        token: clerk.token,
      })
    ).body.trackingCode;
    await call(`/api/v1/t/${county.code}/public/evaluate`, {
      body: {
        trackingCode: code,
        phoneLast4: "5678",
        handlingUnit: "satisfied",
        office: "basically_satisfied",
        comment: "办得快",
      },
    });
    const closed = await act(county, handler.token, id, "close", {
      factsClear: true,
      handled: true,
      fileComplete: true,
      petitionerOpinion: "",
      method: "handled",
    });
    expect(closed.status).toBe(200);
    expect((closed.body.closure as { petitionerOpinion: string }).petitionerOpinion).toBe(
      "信访人网上评价：对承办单位满意，对信访部门基本满意；意见：办得快",
    );
  });
});
