import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  isNotNull,
  isNull,
  lt,
  lte,
  not,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { SearchQuery } from "../../schema/api/search.ts";
import { petitions } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { type Viewer, visibleCases } from "./visibility.ts";

/**
 * The FTS5 table `case_search` (migration 0006), declared here rather than in
 * schema/tenant/tables.ts so drizzle-kit never tries to create it as a plain table.
 * rowid = petitions.search_rowid; body = county-prefixed bigrams (domain/search/tokens.ts).
 */
export const caseSearch = sqliteTable("case_search", {
  rowid: integer("rowid").primaryKey(),
  body: text("body").notNull(),
});

/** (Re)writes a case's entry in the full-text index; batch these with the case's write. */
export function indexCaseStatements(scope: TenantScope, searchRowid: number, body: string) {
  return [
    scope.db.delete(caseSearch).where(eq(caseSearch.rowid, searchRowid)),
    scope.db.insert(caseSearch).values({ rowid: searchRowid, body }),
  ] as const;
}

/** The filters as conditions: dates already turned into instants, "now" already chosen. */
export interface SearchFilter {
  status?: SearchQuery["status"];
  channel?: SearchQuery["channel"];
  purpose?: SearchQuery["purpose"];
  categoryCode?: string | undefined;
  unitId?: string | undefined;
  registeredFrom?: Date | undefined;
  /** Exclusive. */
  registeredBefore?: Date | undefined;
  overdueAt?: Date | undefined;
  ownerLeaderId?: string | undefined;
  repeat?: SearchQuery["repeat"];
  fromAbove?: boolean | undefined;
}

/**
 * The filters beside the search box, as conditions on the case row. Each one alone is
 * served by an index that leads with it and ends in the registration time (migration 0014),
 * and a registration-date range is a range on that same last column.
 */
function filterConditions(f: SearchFilter, viewer: Viewer): (SQL | undefined)[] {
  const code = f.categoryCode;
  return [
    f.status ? eq(petitions.status, f.status) : undefined,
    f.channel ? eq(petitions.channel, f.channel) : undefined,
    f.purpose ? eq(petitions.purpose, f.purpose) : undefined,
    code
      ? code.includes(".")
        ? eq(petitions.categoryCode, code)
        : eq(petitions.categoryClass, code)
      : undefined,
    f.unitId ? eq(petitions.responsibleUnitId, f.unitId) : undefined,
    f.registeredFrom ? gte(petitions.registeredAt, f.registeredFrom) : undefined,
    f.registeredBefore ? lt(petitions.registeredAt, f.registeredBefore) : undefined,
    f.overdueAt
      ? and(isNotNull(petitions.nextDeadlineAt), lt(petitions.nextDeadlineAt, f.overdueAt))
      : undefined,
    f.ownerLeaderId ? eq(petitions.ownerLeaderId, f.ownerLeaderId) : undefined,
    f.repeat === "repeat" ? and(isNotNull(petitions.repeatOf), repeatSeen(viewer)) : undefined,
    f.repeat === "first" ? or(isNull(petitions.repeatOf), not(repeatSeen(viewer))) : undefined,
    f.fromAbove === undefined
      ? undefined
      : f.fromAbove
        ? isNotNull(petitions.sourceLevel)
        : isNull(petitions.sourceLevel),
  ];
}

const earlier = alias(petitions, "earlier");

/**
 * A case is a repeat to this viewer only if they may see the case it repeats: filtering by
 * repeat must not sort a case by an earlier one hidden from them. One primary-key probe.
 */
function repeatSeen(viewer: Viewer) {
  return sql`EXISTS (SELECT 1 FROM ${petitions} AS ${sql.identifier("earlier")} WHERE ${earlier.tenantId} = ${petitions.tenantId} AND ${earlier.id} = ${petitions.repeatOf} AND ${visibleCases(viewer, earlier)})`;
}

/**
 * Cases whose text matches, newest first, straight from the index's rowid order: the
 * index is the outer loop and each match costs one primary-key probe of its case, which
 * the visibility rule and the filters then judge in the same statement.
 */
export function searchText(
  scope: TenantScope,
  viewer: Viewer,
  match: string,
  filter: SearchFilter,
  before: number | undefined,
  limit: number,
) {
  return scope.db
    .select({ petition: petitions })
    .from(caseSearch)
    .innerJoin(petitions, eq(petitions.searchRowid, caseSearch.rowid))
    .where(
      and(
        sql`${caseSearch} MATCH ${match}`,
        before === undefined ? undefined : lt(caseSearch.rowid, before),
        ofTenant(scope, petitions, visibleCases(viewer), ...filterConditions(filter, viewer)),
      ),
    )
    .orderBy(desc(caseSearch.rowid))
    .limit(limit);
}

