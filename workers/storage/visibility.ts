import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { assistingUnits, petitions, recusals } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/**
 * Who is reading, as the confidentiality rules need it (§28, §30, §46). Every read of a
 * case, or of anything derived from one, takes a viewer: no storage function that returns
 * case data can be called without saying for whom.
 */
export interface Viewer {
  staffId: string;
  unitId: string;
  /** The viewer's unit and every unit below it. */
  unitSubtree: readonly string[];
  inCountyOffice: boolean;
}

export const inList = (column: SQLiteColumn, ids: readonly string[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The columns the rule reads, of `petitions` or of an alias of it. */
type CaseTable = Record<
  | "tenantId"
  | "id"
  | "responsibleUnitId"
  | "registeringUnitId"
  | "subjectUnitId"
  | "handlerId"
  | "confidential",
  SQLiteColumn
>;

/**
 * THE visibility rule, as a condition on a `petitions` row:
 * - nobody who declared or was marked with a conflict of interest sees the case (§28);
 * - an ordinary case: the county office, and the units that registered, hold or assist on
 *   it (协办) (with the units above them in the tree);
 * - a confidential case (an accusation): the county office and the designated handler
 *   only, and never anyone of the unit the petition is about (§30).
 *
 * Everything derived from a case (flags, repeat checks, supervisions, notifications, the
 * delivery log, digests) is filtered through `caseDerivedVisible`, which applies this same
 * condition, so the answer for a hidden case is the answer for a case that does not exist.
 * `p` names the cases' table when another `petitions` is in scope (an alias).
 */
export function visibleCases(viewer: Viewer, p: CaseTable = petitions): SQL {
  const notRecused = sql`NOT EXISTS (SELECT 1 FROM ${recusals} WHERE ${recusals.tenantId} = ${p.tenantId} AND ${recusals.petitionId} = ${p.id} AND ${recusals.staffId} = ${viewer.staffId})`;
  // 协办: an assisting unit (and the units above it) sees the case it assists on.
  const assists = sql`EXISTS (SELECT 1 FROM ${assistingUnits} WHERE ${assistingUnits.tenantId} = ${p.tenantId} AND ${assistingUnits.petitionId} = ${p.id} AND ${inList(assistingUnits.unitId, viewer.unitSubtree)})`;
  const ownUnits = viewer.inCountyOffice
    ? sql`1 = 1`
    : or(
        inList(p.responsibleUnitId, viewer.unitSubtree),
        inList(p.registeringUnitId, viewer.unitSubtree),
        assists,
      );
  const notAboutViewer = or(
    sql`${p.subjectUnitId} IS NULL`,
    sql`NOT (${inList(p.subjectUnitId, viewer.inCountyOffice ? [viewer.unitId] : viewer.unitSubtree)})`,
  );
  const confidentialReader = or(
    eq(p.handlerId, viewer.staffId),
    viewer.inCountyOffice ? sql`1 = 1` : sql`1 = 0`,
  );
  return and(
    notRecused,
    or(
      and(eq(p.confidential, false), ownUnits),
      and(eq(p.confidential, true), confidentialReader, notAboutViewer),
    ),
  ) as SQL;
}

/**
 * For a row derived from a case (`petitionIdColumn` names its case): visible when it names
 * no case, or names one the viewer may see. One primary-key probe per row.
 */
export function caseDerivedVisible(
  scope: TenantScope,
  viewer: Viewer,
  petitionIdColumn: SQLiteColumn,
): SQL {
  return sql`(${petitionIdColumn} IS NULL OR EXISTS (SELECT 1 FROM ${petitions} WHERE ${ofTenant(
    scope,
    petitions,
    sql`${petitions.id} = ${petitionIdColumn}`,
    visibleCases(viewer),
  )}))`;
}

export function visibleCaseIdsQuery(scope: TenantScope, viewer: Viewer, ids: readonly string[]) {
  // The unary plus keeps SQLite from reaching for the tenant's indexes (and reading every
  // case of the county): the ids go straight to the primary key.
  return scope.db
    .select({ id: petitions.id })
    .from(petitions)
    .where(
      and(
        inList(petitions.id, ids),
        sql`+${petitions.tenantId} = ${scope.tenant}`,
        visibleCases(viewer),
      ),
    );
}

/**
 * Who reads a case-derived row: a staff member through the rule, or one of the few readers
 * the rule does not cover, named so every call says why — the deadline scan (`system`),
 * the petitioner holding their code and phone digits (`petitioner`), the clerk shown what
 * they just registered (`registrant`), staff shown the case they just acted on (`actor`),
 * who may have stepped out of its audience by that very action.
 */
export type Reader = Viewer | "system" | "petitioner" | "registrant" | "actor";

/** `caseDerivedVisible` for a staff reader; no condition for the named others. */
export function readableBy(
  scope: TenantScope,
  reader: Reader,
  petitionIdColumn: SQLiteColumn,
): SQL | undefined {
  return typeof reader === "string"
    ? undefined
    : caseDerivedVisible(scope, reader, petitionIdColumn);
}

/** Which of these cases the viewer may see: one query, one primary-key probe per id. */
export async function visibleCaseIds(
  scope: TenantScope,
  viewer: Viewer,
  ids: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)].slice(0, 2000);
  if (unique.length === 0) return new Set();
  const rows = await visibleCaseIdsQuery(scope, viewer, unique);
  return new Set(rows.map((r) => r.id));
}
