import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  type DeadlineClock,
  DeadlinePolicyOverridesSchema,
  deadlineFor,
  deadlineStatus,
  HolidayCalendar,
  nextDeadline,
  OFFICIAL_CALENDAR,
  resolvePolicy,
  TARGETS_3_7_21,
  uncoveredYears,
  ZHEJIANG_EXAMPLE,
} from "../../workers/domain/deadlines/index.ts";

const cal = new HolidayCalendar(OFFICIAL_CALENDAR);

describe("the deadline policy", () => {
  it("defaults to the 条例", () => {
    expect(DEFAULT_POLICY.accept).toEqual({ days: 15, kind: "calendar" });
    expect(DEFAULT_POLICY.notice).toEqual({ days: 15, kind: "calendar" });
    expect(DEFAULT_POLICY.receivingNotice).toEqual({ days: 15, kind: "calendar" });
    expect(DEFAULT_POLICY.objection).toEqual({ days: 5, kind: "working" });
    expect(DEFAULT_POLICY.handle).toEqual({ days: 60, kind: "calendar" });
    expect(DEFAULT_POLICY.extensionMax).toEqual({ days: 30, kind: "calendar" });
    for (const key of [
      "reviewRequest",
      "reviewAnswer",
      "reReviewRequest",
      "reReviewAnswer",
      "evaluation",
    ] as const) {
      expect(DEFAULT_POLICY[key]).toEqual({ days: 30, kind: "calendar" });
    }
    expect(DEFAULT_POLICY.repeatWindowDays).toBe(365);
    expect(DEFAULT_POLICY.firstPetitionTargets).toBeNull();
    expect(Object.isFrozen(DEFAULT_POLICY.handle)).toBe(true);
  });

  it("resolves no overrides to the defaults, as a fresh copy", () => {
    const policy = resolvePolicy({});
    expect(policy).toEqual(DEFAULT_POLICY);
    policy.handle.days = 10;
    expect(DEFAULT_POLICY.handle.days).toBe(60);
  });

  it("applies the Zhejiang example", () => {
    const policy = resolvePolicy(ZHEJIANG_EXAMPLE);
    expect(policy.accept).toEqual({ days: 5, kind: "working" });
    expect(policy.handle).toEqual({ days: 30, kind: "calendar" });
    expect(policy.extensionMax).toEqual({ days: 60, kind: "calendar" });
    expect(policy.notice).toEqual({ days: 15, kind: "calendar" });
    expect(policy.objection).toEqual({ days: 5, kind: "working" });
  });

  it("merges a rule field by field", () => {
    expect(resolvePolicy({ accept: { kind: "working" } }).accept).toEqual({
      days: 15,
      kind: "working",
    });
    expect(resolvePolicy({ handle: { days: 45 } }).handle).toEqual({ days: 45, kind: "calendar" });
    expect(resolvePolicy({ repeatWindowDays: 730 }).repeatWindowDays).toBe(730);
  });

  it("turns first-petition targets on from 3-7-21 and off with null", () => {
    expect(resolvePolicy({ firstPetitionTargets: {} }).firstPetitionTargets).toEqual({
      meet: { days: 3, kind: "calendar" },
      feedback: { days: 7, kind: "calendar" },
      close: { days: 21, kind: "calendar" },
    });
    expect(TARGETS_3_7_21.close.days).toBe(21);
    expect(
      resolvePolicy({ firstPetitionTargets: { close: { days: 15, kind: "working" } } })
        .firstPetitionTargets?.close,
    ).toEqual({ days: 15, kind: "working" });
    expect(resolvePolicy({ firstPetitionTargets: null }).firstPetitionTargets).toBeNull();
  });

  it("validates an administrator's edit", () => {
    const ok = (v: unknown) => DeadlinePolicyOverridesSchema.safeParse(v).success;
    expect(ok(ZHEJIANG_EXAMPLE)).toBe(true);
    expect(ok({ accept: { days: 0 } })).toBe(true);
    expect(ok({ accept: { days: 365 } })).toBe(true);
    expect(ok({ accept: { days: -1 } })).toBe(false);
    expect(ok({ accept: { days: 366 } })).toBe(false);
    expect(ok({ accept: { days: 1.5 } })).toBe(false);
    expect(ok({ accept: { days: "15" } })).toBe(false);
    expect(ok({ accept: { kind: "hours" } })).toBe(false);
    expect(ok({ acept: { days: 5 } })).toBe(false);
    expect(ok({ accept: { days: 5, unit: "day" } })).toBe(false);
    expect(ok({ repeatWindowDays: -5 })).toBe(false);
    expect(ok({ firstPetitionTargets: { meet: { kind: "hours" } } })).toBe(false);
    expect(() => resolvePolicy(JSON.parse('{"handle":{"days":-1}}'))).toThrow();
  });
});

