import { asc, eq } from "drizzle-orm";
import type { StaffRole } from "../../schema/reference/roles.ts";
import { type StaffRow, staff } from "../../schema/tenant/tables.ts";
import type { PasswordHash } from "../domain/auth/password.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export interface NewStaff {
  id: string;
  unitId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  badgeNumber?: string | undefined;
  position?: string | undefined;
  password: PasswordHash;
}

export type StaffPatch = Partial<
  Pick<StaffRow, "displayName" | "unitId" | "roles" | "badgeNumber" | "position" | "disabled">
> & { password?: PasswordHash | undefined };

/** The county's staff, as a query that can join a batch of reads. */
export function staffQuery(scope: TenantScope) {
  return scope.db
    .select()
    .from(staff)
    .where(ofTenant(scope, staff))
    .orderBy(asc(staff.unitId), asc(staff.username));
}

export function listStaff(scope: TenantScope): Promise<StaffRow[]> {
  return staffQuery(scope);
}

export async function findStaff(scope: TenantScope, id: string): Promise<StaffRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(staff)
    .where(ofTenant(scope, staff, eq(staff.id, id)))
    .limit(1);
  return row;
}

export async function findStaffByUsername(scope: TenantScope, username: string) {
  const [row] = await scope.db
    .select()
    .from(staff)
    .where(ofTenant(scope, staff, eq(staff.username, username)))
    .limit(1);
  return row;
}

export function insertStaffStatement(scope: TenantScope, member: NewStaff, now: Date) {
  return scope.db.insert(staff).values({
    id: member.id,
    tenantId: scope.tenant,
    unitId: member.unitId,
    username: member.username,
    displayName: member.displayName,
    roles: member.roles,
    badgeNumber: member.badgeNumber ?? null,
    position: member.position ?? null,
    passwordHash: member.password.hash,
    passwordSalt: member.password.salt,
    passwordIterations: member.password.iterations,
    createdAt: now,
    updatedAt: now,
  });
}

export function updateStaffStatement(scope: TenantScope, id: string, patch: StaffPatch, now: Date) {
  const { password, ...fields } = patch;
  return scope.db
    .update(staff)
    .set({
      ...fields,
      ...(password && {
        passwordHash: password.hash,
        passwordSalt: password.salt,
        passwordIterations: password.iterations,
        failedLogins: 0,
        lockedUntil: null,
      }),
      updatedAt: now,
    })
    .where(ofTenant(scope, staff, eq(staff.id, id)));
}
