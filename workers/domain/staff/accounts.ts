import type { StaffRole } from "../../../schema/reference/roles.ts";
import { conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import { revokeStaffSessionsStatement } from "../../storage/sessions.ts";
import {
  findStaff,
  findStaffByUsername,
  insertStaffStatement,
  type StaffPatch,
  updateStaffStatement,
} from "../../storage/staff.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { findUnit } from "../../storage/units.ts";
import { hashPassword } from "../auth/password.ts";

/** Who is acting, for the audit log. */
export interface Actor {
  id: string;
}

export interface CreateStaffInput {
  username: string;
  password: string;
  displayName: string;
  unitId: string;
  roles: StaffRole[];
  badgeNumber?: string | undefined;
  position?: string | undefined;
}

export async function createStaffAccount(
  scope: TenantScope,
  input: CreateStaffInput,
  actor: Actor,
  now = new Date(),
) {
  await assertUnitExists(scope, input.unitId);
  if (await findStaffByUsername(scope, input.username)) {
    throw conflict(`用户名 ${input.username} 已被使用`);
  }
  const { password, ...profile } = input;
  const member = {
    ...profile,
    id: crypto.randomUUID(),
    roles: [...new Set(input.roles)],
    password: await hashPassword(password),
  };
  try {
    await batchWithAudit(
      scope,
      [insertStaffStatement(scope, member, now)],
      {
        actorId: actor.id,
        action: "staff.create",
        targetType: "staff",
        targetId: member.id,
        detail: { username: member.username, unitId: member.unitId, roles: member.roles },
      },
      now,
    );
  } catch (error) {
    // The unique index settles a race between two admins creating the same username.
    if (/UNIQUE constraint failed: staff/.test(errorText(error))) {
      throw conflict(`用户名 ${input.username} 已被使用`);
    }
    throw error;
  }
  return mustFind(scope, member.id);
}

export interface UpdateStaffInput {
  displayName?: string | undefined;
  unitId?: string | undefined;
  roles?: StaffRole[] | undefined;
  badgeNumber?: string | null | undefined;
  position?: string | null | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

/**
 * Changes an account. A new password or a disabled account signs the person out
 * everywhere, in the same batch as the change.
 */
export async function updateStaffAccount(
  scope: TenantScope,
  id: string,
  input: UpdateStaffInput,
  actor: Actor,
  now = new Date(),
) {
  const current = await findStaff(scope, id);
  if (!current) throw notFound("该人员");
  if (input.unitId !== undefined) await assertUnitExists(scope, input.unitId);
  if (
    actor.id === id &&
    (input.disabled || (input.roles && !input.roles.includes("tenant_admin")))
  ) {
    throw invalid(input.disabled ? "disabled" : "roles", "不能停用自己或撤销自己的管理员角色");
  }

  const { password, roles, ...fields } = input;
  const patch: StaffPatch = {
    ...fields,
    ...(roles && { roles: [...new Set(roles)] }),
    ...(password !== undefined && { password: await hashPassword(password) }),
  };
  const signOut = password !== undefined || input.disabled === true;
  const update = updateStaffStatement(scope, id, patch, now);
  await batchWithAudit(
    scope,
    signOut ? [update, revokeStaffSessionsStatement(scope, id, now)] : [update],
    {
      actorId: actor.id,
      action: "staff.update",
      targetType: "staff",
      targetId: id,
      // Which fields changed, never the password itself.
      detail: { fields: Object.keys(input), signedOut: signOut },
    },
    now,
  );
  return mustFind(scope, id);
}

async function mustFind(scope: TenantScope, id: string) {
  const row = await findStaff(scope, id);
  if (!row) throw notFound("该人员");
  return row;
}

async function assertUnitExists(scope: TenantScope, unitId: string) {
  if (!(await findUnit(scope, unitId))) throw invalid("unitId", "所选单位不存在");
}
