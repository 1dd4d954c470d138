import { and, asc, desc, eq, getTableColumns, gt, gte, lt, or, type SQL, sql } from "drizzle-orm";
import {
  type NewPetitionRow,
  type PetitionRow,
  type PetitionStatus,
  petitionEvents,
  petitions,
  recusals,
} from "../../schema/tenant/tables.ts";
import { MAX_BOUND_PARAMETERS, MAX_COMPOUND_TERMS } from "./chunks.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { inList, type Reader, readableBy, type Viewer, visibleCases } from "./visibility.ts";

export async function findVisiblePetition(scope: TenantScope, viewer: Viewer, id: string) {
  const [row] = await scope.db
    .select()
    .from(petitions)
    .where(ofTenant(scope, petitions, eq(petitions.id, id), visibleCases(viewer)))
    .limit(1);
  return row;
}

/** A case by its tracking code, if the viewer may see it. */
export async function findVisibleByTrackingCode(
  scope: TenantScope,
  viewer: Viewer,
  trackingCode: string,
) {
  const [row] = await scope.db
    .select()
    .from(petitions)
    .where(
      ofTenant(scope, petitions, eq(petitions.trackingCode, trackingCode), visibleCases(viewer)),
    )
    .limit(1);
  return row;
}

/** For the petitioner's own look-ups by tracking code: no staff viewer is involved. */
export async function findByTrackingCode(scope: TenantScope, trackingCode: string) {
  const [row] = await scope.db
    .select()
    .from(petitions)
    .where(ofTenant(scope, petitions, eq(petitions.trackingCode, trackingCode)))
    .limit(1);
  return row;
}

/** Who a new case is from and what it is about: what repeat detection (§19, §36) looks up. */
export interface RepeatKey {
  idHash: string | null;
  phoneHash: string | null;
  categoryCode: string;
}

/**
 * The tracking code of a case registered from a citizen's own visit, for the petitioner who
 * proved the booking code and phone digits: a named reader outside the staff rule.
 */
export async function petitionerTrackingCode(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select({ trackingCode: petitions.trackingCode, receivedOn: petitions.receivedOn })
    .from(petitions)
    .where(ofTenant(scope, petitions, eq(petitions.id, id)))
    .limit(1);
  return row;
}

/**
 * Earlier cases of the same petitioner (by keyed hash of ID number or phone) in the same
 * category, newest first. Each hash reads one range of its `(tenant, hash, category,
 * registered)` index, newest first, so the cost follows the person's own cases, never the
 * county's; both ranges go in one round trip. With `shownTo`, each case also says whether
 * that staff member may see it (the rule, as a column): registration records every earlier
 * case and answers the clerk with only those they may see, from the same read.
 */
export function earlierCasesQueries(
  scope: TenantScope,
  key: RepeatKey,
  viewer: Viewer | "all",
  shownTo?: Viewer,
) {
  const columns = {
    id: petitions.id,
    trackingCode: petitions.trackingCode,
    status: petitions.status,
    categoryCode: petitions.categoryCode,
    responsibleUnitId: petitions.responsibleUnitId,
    registeredAt: petitions.registeredAt,
    replyStage: sql<string | null>`json_extract(${petitions.reply}, '$.stage')`,
    // Named: a column called "0" would sort first among a row's keys, and shift the rest.
    shown: (shownTo
      ? sql<number>`CASE WHEN ${visibleCases(shownTo)} THEN 1 ELSE 0 END`
      : sql<number>`0`
    ).as("shown"),
  };
  const byHash = (match: SQL) =>
    scope.db
      .select(columns)
      .from(petitions)
      .where(
        ofTenant(
          scope,
          petitions,
          match,
          eq(petitions.categoryCode, key.categoryCode),
          viewer === "all" ? undefined : visibleCases(viewer),
        ),
      )
      .orderBy(desc(petitions.registeredAt))
      .limit(EARLIER_CASES);
  return [
    key.idHash ? byHash(eq(petitions.idHash, key.idHash)) : undefined,
    key.phoneHash ? byHash(eq(petitions.phoneHash, key.phoneHash)) : undefined,
  ].filter((q) => q !== undefined);
}

export type EarlierCase = Awaited<ReturnType<typeof earlierCasesQueries>[number]>[number];

const EARLIER_CASES = 50;

/** The ranges' cases as one list: each case once, newest first. */
export function mergeEarlierCases(found: EarlierCase[]) {
  const unique = found.filter((c, i) => found.findIndex((o) => o.id === c.id) === i);
  return unique
    .sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime())
    .slice(0, EARLIER_CASES);
}

/**
 * A person's latest cases in any category, for preparing a reception day: each hash reads
 * the front of its `(tenant, hash, …)` index range, through the visibility rule.
 */
