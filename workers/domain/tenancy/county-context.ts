import type { OversightSettings } from "../../../schema/api/oversight.ts";
import type { StaffRow, UnitRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { loadCalendar } from "../../storage/calendar.ts";
import { listLocalCategories } from "../../storage/categories.ts";
import { readContextStamp } from "../../storage/context-stamp.ts";
import { loadPolicy } from "../../storage/settings.ts";
import { loadOversightSettings } from "../../storage/statistics/oversight-settings.ts";
import { scopeBinding, type TenantScope } from "../../storage/tenant-scope.ts";
import { listUnits } from "../../storage/units.ts";
import type { Viewer } from "../../storage/visibility.ts";
import { deriveTenantKeys, type TenantKeys } from "../crypto/pii.ts";
import {
  cstDate,
  type DeadlinePolicy,
  type HolidayCalendar,
  type IsoDate,
} from "../deadlines/index.ts";
import type { CaseActor } from "../petitions/lifecycle.ts";
import { Taxonomy } from "../petitions/taxonomy.ts";

/** What the county has set up: its rules, calendar, units and categories. */
interface County {
  policy: DeadlinePolicy;
  calendar: HolidayCalendar;
  units: UnitRow[];
  taxonomy: Taxonomy;
  /** The backlog's days and the assessment's weights (积案, 考核). */
  oversight: OversightSettings;
}

/** Everything the petition rules need about the county, for one request or cron run. */
export interface CaseContext extends County {
  scope: TenantScope;
  keys: TenantKeys;
  now: Date;
  today: IsoDate;
}

/**
 * Counties' contexts, kept per isolate and per shard binding with the stamp they were read
 * under. Handlers must treat them as read-only: the same objects serve many requests.
 */
const MAX_COUNTIES = 500;
const counties = new WeakMap<object, Map<string, { stamp: string; county: Promise<County> }>>();

/**
 * The county context. `stamp` is the county's current `context_versions` stamp when the
 * caller has read it already (the sign-in batch does); otherwise it is read here. A copy
 * kept under the same stamp is used as it is; any change to the county replaces the stamp.
 */
export async function loadCaseContext(
  env: Env,
  scope: TenantScope,
  now = new Date(),
  stamp?: string | null,
): Promise<CaseContext> {
  const [keys, county] = await Promise.all([
    deriveTenantKeys(env.DATA_MASTER_KEY, scope.tenant),
    countyOf(scope, stamp === undefined ? await readContextStamp(scope) : stamp),
  ]);
  return { ...county, scope, keys, now, today: cstDate(now) };
}

function countyOf(scope: TenantScope, stamp: string | null): Promise<County> {
  if (stamp === null) return readCounty(scope);
  const binding = scopeBinding(scope);
  let kept = counties.get(binding);
  if (!kept) {
    kept = new Map();
    counties.set(binding, kept);
  }
  const hit = kept.get(scope.tenant);
  if (hit && hit.stamp === stamp) return hit.county;
  const county = readCounty(scope);
  kept.delete(scope.tenant);
  if (kept.size >= MAX_COUNTIES) {
    const oldest = kept.keys().next().value;
    if (oldest !== undefined) kept.delete(oldest);
  }
  const entry = { stamp, county };
  kept.set(scope.tenant, entry);
  // A failed read must not stick: the next request reads again.
  county.catch(() => {
    if (kept.get(scope.tenant) === entry) kept.delete(scope.tenant);
  });
  return county;
}

async function readCounty(scope: TenantScope): Promise<County> {
  const [policy, calendar, units, local, oversight] = await Promise.all([
    loadPolicy(scope),
    loadCalendar(scope),
    listUnits(scope),
    listLocalCategories(scope),
    loadOversightSettings(scope),
  ]);
  return { policy, calendar, units, taxonomy: new Taxonomy(local), oversight };
}

/** A unit and every unit below it. */
export function unitSubtree(units: readonly UnitRow[], unitId: string): string[] {
  const result = [unitId];
  for (let i = 0; i < result.length; i += 1) {
    for (const unit of units) if (unit.parentId === result[i]) result.push(unit.id);
  }
  return result;
}

/**
 * A unit's parent and grandparent ('' for none), as supervisions store them for the
 * figures' trigger (migration 0023).
 */
export function unitAncestors(units: readonly UnitRow[], unitId: string) {
  const parent = units.find((u) => u.id === unitId)?.parentId ?? "";
  const grand = parent ? (units.find((u) => u.id === parent)?.parentId ?? "") : "";
  return { unitParent: parent, unitGrand: grand };
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
