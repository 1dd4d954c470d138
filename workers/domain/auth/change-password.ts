import type { StaffRow } from "../../../schema/tenant/tables.ts";
import { invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { revokeOtherSessionsStatement } from "../../storage/sessions.ts";
import { updateStaffStatement } from "../../storage/staff.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { hashPassword, verifyPassword } from "./password.ts";

/**
 * A staff member replaces their own password (the one an administrator set). The old
 * password proves it is them at the keyboard; every other session ends, so whoever else
 * knew the old password is signed out in the same batch.
 */
export async function changeOwnPassword(
  scope: TenantScope,
  member: StaffRow,
  currentTokenHash: string,
  input: { oldPassword: string; newPassword: string },
  now = new Date(),
) {
  const matches = await verifyPassword(input.oldPassword, {
    hash: member.passwordHash,
    salt: member.passwordSalt,
    iterations: member.passwordIterations,
  });
  if (!matches) throw invalid("oldPassword", "原密码不正确");
  if (input.newPassword === input.oldPassword) {
    throw invalid("newPassword", "新密码不能与原密码相同");
  }
  if (input.newPassword.toLowerCase().includes(member.username.toLowerCase())) {
    throw invalid("newPassword", "新密码不能包含用户名");
  }
  const password = await hashPassword(input.newPassword);
  await batchWithAudit(
    scope,
    [
      updateStaffStatement(scope, member.id, { password }, now),
      revokeOtherSessionsStatement(scope, member.id, currentTokenHash, now),
    ],
    {
      actorId: member.id,
      action: "auth.password_changed",
      targetType: "staff",
      targetId: member.id,
    },
    now,
  );
}
