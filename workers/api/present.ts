import type { StaffRow, UnitRow } from "../../schema/tenant/tables.ts";
import type { TenantRecord } from "../storage/control.ts";

/** Rows as the API shows them: no tenant ids, no password material, ISO dates. */

type UnitLike = Pick<UnitRow, "id" | "name" | "kind"> & {
  code?: string | null | undefined;
  parentId?: string | null | undefined;
};

export function presentUnit(unit: UnitLike) {
  return {
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    ...(unit.code != null && { code: unit.code }),
    ...(unit.parentId != null && { parentId: unit.parentId }),
  };
}

export function presentStaff(row: StaffRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    badgeNumber: row.badgeNumber,
    position: row.position,
    unitId: row.unitId,
    roles: row.roles,
    disabled: row.disabled,
    lockedUntil:
      row.lockedUntil && row.lockedUntil.getTime() > Date.now()
        ? row.lockedUntil.toISOString()
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentPublicTenant(tenant: TenantRecord) {
  return { code: tenant.code, name: tenant.name, contact: tenant.contact };
}
