import type { StaffRow, UnitRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { loadCalendar } from "../../storage/calendar.ts";
import { listLocalCategories } from "../../storage/categories.ts";
import { loadPolicy } from "../../storage/settings.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { listUnits } from "../../storage/units.ts";
import type { Viewer } from "../../storage/visibility.ts";
import { deriveTenantKeys, type TenantKeys } from "../crypto/pii.ts";
import {
  cstDate,
  type DeadlinePolicy,
  type HolidayCalendar,
  type IsoDate,
} from "../deadlines/index.ts";
import type { CaseActor } from "./lifecycle.ts";
import { Taxonomy } from "./taxonomy.ts";

/** Everything the petition rules need about the county, loaded once per request. */
export interface CaseContext {
  scope: TenantScope;
  keys: TenantKeys;
  policy: DeadlinePolicy;
  calendar: HolidayCalendar;
  units: UnitRow[];
  taxonomy: Taxonomy;
  now: Date;
  today: IsoDate;
}

export async function loadCaseContext(
  env: Env,
  scope: TenantScope,
  now = new Date(),
): Promise<CaseContext> {
  const [keys, policy, calendar, units, local] = await Promise.all([
    deriveTenantKeys(env.DATA_MASTER_KEY, scope.tenant),
    loadPolicy(scope),
    loadCalendar(scope),
    listUnits(scope),
    listLocalCategories(scope),
  ]);
  const taxonomy = new Taxonomy(local);
  return { scope, keys, policy, calendar, units, taxonomy, now, today: cstDate(now) };
}

/** A unit and every unit below it. */
export function unitSubtree(units: readonly UnitRow[], unitId: string): string[] {
  const result = [unitId];
  for (let i = 0; i < result.length; i += 1) {
    for (const unit of units) if (unit.parentId === result[i]) result.push(unit.id);
  }
  return result;
}

export function countyOffice(units: readonly UnitRow[]): UnitRow | undefined {
  return units.find((unit) => unit.kind === "county");
}

/** A staff member as both a reader (confidentiality) and an actor (permissions). */
export type StaffView = Viewer & CaseActor;

export function staffView(member: StaffRow, units: readonly UnitRow[]): StaffView {
  const unit = units.find((u) => u.id === member.unitId);
  return {
    staffId: member.id,
    roles: member.roles,
    unitId: member.unitId,
    unitSubtree: unitSubtree(units, member.unitId),
    inCountyOffice: unit?.kind === "county",
  };
}
