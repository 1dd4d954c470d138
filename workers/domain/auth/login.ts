import type { StaffRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findActiveTenant } from "../../storage/control.ts";
import { bumpCounters, clearCounter, lockCounter, readCounter } from "../../storage/edges.ts";
import { insertSessionStatement } from "../../storage/sessions.ts";
import { findStaffByUsername } from "../../storage/staff.ts";
import { openTenantScope } from "../../storage/tenant-scope.ts";
import { sha256Hex } from "../crypto/digest.ts";
import { deriveTenantKeys, lookupHash } from "../crypto/pii.ts";
import { afterFailedLogin, isLocked } from "./lockout.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import { newSessionToken } from "./tokens.ts";

export type LoginOutcome =
  | { kind: "ok"; token: string; expiresAt: Date; staff: StaffRow }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date };

/** Lock state lives with no window of its own: it lasts until a success clears it. */
const LOCK_WINDOW = "login";

/**
 * Checks a staff member's password and opens a session. Unknown county, unknown user,
 * disabled account and wrong password all look the same to the caller.
 *
 * Failures lock a username *from one address* with growing delays, so a stranger guessing
 * an official's password locks out only themselves: the official still signs in from
 * their own desk. A username that does not exist is counted and locked the same way and
 * runs the same password hashing, so neither status, body nor timing tells it apart.
 */
export async function login(
  env: Env,
  input: { tenant: string; username: string; password: string; address: string },
  now = new Date(),
): Promise<LoginOutcome> {
  const tenant = await findActiveTenant(env, input.tenant);
  if (!tenant) {
    await burnPasswordCheck(input.password);
    return { kind: "invalid" };
  }
  const scope = openTenantScope(env, tenant);
  const keys = await deriveTenantKeys(env.DATA_MASTER_KEY, tenant.code);
  const username = input.username.trim().toLowerCase();
  const lockKey = {
    bucket: `login:${await lookupHash(keys, "username", username)}:${await lookupHash(keys, "address", input.address)}`,
    window: LOCK_WINDOW,
  };
  const [member, state] = await Promise.all([
    findStaffByUsername(scope, input.username),
    readCounter(scope, lockKey),
  ]);
  const known = member && !member.disabled ? member : undefined;
  const matches = known
    ? await verifyPassword(input.password, {
        hash: known.passwordHash,
        salt: known.passwordSalt,
        iterations: known.passwordIterations,
      })
    : await burnPasswordCheck(input.password).then(() => false);
  // A locked pair is refused even with the right password: a guess must not learn it won.
  const lockedUntil = state?.lockedUntil ?? null;
  if (isLocked(lockedUntil, now)) return { kind: "locked", until: lockedUntil };

  if (!known || !matches) {
    const [bumped] = await bumpCounters(scope, [lockKey], now);
    const failures = afterFailedLogin((bumped?.count ?? 1) - 1, now);
    if (failures.lockedUntil) await lockCounter(scope, lockKey, failures.lockedUntil, now);
    await batchWithAudit(
      scope,
      [],
      {
        actorId: known?.id ?? null,
        action: failures.lockedUntil ? "auth.locked" : "auth.login_failed",
        targetType: "staff",
        ...(known && { targetId: known.id }),
        detail: { failedLogins: failures.failedLogins },
      },
      now,
    );
    return failures.lockedUntil
      ? { kind: "locked", until: failures.lockedUntil }
      : { kind: "invalid" };
  }

  const token = newSessionToken(scope.tenant);
  const expiresAt = new Date(now.getTime() + Number(env.SESSION_TTL_HOURS) * 3_600_000);
  await batchWithAudit(
    scope,
    [
      insertSessionStatement(
        scope,
        { tokenHash: await sha256Hex(token), staffId: known.id, expiresAt },
        now,
      ),
    ],
    { actorId: known.id, action: "auth.login", targetType: "staff", targetId: known.id },
    now,
  );
  if (state) await clearCounter(scope, lockKey);
  return { kind: "ok", token, expiresAt, staff: known };
}