export type KeyMatch = "trackingCode" | "name" | "phone" | "idNumber";

/** Exact matches by tracking code or a keyed hash, each through its own index. */
export function searchByKey(
  scope: TenantScope,
  viewer: Viewer,
  by: KeyMatch,
  value: string,
  filter: SearchFilter,
) {
  const column = {
    trackingCode: petitions.trackingCode,
    name: petitions.nameHash,
    phone: petitions.phoneHash,
    idNumber: petitions.idHash,
  }[by];
  return (
    scope.db
      .select({ petition: petitions })
      .from(petitions)
      .where(
        ofTenant(
          scope,
          petitions,
          eq(column, value),
          visibleCases(viewer),
          ...filterConditions(filter, viewer),
        ),
      )
      // The unary plus keeps the registration index from being chosen to spare this sort: the
      // key's own index finds the handful of rows, which are then sorted.
      .orderBy(desc(sql`+${petitions.registeredAt}`))
      .limit(50)
  );
}

export type BrowseOrder = "newest" | "oldest" | "deadline";

/** Where a browse resumes: after this (sort key, row). */
export interface BrowseCursor {
  at: number;
  row: number;
}

/**
 * The tie-breaker after the sort key: SQLite's own rowid, which every index entry already
 * ends with, so the index alone gives the order (no sort of the county's cases).
 */
const rowOf = sql<number>`${petitions}.rowid`;

/** Work-list conditions, each served by an index that leads with them. */
export interface WorkListScope {
  ownerLeaderId?: string | undefined;
  unitId?: string | undefined;
  unsigned?: boolean | undefined;
  /** 待我审核: completion reports waiting for the assigning office. */
  awaitingReport?: boolean | undefined;
  deadlineFrom?: Date | undefined;
  deadlineBefore?: Date | undefined;
}

/** Filtered lists without words: by registration or by deadline, keyset-paginated. */
export function browse(
  scope: TenantScope,
  viewer: Viewer,
  order: BrowseOrder,
  filter: SearchFilter,
  work: WorkListScope,
  after: BrowseCursor | undefined,
  limit: number,
) {
  const key = order === "deadline" ? petitions.nextDeadlineAt : petitions.registeredAt;
  const forward = order !== "newest";
  // A plain bound on the sort key beside the exact keyset condition: it is what lets the
  // next page start in the index at the cursor instead of reading the pages before it.
  const step = (a: BrowseCursor) =>
    forward
      ? and(
          gte(key, new Date(a.at)),
          or(gt(key, new Date(a.at)), and(eq(key, new Date(a.at)), gt(rowOf, a.row))),
        )
      : and(
          lte(key, new Date(a.at)),
          or(lt(key, new Date(a.at)), and(eq(key, new Date(a.at)), lt(rowOf, a.row))),
        );
  // A work list's fixed column leads the order too (it is one value, so the order is the
  // same): only the work list's own index serves it, and SQLite picks that one.
  const leading = work.ownerLeaderId
    ? [petitions.ownerLeaderId]
    : work.unitId
      ? [petitions.responsibleUnitId]
      : work.awaitingReport
        ? [petitions.awaitingReport]
        : [];
  return scope.db
    .select({ petition: petitions, row: rowOf })
    .from(petitions)
    .where(
      ofTenant(
        scope,
        petitions,
        work.ownerLeaderId ? eq(petitions.ownerLeaderId, work.ownerLeaderId) : undefined,
        work.unitId ? eq(petitions.responsibleUnitId, work.unitId) : undefined,
        work.unsigned ? eq(petitions.ownerSignedOff, false) : undefined,
        work.awaitingReport ? eq(petitions.awaitingReport, 1) : undefined,
        // A range on the deadline already excludes cases without one.
        order === "deadline" && !work.deadlineFrom && !work.deadlineBefore
          ? isNotNull(petitions.nextDeadlineAt)
          : undefined,
        work.deadlineFrom ? gte(petitions.nextDeadlineAt, work.deadlineFrom) : undefined,
        work.deadlineBefore ? lt(petitions.nextDeadlineAt, work.deadlineBefore) : undefined,
        after ? step(after) : undefined,
        visibleCases(viewer),
        ...filterConditions(filter, viewer),
      ),
    )
    .orderBy(
      ...leading.map((c) => (forward ? asc(c) : desc(c))),
      forward ? asc(key) : desc(key),
      forward ? asc(rowOf) : desc(rowOf),
    )
    .limit(limit);
}