describe("the deadlines of a case", () => {
  it("sets the acceptance and objection deadlines", () => {
    expect(deadlineFor("accept", "2026-01-20", DEFAULT_POLICY, cal)).toEqual({
      key: "accept",
      from: "2026-01-20",
      rule: { days: 15, kind: "calendar" },
      due: "2026-02-04",
    });
    expect(deadlineFor("objection", "2026-02-13", DEFAULT_POLICY, cal).due).toBe("2026-02-27");
    expect(deadlineFor("receivingNotice", "2026-02-01", DEFAULT_POLICY, cal).due).toBe(
      "2026-02-24",
    );
  });

  it("accepts within 5 working days under the Zhejiang example", () => {
    const zhejiang = resolvePolicy(ZHEJIANG_EXAMPLE);
    expect(deadlineFor("accept", "2026-02-13", zhejiang, cal).due).toBe("2026-02-27");
    expect(deadlineFor("handle", "2026-03-02", zhejiang, cal).due).toBe("2026-04-01");
    // 30 + 60 = 90 days: Sun 31 May → Mon 1 Jun.
    expect(deadlineFor("handle", "2026-03-02", zhejiang, cal, { extensionDays: 60 }).due).toBe(
      "2026-06-01",
    );
    expect(() => deadlineFor("handle", "2026-03-02", zhejiang, cal, { extensionDays: 61 })).toThrow(
      RangeError,
    );
  });

  it("adds an approved extension to the 60-day handling period (§34)", () => {
    expect(deadlineFor("handle", "2026-03-02", DEFAULT_POLICY, cal).due).toBe("2026-05-06");
    // 90 days from 2 Mar is Sun 31 May, not 30 days after the moved date of 6 May.
    expect(deadlineFor("handle", "2026-03-02", DEFAULT_POLICY, cal, { extensionDays: 30 })).toEqual(
      {
        key: "handle",
        from: "2026-03-02",
        rule: { days: 90, kind: "calendar" },
        due: "2026-06-01",
        extensionDays: 30,
      },
    );
    expect(
      deadlineFor("handle", "2026-03-02", DEFAULT_POLICY, cal, { extensionDays: 15 }).due,
    ).toBe("2026-05-18"); // 75 days: Sat 16 May → Mon 18 May
    expect(deadlineFor("handle", "2026-03-02", DEFAULT_POLICY, cal, { extensionDays: 0 }).due).toBe(
      "2026-05-06",
    );
  });

  it("refuses an extension beyond the maximum, negative, or on another deadline", () => {
    const extend = (key: "handle" | "accept", extensionDays: number) => () =>
      deadlineFor(key, "2026-03-02", DEFAULT_POLICY, cal, { extensionDays });
    expect(extend("handle", 31)).toThrow(RangeError);
    expect(extend("handle", -1)).toThrow(RangeError);
    expect(extend("handle", 2.5)).toThrow(RangeError);
    expect(extend("accept", 5)).toThrow(RangeError);
  });

  it("leaves hearing time out of the re-review answer (§36)", () => {
    expect(deadlineFor("reReviewAnswer", "2026-06-01", DEFAULT_POLICY, cal).due).toBe("2026-07-01");
    // 30 + 10 paused = 40 days: Sat 11 Jul → Mon 13 Jul.
    expect(
      deadlineFor("reReviewAnswer", "2026-06-01", DEFAULT_POLICY, cal, { pausedDays: 10 }),
    ).toEqual({
      key: "reReviewAnswer",
      from: "2026-06-01",
      rule: { days: 30, kind: "calendar" },
      due: "2026-07-13",
      pausedDays: 10,
    });
    expect(() =>
      deadlineFor("handle", "2026-06-01", DEFAULT_POLICY, cal, { pausedDays: 10 }),
    ).toThrow(RangeError);
  });

  it("pauses a working-day re-review by its calendar days", () => {
    const policy = resolvePolicy({ reReviewAnswer: { days: 5, kind: "working" } });
    // Counting starts after Wed 10 Jun + 7 paused days = Wed 17 Jun: 18 = 1, 19–21 端午,
    // 22 = 2, 23 = 3, 24 = 4, 25 = 5.
    expect(deadlineFor("reReviewAnswer", "2026-06-10", policy, cal, { pausedDays: 7 }).due).toBe(
      "2026-06-25",
    );
  });

  it("runs review windows across 端午 and 国庆 2026", () => {
    expect(deadlineFor("reviewRequest", "2026-05-20", DEFAULT_POLICY, cal).due).toBe("2026-06-22");
    expect(deadlineFor("reviewAnswer", "2026-09-01", DEFAULT_POLICY, cal).due).toBe("2026-10-08");
    expect(deadlineFor("evaluation", "2026-09-10", DEFAULT_POLICY, cal).due).toBe("2026-10-10");
    expect(deadlineFor("reReviewRequest", "2026-08-27", DEFAULT_POLICY, cal).due).toBe(
      "2026-09-28",
    );
  });

  it("sets 3-7-21 first-petition targets only when the county uses them", () => {
    expect(() => deadlineFor("targetMeet", "2026-03-02", DEFAULT_POLICY, cal)).toThrow(RangeError);
    const policy = resolvePolicy({ firstPetitionTargets: {} });
    expect(deadlineFor("targetMeet", "2026-03-02", policy, cal).due).toBe("2026-03-05");
    expect(deadlineFor("targetFeedback", "2026-03-02", policy, cal).due).toBe("2026-03-09");
    expect(deadlineFor("targetClose", "2026-03-02", policy, cal).due).toBe("2026-03-23");
    // Registered the day before 春节: meet and feedback both fall in the holiday.
    expect(deadlineFor("targetMeet", "2026-02-13", policy, cal).due).toBe("2026-02-24");
    expect(deadlineFor("targetClose", "2026-02-13", policy, cal).due).toBe("2026-03-06");
  });

  it("warns about years whose holiday notice is not entered", () => {
    const clock = deadlineFor("handle", "2026-12-01", DEFAULT_POLICY, cal);
    expect(clock.due).toBe("2027-02-01"); // Sat 30 Jan 2027, weekends only
    expect(uncoveredYears(clock, cal)).toEqual([2027]);
    expect(uncoveredYears(deadlineFor("handle", "2026-03-02", DEFAULT_POLICY, cal), cal)).toEqual(
      [],
    );
  });
});

