import { sweepOrphanedFiles } from "../domain/files/orphans.ts";
import { runDeadlineScan } from "../domain/notify/scan.ts";
import { runSearchReindex } from "../domain/search/reindex.ts";
import { runStatisticsRebuilds } from "../domain/statistics/rebuild-job.ts";
import { type Env, shardNames } from "../env.ts";
import { purgeEdges } from "../storage/edges.ts";
import { purgeExpiredSessions } from "../storage/sessions.ts";
import { shardDatabase } from "../storage/shards.ts";

/**
 * Counties the cron scans itself; the others run on the scan queue's consumers, so the
 * cron's own invocation stays within D1's 1,000 queries whatever the number of counties.
 */
const INLINE_COUNTIES = 20;

/**
 * The cron trigger: the deadline scan, then housekeeping on every shard. Each county and
 * each shard is its own unit of failure: one that throws is logged and tried again next
 * run, and the others are done all the same.
 */
export async function runScheduled(controller: ScheduledController, env: Env) {
  const now = new Date(controller.scheduledTime);
  const report = await runDeadlineScan(env, now, undefined, INLINE_COUNTIES);
  if (report.alerts > 0 || report.enqueued > 0 || report.failed > 0 || report.continued > 0)
    console.log("deadline scan", report);
  try {
    const reindexed = await runSearchReindex(env, now);
    if (reindexed.cases > 0 || reindexed.failed > 0) console.log("search re-index", reindexed);
  } catch (error) {
    console.error("search re-index failed; the next run tries again", error);
  }
  try {
    const rebuilt = await runStatisticsRebuilds(env, now);
    if (rebuilt.steps > 0 || rebuilt.failed > 0) console.log("statistics rebuild", rebuilt);
  } catch (error) {
    console.error("statistics rebuild failed; the next run tries again", error);
  }
  try {
    const swept = await sweepOrphanedFiles(env, now);
    if (swept.removed > 0 || swept.failed > 0) console.log("file sweep", swept);
  } catch (error) {
    console.error("file sweep failed; the next run tries again", error);
  }
  for (const shard of shardNames(env)) {
    try {
      const purged = await purgeExpiredSessions(shardDatabase(env, shard), now);
      if (purged > 0) console.log(`${shard}: purged ${purged} expired sessions`);
      await purgeEdges(shardDatabase(env, shard), now);
    } catch (error) {
      console.error(`${shard}: housekeeping failed; the next run tries again`, error);
    }
  }
}
