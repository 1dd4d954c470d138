import { describe, expect, it } from "vitest";
import {
  bookingWindowProblem,
  resolveReceptionPolicy,
} from "../../workers/domain/reception/booking-policy.ts";

const now = new Date("2026-11-22T09:00:00+08:00");
const policy = resolveReceptionPolicy(undefined);

describe("the booking window", () => {
  it("has the county defaults: two hours' notice, 90 days ahead, four a month, walk-in every third, three calls", () => {
    expect(policy).toEqual({
      monthlyBookingsPerPhone: 4,
      minimumNoticeMinutes: 120,
      horizonDays: 90,
      walkInEvery: 3,
      maxCalls: 3,
      codesPerPhonePerDay: 5,
      codesPerAddressPerDay: 20,
      codesPerCountyPerDay: 1000,
      trackAttemptsPerCase: 5,
      proofOfWorkDifficulty: 4,
    });
  });

  it("closes a slot two hours before it and opens one at most 90 days ahead", () => {
    expect(bookingWindowProblem(new Date("2026-11-22T10:59:00+08:00"), now, policy)).toMatch(
      /提前 120 分钟/,
    );
    expect(
      bookingWindowProblem(new Date("2026-11-22T11:00:00+08:00"), now, policy),
    ).toBeUndefined();
    expect(
      bookingWindowProblem(new Date("2027-02-20T09:00:00+08:00"), now, policy),
    ).toBeUndefined();
    expect(bookingWindowProblem(new Date("2027-02-20T09:01:00+08:00"), now, policy)).toMatch(
      /90 天/,
    );
  });

  it("falls back to the defaults when stored settings no longer parse", () => {
    expect(resolveReceptionPolicy({ maxCalls: "three" })).toEqual(policy);
    expect(resolveReceptionPolicy({ maxCalls: 5 }).maxCalls).toBe(5);
  });
});