describe("the next deadline", () => {
  const clock = (key: DeadlineClock["key"], due: string): DeadlineClock => ({
    key,
    due,
    from: "2026-02-13",
    rule: { days: 15, kind: "calendar" },
  });

  it("is the earliest, the first listed on a tie", () => {
    const clocks = [
      clock("handle", "2026-05-06"),
      clock("objection", "2026-02-27"),
      clock("notice", "2026-02-27"),
      clock("accept", "2026-02-28"),
    ];
    expect(nextDeadline(clocks)?.key).toBe("objection");
    expect(nextDeadline(clocks.slice(2))?.key).toBe("notice");
    expect(nextDeadline([])).toBeUndefined();
  });
});

describe("the status of a deadline", () => {
  const tenDays: DeadlineClock = {
    key: "notice",
    from: "2026-03-02",
    due: "2026-03-12",
    rule: { days: 10, kind: "calendar" },
  };

  it("turns near at 70 % of the span, due on the day, overdue after", () => {
    expect(deadlineStatus(tenDays, "2026-03-02", cal)).toEqual({
      state: "ok",
      daysLeft: 10,
      workingDaysLeft: 8,
      fractionUsed: 0,
    });
    expect(deadlineStatus(tenDays, "2026-03-08", cal).state).toBe("ok");
    expect(deadlineStatus(tenDays, "2026-03-08", cal).fractionUsed).toBeCloseTo(0.6, 10);
    expect(deadlineStatus(tenDays, "2026-03-09", cal)).toEqual({
      state: "near",
      daysLeft: 3,
      workingDaysLeft: 3,
      fractionUsed: 0.7,
    });
    expect(deadlineStatus(tenDays, "2026-03-12", cal)).toEqual({
      state: "dueToday",
      daysLeft: 0,
      workingDaysLeft: 0,
      fractionUsed: 1,
    });
    const late = deadlineStatus(tenDays, "2026-03-16", cal);
    expect(late.state).toBe("overdue");
    expect(late.daysLeft).toBe(-4);
    expect(late.workingDaysLeft).toBe(-2); // Fri 13 and Mon 16 Mar
    expect(late.fractionUsed).toBeCloseTo(1.4, 10);
  });

  it("takes another threshold", () => {
    expect(deadlineStatus(tenDays, "2026-03-07", cal, 0.5).state).toBe("near");
    expect(deadlineStatus(tenDays, "2026-03-06", cal, 0.5).state).toBe("ok");
    expect(() => deadlineStatus(tenDays, "2026-03-06", cal, 0)).toThrow(RangeError);
    expect(() => deadlineStatus(tenDays, "2026-03-06", cal, 1.5)).toThrow(RangeError);
  });

  it("counts working days left across 春节", () => {
    const accept = deadlineFor("accept", "2026-02-01", DEFAULT_POLICY, cal);
    expect(accept.due).toBe("2026-02-24");
    const status = deadlineStatus(accept, "2026-02-13", cal);
    // 14 Feb (make-up) and 24 Feb; 12 of 23 days used.
    expect(status).toMatchObject({ state: "ok", daysLeft: 11, workingDaysLeft: 2 });
    expect(status.fractionUsed).toBeCloseTo(12 / 23, 10);
    expect(deadlineStatus(accept, "2026-02-18", cal).state).toBe("near"); // 17/23
  });

  it("reads a zero-day deadline as due at once", () => {
    const onTheSpot = deadlineFor(
      "notice",
      "2026-03-04",
      resolvePolicy({ notice: { days: 0 } }),
      cal,
    );
    expect(onTheSpot.due).toBe("2026-03-04");
    expect(deadlineStatus(onTheSpot, "2026-03-04", cal)).toMatchObject({
      state: "dueToday",
      fractionUsed: 0,
    });
    expect(deadlineStatus(onTheSpot, "2026-03-05", cal)).toMatchObject({
      state: "overdue",
      daysLeft: -1,
      fractionUsed: 1,
    });
  });
});
