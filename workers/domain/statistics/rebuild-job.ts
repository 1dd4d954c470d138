import { type Env, shardNames } from "../../env.ts";
import { appendAudit, errorText } from "../../storage/audit.ts";
import { shardDatabase } from "../../storage/shards.ts";
import {
  pendingRebuilds,
  type RebuildCursor,
  rebuildStep,
  recordRebuildFailure,
} from "../../storage/statistics/rebuild.ts";
import { openTenantScope, type TenantScope } from "../../storage/tenant-scope.ts";

/**
 * Steps per county per run: a step is two or three statements, a page of cases about 13,000
 * rollup upserts. With the run's cap below, a run makes well under 200 D1 queries.
 */
const STEPS_PER_COUNTY = 12;
/** Steps per run over all counties and shards; the rest wait for the next run. */
const STEPS_PER_RUN = 48;
/** Pending counties looked at per shard per run. */
const COUNTIES_PER_SHARD = 8;
/** Wall time a run spends stepping before leaving the rest to the next (the cron's other work shares the invocation). */
const TIME_BUDGET_MS = 20_000;

export interface RebuildReport {
  counties: number;
  steps: number;
  cases: number;
  finished: number;
  failed: number;
}

/**
 * The cron's statistics rebuild: each county with a `statistics_rebuilds` row (migration
 * 0012, or `rebuildStatistics`) moves on by a bounded number of steps, least recently moved
 * first, and is audited once per run. A county whose step throws is logged and its failure
 * counted on its row; the others go on, and it is tried again next run from its cursor.
 */
export async function runStatisticsRebuilds(
  env: Env,
  now: Date,
  limits: { stepsPerCounty?: number; stepsPerRun?: number } = {},
): Promise<RebuildReport> {
  const perCounty = limits.stepsPerCounty ?? STEPS_PER_COUNTY;
  let budget = limits.stepsPerRun ?? STEPS_PER_RUN;
  const started = Date.now();
  const report: RebuildReport = { counties: 0, steps: 0, cases: 0, finished: 0, failed: 0 };
  for (const shard of shardNames(env)) {
    if (budget <= 0) break;
    let pending: ({ tenant: string } & RebuildCursor)[];
    try {
      pending = await pendingRebuilds(shardDatabase(env, shard), COUNTIES_PER_SHARD);
    } catch (error) {
      report.failed += 1;
      console.error(`statistics rebuild: shard ${shard} failed; the next run goes on`, error);
      continue;
    }
    for (const job of pending) {
      if (budget <= 0 || Date.now() - started > TIME_BUDGET_MS) break;
      const scope = openTenantScope(env, { code: job.tenant, shard });
      const steps = Math.min(perCounty, budget);
      try {
        const done = await stepCounty(scope, job, steps, now, started);
        budget -= done.steps;
        report.counties += 1;
        report.steps += done.steps;
        report.cases += done.cases;
        if (done.finished) report.finished += 1;
      } catch (error) {
        // Its whole allowance: the steps it made before failing are not known here.
        budget -= steps;
        report.failed += 1;
        console.error(
          `statistics rebuild: county ${job.tenant} failed; the next run goes on`,
          error,
        );
        await recordRebuildFailure(scope, errorText(error), now).catch(() => undefined);
      }
    }
  }
  return report;
}

async function stepCounty(
  scope: TenantScope,
  from: RebuildCursor,
  steps: number,
  now: Date,
  started: number,
) {
  let at: RebuildCursor | null = from;
  const done = { steps: 0, cases: 0, supervisions: 0, finished: false };
  let failure: unknown = null;
  try {
    while (at && done.steps < steps && Date.now() - started <= TIME_BUDGET_MS) {
      const step = await rebuildStep(scope, at, now);
      done.steps += 1;
      done.cases += step.cases;
      done.supervisions += step.supervisions;
      at = step.next;
    }
  } catch (error) {
    failure = error;
  }
  done.finished = failure === null && at === null;
  // The steps that were made are audited even when a later one failed.
  if (done.steps > 0)
    await appendAudit(
      scope,
      {
        actorId: null,
        action: "statistics.rebuild",
        targetType: "statistics",
        detail: { from, to: at, ...done, ...(failure ? { error: errorText(failure) } : {}) },
      },
      now,
    );
  if (failure) throw failure;
  return done;
}