export async function latestCasesOfPerson(
  scope: TenantScope,
  hashes: { idHash: string | null; phoneHash: string | null },
  viewer: Viewer,
  limit: number,
) {
  const byHash = (match: SQL) =>
    scope.db
      .select({
        id: petitions.id,
        trackingCode: petitions.trackingCode,
        status: petitions.status,
        categoryCode: petitions.categoryCode,
        registeredAt: petitions.registeredAt,
      })
      .from(petitions)
      .where(ofTenant(scope, petitions, match, visibleCases(viewer)))
      .orderBy(desc(petitions.registeredAt))
      .limit(limit);
  const [first, ...rest] = [
    hashes.idHash ? byHash(eq(petitions.idHash, hashes.idHash)) : undefined,
    hashes.phoneHash ? byHash(eq(petitions.phoneHash, hashes.phoneHash)) : undefined,
  ].filter((q) => q !== undefined);
  if (!first) return [];
  const found = (await scope.db.batch([first, ...rest])).flat();
  return found
    .filter((c, i) => found.findIndex((o) => o.id === c.id) === i)
    .sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime())
    .slice(0, limit);
}

export async function findEarlierCases(scope: TenantScope, key: RepeatKey, viewer: Viewer | "all") {
  const [first, ...rest] = earlierCasesQueries(scope, key, viewer);
  if (!first) return [];
  return mergeEarlierCases((await scope.db.batch([first, ...rest])).flat());
}

export interface PetitionFilter {
  status?: PetitionStatus | undefined;
  unitId?: string | undefined;
  overdueAt?: Date | undefined;
  dueBefore?: Date | undefined;
  /** Resume after this (sort key, id): the sort key is the next deadline, or none last. */
  after?: { at: number | null; id: string } | undefined;
  limit: number;
}

const keysetAfter = (at: number, id: string) =>
  and(gte(petitions.deadlineSort, at), or(gt(petitions.deadlineSort, at), gt(petitions.id, id)));

/** The stored sort key of a case without a deadline (they come last). */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/**
 * Cases this viewer may see, nearest deadline first, a keyset page at a time. Every filter
 * has an index ending in the stored sort key, so a page reads the rows it shows:
 * - the county office reads one range of `(tenant, [status,] sort, id)`;
 * - a unit filter reads one range of `(tenant, responsible unit, [status,] sort, id)`;
 * - a township merges the ranges of each unit of its subtree, as holder and as registrar
 *   (SQLite's ordered merge of a compound SELECT takes rows from each range as needed),
 *   for subtrees of up to two units (D1 allows five terms in a compound SELECT).
 * The visibility rule applies in each range, before the page is cut. Each range names its
 * index: without statistics SQLite may take the sort-key index for a unit's range once the
 * sort key has both bounds, and read the county in order. The statement can join a batch.
 */
export function listVisiblePetitionsStatement(
  scope: TenantScope,
  viewer: Viewer,
  filter: PetitionFilter,
): { sql: string; params: unknown[] } {
  const common = [
    visibleCases(viewer),
    filter.status ? eq(petitions.status, filter.status) : undefined,
    filter.overdueAt ? lt(petitions.deadlineSort, filter.overdueAt.getTime()) : undefined,
    filter.dueBefore ? lt(petitions.deadlineSort, filter.dueBefore.getTime()) : undefined,
    // Keyset: a plain lower bound on the sort key, so it combines with the deadline filters
    // into one index range (a row-value comparison would not).
    filter.after ? keysetAfter(filter.after.at ?? NO_DEADLINE, filter.after.id) : undefined,
  ];
  const range = (index: string, ...conditions: (SQL | undefined)[]) => {
    const built = scope.db
      .select()
      .from(petitions)
      .where(ofTenant(scope, petitions, ...conditions, ...common))
      .toSQL();
    const named = filter.status ? index.replace(/_idx$/, "_status_idx") : index;
    return {
      sql: built.sql.replace(' from "petitions" ', ` from "petitions" INDEXED BY "${named}" `),
      params: built.params,
    };
  };
  const page = (ranges: { sql: string; params: unknown[] }[]) => ({
    sql: `${ranges.map((r) => r.sql).join(" UNION ALL ")} ORDER BY "deadline_sort", "id" LIMIT ?`,
    params: [...ranges.flatMap((r) => r.params), filter.limit],
  });
  const ranges =
    filter.unitId || viewer.inCountyOffice
      ? []
      : viewer.unitSubtree.flatMap((unitId) => [
          range("petitions_work_unit_idx", eq(petitions.responsibleUnitId, unitId)),
          // Registered here and held outside the subtree: the ranges never overlap, so the
          // merge needs no de-duplication (which would sort on every column).
          range(
            "petitions_work_registering_idx",
            eq(petitions.registeringUnitId, unitId),
            sql`${petitions.registeringUnitId} <> ${petitions.responsibleUnitId}`,
            sql`NOT (${inList(petitions.responsibleUnitId, viewer.unitSubtree)})`,
          ),
        ]);
  if (ranges.length > 0 && ranges.length <= MAX_COMPOUND_TERMS) {
    const merged = page(ranges);
    if (merged.params.length <= MAX_BOUND_PARAMETERS) return merged;
  }
  // A subtree beyond D1's limits for one statement (more than two units) reads the county's
  // range with the rule as a filter instead: right, but no longer in proportion to the page.
  return page([
    filter.unitId
      ? range("petitions_work_unit_idx", eq(petitions.responsibleUnitId, filter.unitId))
      : range("petitions_work_idx"),
  ]);
}

