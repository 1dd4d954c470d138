import { describe, expect, it } from "vitest";
import { afterFailedLogin, isLocked, LOCK_THRESHOLD } from "../../workers/domain/auth/lockout.ts";

const now = new Date("2026-11-22T08:00:00+08:00");
const minutes = (state: { lockedUntil: Date | null }) =>
  state.lockedUntil ? (state.lockedUntil.getTime() - now.getTime()) / 60_000 : 0;

describe("login lockout", () => {
  it("does not lock before the fifth failure", () => {
    for (let failed = 0; failed < LOCK_THRESHOLD - 1; failed += 1) {
      expect(afterFailedLogin(failed, now)).toEqual({
        failedLogins: failed + 1,
        lockedUntil: null,
      });
    }
  });

  it("locks for 5 minutes at the fifth failure and doubles after each further one, up to a day", () => {
    expect(minutes(afterFailedLogin(4, now))).toBe(5);
    expect(minutes(afterFailedLogin(5, now))).toBe(10);
    expect(minutes(afterFailedLogin(6, now))).toBe(20);
    expect(minutes(afterFailedLogin(12, now))).toBe(5 * 2 ** 8);
    expect(minutes(afterFailedLogin(13, now))).toBe(24 * 60);
    expect(minutes(afterFailedLogin(40, now))).toBe(24 * 60);
  });

  it("knows when a lock has run out", () => {
    expect(isLocked(null, now)).toBe(false);
    expect(isLocked(new Date(now.getTime() + 1), now)).toBe(true);
    expect(isLocked(new Date(now.getTime()), now)).toBe(false);
  });
});
