import type { PetitionRow, SearchReindexJobRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit, errorText } from "../../storage/audit.ts";
import { listActiveTenants } from "../../storage/control.ts";
import {
  advanceReindexJobStatement,
  casesAfter,
  casesById,
  firstIndexStatements,
  nextReindexJob,
  recordReindexFailure,
  refreshAudienceStatement,
  unindexedCases,
} from "../../storage/search-reindex.ts";
import { openTenantScope, type TenantScope } from "../../storage/tenant-scope.ts";
import { lookupHash } from "../crypto/pii.ts";
import { unsealParties } from "../petitions/view.ts";
import { type CaseContext, loadCaseContext } from "../tenancy/county-context.ts";
import { caseSearchTexts, searchIndexStatements } from "./index-case.ts";
import { indexBody, normalizeName } from "./tokens.ts";

/**
 * Cases rewritten per county per run: three statements each, so a run stays far inside a
 * Worker's 1,000 queries even with several counties at work.
 */
const CASES_PER_STEP = 40;
/** Cases a job looks at per run to find the ones it concerns (one index page each). */
const PAGE = 250;
const PAGES_PER_STEP = 4;
/** Counties looked at per cron run (two cheap index reads each), in turn. */
const COUNTIES_PER_RUN = 60;
/** Counties that rewrite cases in one run; the rest wait for the next. */
const BUSY_COUNTIES_PER_RUN = 5;

export interface ReindexReport {
  counties: number;
  cases: number;
  failed: number;
}

/**
 * The cron's re-index step: in each county, cases that have no full-text row yet (registered
 * before search existed) get one with their name's blind index, then the oldest open job
 * (a unit renamed, a full rebuild) moves on by one bounded step from its cursor. Counties
 * take turns across runs; each is its own unit of failure.
 */
export async function runSearchReindex(env: Env, now: Date, only?: string) {
  const report: ReindexReport = { counties: 0, cases: 0, failed: 0 };
  const tenants = (await listActiveTenants(env)).filter((t) => !only || t.code === only);
  const start = tenants.length
    ? Math.floor(now.getTime() / 300_000) % Math.ceil(tenants.length / COUNTIES_PER_RUN)
    : 0;
  const turn = tenants.slice(start * COUNTIES_PER_RUN, (start + 1) * COUNTIES_PER_RUN);
  let busy = 0;
  for (const tenant of turn) {
    if (busy >= BUSY_COUNTIES_PER_RUN) break;
    try {
      const step = await reindexCounty(env, openTenantScope(env, tenant), now);
      if (step.busy) busy += 1;
      report.counties += 1;
      report.cases += step.cases;
    } catch (error) {
      report.failed += 1;
      console.error(`search re-index: county ${tenant.code} failed; the next run goes on`, error);
    }
  }
  return report;
}

/** One county's step: the unindexed cases first, then the oldest job. */
export async function reindexCounty(
  env: Env,
  scope: TenantScope,
  now: Date,
): Promise<{ cases: number; busy: boolean }> {
  const [legacy, job] = await Promise.all([
    unindexedCases(scope, CASES_PER_STEP),
    nextReindexJob(scope),
  ]);
  if (legacy.length === 0 && !job) return { cases: 0, busy: false };
  const ctx = await loadCaseContext(env, scope, now);
  if (legacy.length > 0) return { cases: await indexLegacy(ctx, legacy), busy: true };
  if (!job) return { cases: 0, busy: false };
  try {
    return { cases: await stepJob(ctx, job), busy: true };
  } catch (error) {
    await recordReindexFailure(scope, job.id, errorText(error)).catch(() => undefined);
    throw error;
  }
}