export async function listVisiblePetitions(
  scope: TenantScope,
  viewer: Viewer,
  filter: PetitionFilter,
): Promise<PetitionRow[]> {
  const statement = listVisiblePetitionsStatement(scope, viewer, filter);
  const found = await scope.d1
    .prepare(statement.sql)
    .bind(...statement.params)
    .all<Record<string, unknown>>();
  return found.results.map(petitionFromRow);
}

/** A raw row of `petitions` (column names as SQLite has them) as drizzle would map it. */
export function petitionFromRow(raw: Record<string, unknown>): PetitionRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(petitions))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as PetitionRow;
}

export function insertPetitionStatement(scope: TenantScope, row: NewPetitionRow) {
  return scope.db.insert(petitions).values({ ...row, tenantId: scope.tenant });
}

/**
 * Moves a case from `version` to `version + 1`. Paired with `insertEventStatement`, whose
 * NOT NULL version comes from this row, a stale write fails the whole batch.
 */
export function updatePetitionStatement(
  scope: TenantScope,
  id: string,
  version: number,
  changes: Partial<Omit<PetitionRow, "id" | "tenantId" | "version" | "deadlineSort">>,
) {
  return scope.db
    .update(petitions)
    .set({ ...changes, version: version + 1 })
    .where(ofTenant(scope, petitions, eq(petitions.id, id), eq(petitions.version, version)));
}

/** Rewrites a case's clocks without making a new version of it (not an action). */
export function updateDeadlinesStatement(
  scope: TenantScope,
  id: string,
  version: number,
  clocks: Partial<
    Pick<
      PetitionRow,
      "deadlines" | "nextDeadlineAt" | "nextDeadlineKey" | "nextAlertAt" | "nextNearAt"
    >
  >,
) {
  return scope.db
    .update(petitions)
    .set(clocks)
    .where(ofTenant(scope, petitions, eq(petitions.id, id), eq(petitions.version, version)));
}

export interface NewEvent {
  petitionId: string;
  version: number;
  at: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorUnitId: string | null;
  note?: string | null | undefined;
  detail?: Record<string, unknown> | null | undefined;
}

export function insertEventStatement(scope: TenantScope, event: NewEvent) {
  // The version is read back from the case: NULL (and so a failed batch) unless the
  // update in the same batch really moved the case to this version.
  const guardedVersion = sql`(SELECT ${petitions.version} FROM ${petitions} WHERE ${petitions.tenantId} = ${scope.tenant} AND ${petitions.id} = ${event.petitionId} AND ${petitions.version} = ${event.version})`;
  return scope.db.insert(petitionEvents).values({
    ...event,
    note: event.note ?? null,
    detail: event.detail ?? null,
    tenantId: scope.tenant,
    version: guardedVersion,
  });
}

export function listEvents(scope: TenantScope, reader: Reader, petitionId: string) {
  return scope.db
    .select()
    .from(petitionEvents)
    .where(
      ofTenant(
        scope,
        petitionEvents,
        eq(petitionEvents.petitionId, petitionId),
        readableBy(scope, reader, petitionEvents.petitionId),
      ),
    )
    .orderBy(asc(petitionEvents.version));
}

export function insertRecusalStatement(
  scope: TenantScope,
  recusal: { petitionId: string; staffId: string; reason: string; declaredBy: string; at: Date },
) {
  return scope.db
    .insert(recusals)
    .values({ ...recusal, tenantId: scope.tenant })
    .onConflictDoNothing();
}

export async function isRecused(scope: TenantScope, petitionId: string, staffId: string) {
  const [row] = await scope.db
    .select({ staffId: recusals.staffId })
    .from(recusals)
    .where(
      ofTenant(scope, recusals, eq(recusals.petitionId, petitionId), eq(recusals.staffId, staffId)),
    )
    .limit(1);
  return row !== undefined;
}

/** Open cases, a page at a time, for recomputing deadlines after a policy change. */
export function listOpenPetitions(scope: TenantScope, afterId: string, limit: number) {
  return scope.db
    .select()
    .from(petitions)
    .where(
      ofTenant(
        scope,
        petitions,
        sql`${petitions.status} NOT IN ('closed', 'declined')`,
        gt(petitions.id, afterId),
      ),
    )
    .orderBy(asc(petitions.id))
    .limit(limit);
}
