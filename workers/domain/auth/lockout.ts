/**
 * Five wrong passwords in a row lock an account. The lock starts at 5 minutes and doubles
 * with every further failure (5, 10, 20 … minutes), capped at 24 hours; a correct
 * password after the lock has expired resets the count.
 */
export const LOCK_THRESHOLD = 5;
const FIRST_LOCK_MS = 5 * 60_000;
const MAX_LOCK_MS = 24 * 60 * 60_000;

export interface LoginFailureState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function afterFailedLogin(failedLogins: number, now: Date): LoginFailureState {
  const failures = failedLogins + 1;
  if (failures < LOCK_THRESHOLD) return { failedLogins: failures, lockedUntil: null };
  const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (failures - LOCK_THRESHOLD), MAX_LOCK_MS);
  return { failedLogins: failures, lockedUntil: new Date(now.getTime() + lockMs) };
}

export function isLocked(lockedUntil: Date | null, now: Date): lockedUntil is Date {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
