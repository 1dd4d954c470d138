import { beforeAll, describe, expect, it } from "vitest";
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
