import type { StaffRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findActiveTenant } from "../../storage/control.ts";
import { insertSessionStatement } from "../../storage/sessions.ts";
import {
  clearLoginFailuresStatement,
  findStaffByUsername,
  recordLoginFailureStatement,
} from "../../storage/staff.ts";
import { openTenantScope } from "../../storage/tenant-scope.ts";
import { sha256Hex } from "../crypto/digest.ts";
import { afterFailedLogin, isLocked } from "./lockout.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import { newSessionToken } from "./tokens.ts";

export type LoginOutcome =
  | { kind: "ok"; token: string; expiresAt: Date; staff: StaffRow }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date };

/**
 * Checks a staff member's password and opens a session. Unknown county, unknown user,
 * disabled account and wrong password all look the same to the caller.
 */
export async function login(
  env: Env,
  input: { tenant: string; username: string; password: string },
  now = new Date(),
): Promise<LoginOutcome> {
  const tenant = await findActiveTenant(env, input.tenant);
  const scope = tenant && openTenantScope(env, tenant);
  const member = scope && (await findStaffByUsername(scope, input.username));
  if (!scope || !member || member.disabled) {
    await burnPasswordCheck(input.password);
    return { kind: "invalid" };
  }
  if (isLocked(member.lockedUntil, now)) return { kind: "locked", until: member.lockedUntil };

  const matches = await verifyPassword(input.password, {
    hash: member.passwordHash,
    salt: member.passwordSalt,
    iterations: member.passwordIterations,
  });
  if (!matches) {
    const state = afterFailedLogin(member.failedLogins, now);
    await batchWithAudit(
      scope,
      [recordLoginFailureStatement(scope, member.id, state, now)],
      {
        actorId: member.id,
        action: state.lockedUntil ? "auth.locked" : "auth.login_failed",
        targetType: "staff",
        targetId: member.id,
        detail: { failedLogins: state.failedLogins },
      },
      now,
    );
    return state.lockedUntil ? { kind: "locked", until: state.lockedUntil } : { kind: "invalid" };
  }

  const token = newSessionToken(scope.tenant);
  const expiresAt = new Date(now.getTime() + Number(env.SESSION_TTL_HOURS) * 3_600_000);
  await batchWithAudit(
    scope,
    [
      insertSessionStatement(
        scope,
        { tokenHash: await sha256Hex(token), staffId: member.id, expiresAt },
        now,
      ),
      clearLoginFailuresStatement(scope, member.id),
    ],
    { actorId: member.id, action: "auth.login", targetType: "staff", targetId: member.id },
    now,
  );
  return { kind: "ok", token, expiresAt, staff: { ...member, failedLogins: 0, lockedUntil: null } };
}
