import { and, asc, eq, gt, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { petitions, type ReindexKind, searchReindexJobs } from "../../schema/tenant/tables.ts";
import { petitionFromRow } from "./petitions.ts";
import { caseSearch } from "./search.ts";
import { audienceSql, wordsOfBodySql } from "./search-audience.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/**
 * Cases with no full-text row (registered before migration 0006), oldest first, on their
 * partial index: named, because without statistics SQLite would take the unique index on
 * `search_rowid` for `IS NULL` and read every such case of the shard, then sort.
 */
export const UNINDEXED_SQL =
  "SELECT * FROM petitions INDEXED BY petitions_unindexed_idx WHERE tenant_id = ? AND search_rowid IS NULL ORDER BY registered_at LIMIT ?";

export async function unindexedCases(scope: TenantScope, limit: number) {
  const rows = await scope.d1
    .prepare(UNINDEXED_SQL)
    .bind(scope.tenant, limit)
    .all<Record<string, unknown>>();
  return rows.results.map(petitionFromRow);
}

/**
 * Gives a case without one its place in the full-text index and its row there (with its
 * audience tokens, read from the row like a new case's), and its
 * name's blind index when it had none. The place follows its registration time like a new
 * case's (newest-first order holds); the part below the millisecond is the next free one,
 * so cases registered in the same millisecond (an import) each get their own.
 */
export function firstIndexStatements(
  scope: TenantScope,
  petitionId: string,
  registeredAt: Date,
  body: string,
  nameHash: string | null,
) {
  const base = registeredAt.getTime() * 1000;
  const place = sql`${base} + coalesce((SELECT max(${petitions.searchRowid}) FROM ${petitions} WHERE ${petitions.searchRowid} BETWEEN ${base} AND ${base + 999}) - ${base} + 1, 0)`;
  const rowOfCase = sql`(SELECT ${petitions.searchRowid} FROM ${petitions} WHERE ${petitions.tenantId} = ${scope.tenant} AND ${petitions.id} = ${petitionId})`;
  return [
    scope.db
      .update(petitions)
      .set({ searchRowid: place, nameHash: sql`coalesce(${petitions.nameHash}, ${nameHash})` })
      .where(
        ofTenant(scope, petitions, eq(petitions.id, petitionId), isNull(petitions.searchRowid)),
      ),
    scope.db.delete(caseSearch).where(sql`${caseSearch.rowid} = ${rowOfCase}`),
    scope.db
      .insert(caseSearch)
      .select(
        sql`SELECT p.search_rowid, ${body} || ${sql.raw(audienceSql("p"))} FROM ${petitions} AS p WHERE p.tenant_id = ${scope.tenant} AND p.id = ${petitionId}`,
      ),
  ] as const;
}

/**
 * Rewrites the audience tokens of these full-text rows from their cases as they stand,
 * keeping their words: one statement for a page of cases, no text to recompute.
 */
export function refreshAudienceStatement(scope: TenantScope, searchRowids: readonly number[]) {
  return scope.db
    .update(caseSearch)
    .set({
      body: sql`(SELECT ${sql.raw(wordsOfBodySql("case_search.body", "p.tenant_id"))} || ${sql.raw(audienceSql("p"))} FROM ${petitions} AS p WHERE p.search_rowid = case_search.rowid AND p.tenant_id = ${scope.tenant})`,
    })
    .where(
      sql`${caseSearch.rowid} IN (SELECT value FROM json_each(${JSON.stringify(searchRowids)}))`,
    );
}

/** The county's oldest unfinished re-index job. */
export async function nextReindexJob(scope: TenantScope) {
  const [job] = await scope.db
    .select()
    .from(searchReindexJobs)
    .where(ofTenant(scope, searchReindexJobs, isNull(searchReindexJobs.finishedAt)))
    .orderBy(asc(searchReindexJobs.requestedAt))
    .limit(1);
  return job;
}

/**
 * A new job; an unfinished one for the same thing is done by it (it starts over from the
 * first case), so renaming a unit twice walks the county once; a full rebuild does them all
 * but an audience fill, which keeps its own (faster) course.
 */
export function requestReindexStatements(
  scope: TenantScope,
  job: { id: string; kind: ReindexKind; target: string | null; by: string | null },
  now: Date,
) {
  return [
    scope.db
      .update(searchReindexJobs)
      .set({ finishedAt: now, lastError: "superseded" })
      .where(
        ofTenant(
          scope,
          searchReindexJobs,
          isNull(searchReindexJobs.finishedAt),
          // A rebuild does every other job's work, but not an audience fill's: word searches
          // stay unnarrowed only while that one is open (search.ts searchText).
          job.kind === "all"
            ? ne(searchReindexJobs.kind, "audience")
            : and(
                eq(searchReindexJobs.kind, job.kind),
                job.target === null
                  ? isNull(searchReindexJobs.target)
                  : eq(searchReindexJobs.target, job.target),
              ),
        ),
      ),
    scope.db.insert(searchReindexJobs).values({
      tenantId: scope.tenant,
      id: job.id,
      kind: job.kind,
      target: job.target,
      requestedAt: now,
      requestedBy: job.by,
    }),
  ] as const;
}

export function advanceReindexJobStatement(
  scope: TenantScope,
  id: string,
  step: { cursor: { at: number; row: number } | null; cases: number; done: boolean },
  now: Date,
) {
  return scope.db
    .update(searchReindexJobs)
    .set({
      cursorAt: step.cursor?.at ?? null,
      cursorRow: step.cursor?.row ?? null,
      cases: sql`${searchReindexJobs.cases} + ${step.cases}`,
      finishedAt: step.done ? now : null,
    })
    .where(ofTenant(scope, searchReindexJobs, eq(searchReindexJobs.id, id)));
}

export async function recordReindexFailure(scope: TenantScope, id: string, error: string) {
  await scope.db
    .update(searchReindexJobs)
    .set({ failures: sql`${searchReindexJobs.failures} + 1`, lastError: error.slice(0, 500) })
    .where(ofTenant(scope, searchReindexJobs, eq(searchReindexJobs.id, id)));
}

const rowOf = sql<number>`${petitions}.rowid`;

/**
 * The next cases of the county in registration order, after the cursor: the columns that
 * say which ones a job concerns, read from the registration index page by page.
 */
export function casesAfter(
  scope: TenantScope,
  after: { at: number; row: number } | null,
  limit: number,
) {
  const at = after ? new Date(after.at) : undefined;
  return scope.db
    .select({
      id: petitions.id,
      row: rowOf,
      registeredAt: petitions.registeredAt,
      searchRowid: petitions.searchRowid,
      units: sql<string>`${petitions.responsibleUnitId} || ' ' || ${petitions.registeringUnitId} || ' ' || coalesce(${petitions.subjectUnitId}, '')`,
    })
    .from(petitions)
    .where(
      ofTenant(
        scope,
        petitions,
        // A plain lower bound first, so the page starts in the index at the cursor.
        at ? gte(petitions.registeredAt, at) : undefined,
        at && after
          ? or(
              gt(petitions.registeredAt, at),
              and(eq(petitions.registeredAt, at), gt(rowOf, after.row)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(petitions.registeredAt), asc(rowOf))
    .limit(limit);
}

export function casesById(scope: TenantScope, ids: readonly string[]) {
  return scope.db
    .select()
    .from(petitions)
    .where(ofTenant(scope, petitions, inArray(petitions.id, [...ids])));
}
