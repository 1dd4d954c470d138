import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
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
import {
  assistingUnits,
  type PetitionRow,
  petitions,
  searchReindexJobs,
} from "../../schema/tenant/tables.ts";
import { MAX_BOUND_PARAMETERS, MAX_COMPOUND_TERMS } from "./chunks.ts";
import { petitionFromRow } from "./petitions.ts";
import { audienceSql, viewerAudience } from "./search-audience.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { inList, type Viewer, visibleCases } from "./visibility.ts";

/**
 * The FTS5 table `case_search` (migration 0006), declared here rather than in
 * schema/tenant/tables.ts so drizzle-kit never tries to create it as a plain table.
 * rowid = petitions.search_rowid; body = county-prefixed bigrams (domain/search/tokens.ts),
 * then the case's audience tokens (storage/search-audience.ts).
 */
export const caseSearch = sqliteTable("case_search", {
  rowid: integer("rowid").primaryKey(),
  body: text("body").notNull(),
});

/**
 * (Re)writes a case's entry in the full-text index; batch these with the case's write,
 * after it: the audience tokens are read from the case's row as the batch has left it.
 */
export function indexCaseStatements(
  scope: TenantScope,
  petitionId: string,
  searchRowid: number,
  body: string,
) {
  return [
    scope.db.delete(caseSearch).where(eq(caseSearch.rowid, searchRowid)),
    scope.db
      .insert(caseSearch)
      .select(
        sql`SELECT ${searchRowid}, ${body} || ${sql.raw(audienceSql("p"))} FROM ${petitions} AS p WHERE p.tenant_id = ${scope.tenant} AND p.id = ${petitionId}`,
      ),
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
 * the visibility rule and the filters then judge in the same statement. A unit-bound
 * viewer's MATCH also asks for its audience tokens, so the index yields only the cases of
 * its units (search-audience.ts) — unless the county's rows are still being filled with
 * them (an unfinished `audience` re-index job, which nothing supersedes), when it asks for
 * the words alone. The rule judges either way. Every other writer of a row gives it tokens.
 */
export function searchText(
  scope: TenantScope,
  viewer: Viewer,
  match: string,
  filter: SearchFilter,
  before: number | undefined,
  limit: number,
) {
  const audience = viewerAudience(scope.tenant, viewer);
  const terms = audience
    ? sql`(CASE WHEN EXISTS (SELECT 1 FROM ${searchReindexJobs} WHERE ${ofTenant(scope, searchReindexJobs, isNull(searchReindexJobs.finishedAt), eq(searchReindexJobs.kind, "audience"))}) THEN ${match} ELSE ${`(${match}) AND ${audience}`} END)`
    : sql`${match}`;
  return scope.db
    .select({ petition: petitions })
    .from(caseSearch)
    .innerJoin(petitions, eq(petitions.searchRowid, caseSearch.rowid))
    .where(
      and(
        sql`${caseSearch} MATCH ${terms}`,
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

/**
 * A work list's deadline window. For one unit's window both bounds are written on (unit,
 * deadline) together: SQLite then ranges over the unit's deadline index only, instead of
 * reading the whole county's window from the tenant's deadline index and dropping the other
 * units' cases (it prefers a two-sided range to an equality plus a range otherwise).
 */
function deadlineRange(work: WorkListScope, resumeAt: number | undefined): (SQL | undefined)[] {
  const { unitId, deadlineFrom: from, deadlineBefore: before } = work;
  if (unitId && from && before) {
    const pair = sql`(${petitions.responsibleUnitId}, ${petitions.nextDeadlineAt})`;
    // A later page starts in the index at its cursor, not at the window's start.
    const start = Math.max(from.getTime(), resumeAt ?? 0);
    return [sql`${pair} >= (${unitId}, ${start})`, sql`${pair} < (${unitId}, ${before.getTime()})`];
  }
  return [
    from ? gte(petitions.nextDeadlineAt, from) : undefined,
    before ? lt(petitions.nextDeadlineAt, before) : undefined,
  ];
}

/** A statement as D1 takes it: the SQL text and its bound values. */
export interface RawStatement {
  sql: string;
  params: unknown[];
}

/**
 * Filtered lists without words: by registration or by deadline, keyset-paginated. The
 * statement is `browseStatement`'s; rows come back as drizzle maps them, with their rowid.
 */
export async function browse(
  scope: TenantScope,
  viewer: Viewer,
  order: BrowseOrder,
  filter: SearchFilter,
  work: WorkListScope,
  after: BrowseCursor | undefined,
  limit: number,
): Promise<{ petition: PetitionRow; row: number }[]> {
  const statement = browseStatement(scope, viewer, order, filter, work, after, limit);
  const found = await scope.d1
    .prepare(statement.sql)
    .bind(...statement.params)
    .all<Record<string, unknown>>();
  return found.results.map((raw) => ({ petition: petitionFromRow(raw), row: Number(raw.row) }));
}

/**
 * The browse as one statement. The county office (and any work list or unit filter, which
 * leads its own index) reads one index range and judges each row by the rule. A viewer
 * bound to a few units (a township, a bureau) would read the county's other cases that
 * way before the rule turned them away, so its page is an ordered merge of ranges that
 * hold only its candidates: one range per unit of its subtree on that unit's index (the
 * cases it holds), and one range of the few cases the rule admits it to from elsewhere
 * (registered there for another unit, assisted on, or handled in confidence), found through
 * their own indexes and sorted. The rule still judges every row of every range; the ranges
 * only choose which rows it is asked about. A subtree beyond D1's limits for one statement
 * (more than four units) reads the single range instead: right, but no longer in proportion.
 */
export function browseStatement(
  scope: TenantScope,
  viewer: Viewer,
  order: BrowseOrder,
  filter: SearchFilter,
  work: WorkListScope,
  after: BrowseCursor | undefined,
  limit: number,
): RawStatement {
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
  const conditions = [
    work.ownerLeaderId ? eq(petitions.ownerLeaderId, work.ownerLeaderId) : undefined,
    // A unit's deadline window already pins the unit (see deadlineRange).
    work.unitId && !(work.deadlineFrom && work.deadlineBefore)
      ? eq(petitions.responsibleUnitId, work.unitId)
      : undefined,
    work.unsigned ? eq(petitions.ownerSignedOff, false) : undefined,
    work.awaitingReport ? eq(petitions.awaitingReport, 1) : undefined,
    // A range on the deadline already excludes cases without one.
    order === "deadline" && !work.deadlineFrom && !work.deadlineBefore
      ? isNotNull(petitions.nextDeadlineAt)
      : undefined,
    ...deadlineRange(work, order === "deadline" ? after?.at : undefined),
    after ? step(after) : undefined,
    visibleCases(viewer),
    ...filterConditions(filter, viewer),
  ];
  const range = (...more: (SQL | undefined)[]) =>
    scope.db
      .select({ ...getTableColumns(petitions), row: rowOf.as("row") })
      .from(petitions)
      .where(ofTenant(scope, petitions, ...more, ...conditions));

  const bound =
    viewer.inCountyOffice ||
    work.ownerLeaderId ||
    work.unitId ||
    work.awaitingReport ||
    filter.unitId ||
    filter.ownerLeaderId;
  if (!bound && viewer.unitSubtree.length + 1 <= MAX_COMPOUND_TERMS) {
    const units = viewer.unitSubtree;
    const unitIndex =
      order === "deadline" ? "petitions_tenant_unit_deadline_idx" : "petitions_filter_unit_idx";
    const held = units.map((unitId) =>
      indexedBy(range(eq(petitions.responsibleUnitId, unitId)).toSQL(), unitIndex),
    );
    const elsewhere = indexedBy(
      range(
        sql`NOT (${inList(petitions.responsibleUnitId, units)})`,
        sql`${petitions}.rowid IN (${admittedElsewhere(scope, viewer)})`,
      ).toSQL(),
      null,
    );
    const direction = forward ? "ASC" : "DESC";
    const key = order === "deadline" ? "next_deadline_at" : "registered_at";
    const ranges = [...held, elsewhere];
    const merged = {
      sql: `${ranges.map((r) => r.sql).join(" UNION ALL ")} ORDER BY "${key}" ${direction}, "row" ${direction} LIMIT ?`,
      params: [...ranges.flatMap((r) => r.params), limit],
    };
    if (merged.params.length <= MAX_BOUND_PARAMETERS) return merged;
  }

  // A work list's fixed column leads the order too (it is one value, so the order is the
  // same): only the work list's own index serves it, and SQLite picks that one.
  const leading = work.ownerLeaderId
    ? [petitions.ownerLeaderId]
    : work.unitId
      ? [petitions.responsibleUnitId]
      : work.awaitingReport
        ? [petitions.awaitingReport]
        : [];
  return range()
    .orderBy(
      ...leading.map((c) => (forward ? asc(c) : desc(c))),
      forward ? asc(key) : desc(key),
      forward ? asc(rowOf) : desc(rowOf),
    )
    .limit(limit)
    .toSQL();
}

/**
 * The cases the rule may admit a unit-bound viewer to besides those its units hold, each
 * kind through its own index: registered by its units for another (the partial
 * registering index), assisted on by its units (协办), handled by the viewer in confidence.
 * Only candidates: the rule decides.
 */
function admittedElsewhere(scope: TenantScope, viewer: Viewer): SQL {
  const units = JSON.stringify(viewer.unitSubtree);
  return sql`SELECT r.rowid FROM ${petitions} AS r INDEXED BY petitions_work_registering_idx WHERE r.tenant_id = ${scope.tenant} AND r.registering_unit_id IN (SELECT value FROM json_each(${units})) AND r.registering_unit_id <> r.responsible_unit_id
    UNION SELECT c.rowid FROM ${assistingUnits} AS a INDEXED BY assisting_units_unit_idx JOIN ${petitions} AS c ON c.id = a.petition_id WHERE a.tenant_id = ${scope.tenant} AND a.unit_id IN (SELECT value FROM json_each(${units}))
    UNION SELECT h.rowid FROM ${petitions} AS h INDEXED BY petitions_confidential_handler_idx WHERE h.tenant_id = ${scope.tenant} AND h.confidential = 1 AND h.handler_id = ${viewer.staffId}`;
}

/**
 * Names the index a range reads (or, with null, none but the rowid): without statistics
 * SQLite may otherwise take the registration index to spare a sort, and read the county
 * in order.
 */
function indexedBy(statement: RawStatement, index: string | null): RawStatement {
  return {
    sql: statement.sql.replace(
      ' from "petitions" ',
      index ? ` from "petitions" INDEXED BY "${index}" ` : ' from "petitions" NOT INDEXED ',
    ),
    params: statement.params,
  };
}