async function indexLegacy(ctx: CaseContext, rows: PetitionRow[]) {
  const statements = [];
  for (const row of rows) {
    const body = indexBody(ctx.scope.tenant, caseSearchTexts(ctx, row));
    // A seal that no longer opens costs the case its name look-up, not its words.
    const lead = (await unsealParties(ctx, row).catch(() => null))?.petitioner;
    const nameHash = lead?.name
      ? await lookupHash(ctx.keys, "name", normalizeName(lead.name))
      : null;
    statements.push(...firstIndexStatements(ctx.scope, row.id, row.registeredAt, body, nameHash));
  }
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: null,
      action: "search.reindex",
      targetType: "search",
      detail: { kind: "unindexed", cases: rows.length },
    },
    ctx.now,
  );
  return rows.length;
}

/** Whether a job concerns a case, from the columns `casesAfter` reads. */
function concerns(job: SearchReindexJobRow, units: string): boolean {
  if (job.kind === "all") return true;
  return job.target !== null && units.split(" ").includes(job.target);
}

async function stepJob(ctx: CaseContext, job: SearchReindexJobRow) {
  if (job.kind === "audience") return stepAudience(ctx, job);
  let cursor =
    job.cursorAt !== null && job.cursorRow !== null
      ? { at: job.cursorAt, row: job.cursorRow }
      : null;
  const chosen: string[] = [];
  let done = false;
  for (let page = 0; page < PAGES_PER_STEP && chosen.length < CASES_PER_STEP; page += 1) {
    const rows = await casesAfter(ctx.scope, cursor, PAGE);
    for (const row of rows) {
      if (row.searchRowid !== null && concerns(job, row.units)) chosen.push(row.id);
      cursor = { at: row.registeredAt.getTime(), row: row.row };
      if (chosen.length >= CASES_PER_STEP) break;
    }
    if (rows.length < PAGE && chosen.length < CASES_PER_STEP) {
      done = true;
      break;
    }
  }
  const rows = chosen.length ? await casesById(ctx.scope, chosen) : [];
  await batchWithAudit(
    ctx.scope,
    [
      ...rows.flatMap((row) => searchIndexStatements(ctx, row)),
      advanceReindexJobStatement(ctx.scope, job.id, { cursor, cases: rows.length, done }, ctx.now),
    ],
    {
      actorId: null,
      action: "search.reindex",
      targetType: "search",
      targetId: job.id,
      detail: { kind: job.kind, target: job.target, cases: rows.length, done },
    },
    ctx.now,
  );
  return rows.length;
}

/** Pages of cases whose audience tokens one step rewrites (one statement a page). */
const AUDIENCE_PAGES_PER_STEP = 4;

/**
 * An audience job's step: the next pages of cases, each page's full-text rows given their
 * tokens by one statement (migration 0022 files one per county for the rows written before
 * it). Up to 1,000 cases a step, so a county of 100,000 is filled in 100 runs.
 */
async function stepAudience(ctx: CaseContext, job: SearchReindexJobRow) {
  let cursor =
    job.cursorAt !== null && job.cursorRow !== null
      ? { at: job.cursorAt, row: job.cursorRow }
      : null;
  const pages: number[][] = [];
  let done = false;
  for (let page = 0; page < AUDIENCE_PAGES_PER_STEP; page += 1) {
    const rows = await casesAfter(ctx.scope, cursor, PAGE);
    const rowids = rows.flatMap((row) => (row.searchRowid === null ? [] : [row.searchRowid]));
    if (rowids.length) pages.push(rowids);
    const last = rows.at(-1);
    if (last) cursor = { at: last.registeredAt.getTime(), row: last.row };
    if (rows.length < PAGE) {
      done = true;
      break;
    }
  }
  const cases = pages.reduce((n, page) => n + page.length, 0);
  await batchWithAudit(
    ctx.scope,
    [
      ...pages.map((rowids) => refreshAudienceStatement(ctx.scope, rowids)),
      advanceReindexJobStatement(ctx.scope, job.id, { cursor, cases, done }, ctx.now),
    ],
    {
      actorId: null,
      action: "search.reindex",
      targetType: "search",
      targetId: job.id,
      detail: { kind: job.kind, cases, done },
    },
    ctx.now,
  );
  return cases;
}
