import type { TenantContact } from "../../../schema/api/tenants.ts";
import type { Env } from "../../env.ts";
import { conflict, invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { insertCalendarStatements } from "../../storage/calendar.ts";
import {
  activateTenant,
  claimTenantCode,
  countTenantsPerShard,
  findTenant,
  releaseStaleClaim,
  releaseTenantClaim,
} from "../../storage/control.ts";
import { pickShard } from "../../storage/shards.ts";
import { insertStaffStatement } from "../../storage/staff.ts";
import { deleteTenantRows } from "../../storage/tenant-data.ts";
import { openTenantScope } from "../../storage/tenant-scope.ts";
import { insertUnitStatement, type NewUnit } from "../../storage/units.ts";
import { hashPassword } from "../auth/password.ts";
import { OFFICIAL_CALENDAR } from "../deadlines/index.ts";
import { findCounty, townshipsOf } from "./divisions.ts";

export interface OnboardCounty {
  code: string;
  name: string;
  importDivisions?: boolean | undefined;
  contact?: TenantContact | undefined;
  admin: { username: string; password: string; displayName: string };
}

/** An onboarding that has not finished in this long is taken to have died mid-way. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * Onboards a county. The control-plane row is claimed first (its primary key settles
 * races), the county's units and first administrator are written to its shard in one
 * atomic batch, and only then is the county marked active. A failure in between releases
 * the claim, so nothing half-made is ever served.
 */
export async function onboardCounty(env: Env, input: OnboardCounty, now = new Date()) {
  const townships = input.importDivisions ? await importableTownships(input.code) : [];
  const password = await hashPassword(input.admin.password);

  const existing = await findTenant(env, input.code);
  if (existing) {
    const abandoned = new Date(now.getTime() - ABANDONED_AFTER_MS);
    if (existing.status === "active" || existing.createdAt > abandoned) {
      throw conflict(`县级代码 ${input.code} 已开通`);
    }
    await deleteTenantRows(openTenantScope(env, existing));
    await releaseStaleClaim(env, input.code, abandoned);
  }

  const shard = pickShard(env, await countTenantsPerShard(env));
  const contact = input.contact ?? {};
  if (!(await claimTenantCode(env, { code: input.code, name: input.name, shard, contact }, now))) {
    throw conflict(`县级代码 ${input.code} 已开通`);
  }

  const scope = openTenantScope(env, { code: input.code, shard });
  const office: NewUnit = { id: crypto.randomUUID(), kind: "county", name: `${input.name}信访局` };
  const units: NewUnit[] = [
    office,
    ...townships.map((t) => ({
      id: crypto.randomUUID(),
      kind: "township" as const,
      name: t.name,
      code: t.code,
      parentId: office.id,
    })),
  ];
  const admin = {
    id: crypto.randomUUID(),
    unitId: office.id,
    username: input.admin.username,
    displayName: input.admin.displayName,
    roles: ["tenant_admin" as const],
    password,
  };

  try {
    await batchWithAudit(
      scope,
      [
        insertStaffStatement(scope, admin, now),
        ...units.map((unit) => insertUnitStatement(scope, unit, now)),
        // Deadlines need the State Council's holidays from the first day.
        ...insertCalendarStatements(scope, OFFICIAL_CALENDAR),
      ],
      {
        actorId: null,
        action: "tenant.onboard",
        targetType: "tenant",
        targetId: input.code,
        detail: { name: input.name, units: units.length, admin: admin.username, shard },
      },
      now,
    );
    await activateTenant(env, input.code, now);
  } catch (error) {
    await deleteTenantRows(scope);
    await releaseTenantClaim(env, input.code);
    throw error;
  }

  return {
    tenant: { code: input.code, name: input.name, shard, contact, createdAt: now },
    units,
    admin: { id: admin.id, username: admin.username },
  };
}

async function importableTownships(code: string) {
  const county = await findCounty(code);
  if (!county) {
    throw invalid("code", `行政区划代码 ${code} 不是 GB/T 2260 中的县级单位，无法导入乡镇`);
  }
  return townshipsOf(code);
}
