import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  HolidayCalendar,
  OFFICIAL_CALENDAR,
  resolvePolicy,
} from "../../workers/domain/deadlines/index.ts";
import {
  type ClockFacts,
  caseClocks,
  clockColumns,
} from "../../workers/domain/petitions/clocks.ts";

const calendar = new HolidayCalendar(OFFICIAL_CALENDAR);
const base: ClockFacts = {
  status: "registered",
  receivedOn: "2026-03-02",
  registeredOn: "2026-03-03",
  noticeOwed: true,
  noticedOn: null,
  firstPetition: false,
  routing: null,
  extensionDays: 0,
  pausedDays: 0,
  repliedOn: null,
  reviewRequestedOn: null,
  reReviewRequestedOn: null,
  evaluated: false,
  upstreamDue: null,
};
const keys = (facts: Partial<ClockFacts>, policy = DEFAULT_POLICY) =>
  caseClocks({ ...base, ...facts }, policy, calendar).map((c) => `${c.key}:${c.due}`);

describe("the clocks of a case", () => {
  it("run the accept and notice clocks from receipt while registered; no notice for anonymous letters", () => {
    expect(keys({})).toEqual(["accept:2026-03-17", "notice:2026-03-17"]);
    expect(keys({ noticeOwed: false })).toEqual(["accept:2026-03-17"]);
    // A notice recorded by letter or on the spot meets §23's clock.
    expect(keys({ noticedOn: "2026-03-05" })).toEqual(["accept:2026-03-17"]);
  });

  it("run the handling clock from the routing, with the receiving unit's notice and objection windows", () => {
    const routing = { kind: "assign" as const, toUnitId: "b", fromUnitId: "a", on: "2026-03-02" };
    // 60 days from 2 March is 1 May (劳动节 1–5 May): moved to 6 May.
    expect(keys({ status: "assigned", routing })).toEqual([
      "handle:2026-05-06",
      "receivingNotice:2026-03-17",
      "objection:2026-03-09",
    ]);
    expect(keys({ status: "accepted", routing: { ...routing, kind: "accept" } })).toEqual([
      "handle:2026-05-06",
    ]);
    expect(
      keys({ status: "accepted", routing: { ...routing, kind: "accept" }, extensionDays: 30 }),
    ).toEqual(["handle:2026-06-01"]);
  });

  it("open the petitioner's windows after a reply and stop the evaluation clock once evaluated", () => {
    expect(keys({ status: "replied", repliedOn: "2026-05-06" })).toEqual([
      "reviewRequest:2026-06-05",
      "evaluation:2026-06-05",
    ]);
    expect(keys({ status: "replied", repliedOn: "2026-05-06", evaluated: true })).toEqual([
      "reviewRequest:2026-06-05",
    ]);
  });

  it("pause the re-review answer for hearing days", () => {
    const facts = {
      status: "under_re_review" as const,
      repliedOn: "2026-06-01",
      reReviewRequestedOn: "2026-06-10",
      evaluated: true,
    };
    expect(keys(facts)).toEqual(["reReviewAnswer:2026-07-10"]);
    expect(keys({ ...facts, pausedDays: 5 })).toEqual(["reReviewAnswer:2026-07-15"]);
  });

  it("add the first-petition targets when the county uses them", () => {
    const policy = resolvePolicy({ firstPetitionTargets: {} });
    expect(keys({ firstPetition: true }, policy)).toEqual([
      "accept:2026-03-17",
      "notice:2026-03-17",
      "targetMeet:2026-03-06",
      "targetFeedback:2026-03-10",
      "targetClose:2026-03-24",
    ]);
  });

  it("store the next office deadline, and the earliest alert, on the case", () => {
    const columns = clockColumns(caseClocks(base, DEFAULT_POLICY, calendar), DEFAULT_POLICY);
    expect(columns.nextDeadlineKey).toBe("accept");
    expect(columns.nextDeadlineAt?.toISOString()).toBe("2026-03-17T16:00:00.000Z");
    // 70 % of 15 days is day 11 (13 March), at 08:00 CST.
    expect(columns.nextAlertAt?.toISOString()).toBe("2026-03-13T00:00:00.000Z");
  });
});
