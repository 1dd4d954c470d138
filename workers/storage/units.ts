import { asc, eq } from "drizzle-orm";
import { type UnitKind, type UnitRow, units } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export interface NewUnit {
  id: string;
  kind: UnitKind;
  name: string;
  parentId?: string | undefined;
  code?: string | undefined;
}

export function listUnits(scope: TenantScope): Promise<UnitRow[]> {
  return scope.db
    .select()
    .from(units)
    .where(ofTenant(scope, units))
    .orderBy(asc(units.kind), asc(units.code), asc(units.createdAt));
}

export async function findUnit(scope: TenantScope, id: string): Promise<UnitRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(units)
    .where(ofTenant(scope, units, eq(units.id, id)))
    .limit(1);
  return row;
}

export async function findUnitByCode(scope: TenantScope, code: string) {
  const [row] = await scope.db
    .select({ id: units.id })
    .from(units)
    .where(ofTenant(scope, units, eq(units.code, code)))
    .limit(1);
  return row;
}

/** One INSERT statement per unit keeps each well under D1's 100 bound parameters. */
export function insertUnitStatement(scope: TenantScope, unit: NewUnit, now: Date) {
  return scope.db.insert(units).values({
    id: unit.id,
    tenantId: scope.tenant,
    kind: unit.kind,
    name: unit.name,
    parentId: unit.parentId ?? null,
    code: unit.code ?? null,
    createdAt: now,
  });
}

export function updateUnitStatement(
  scope: TenantScope,
  id: string,
  patch: { name?: string | undefined; code?: string | null | undefined },
) {
  return scope.db
    .update(units)
    .set(patch)
    .where(ofTenant(scope, units, eq(units.id, id)));
}
