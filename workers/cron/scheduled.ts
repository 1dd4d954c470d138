import { runDeadlineScan } from "../domain/notify/scan.ts";
import { type Env, shardNames } from "../env.ts";
import { purgeEdges } from "../storage/edges.ts";
import { purgeExpiredSessions } from "../storage/sessions.ts";
import { shardDatabase } from "../storage/shards.ts";

/** The cron trigger: the deadline scan, then housekeeping on every shard. */
export async function runScheduled(controller: ScheduledController, env: Env) {
  const now = new Date(controller.scheduledTime);
  const report = await runDeadlineScan(env, now);
  if (report.alerts > 0 || report.enqueued > 0) console.log("deadline scan", report);
  for (const shard of shardNames(env)) {
    const purged = await purgeExpiredSessions(shardDatabase(env, shard), now);
    if (purged > 0) console.log(`${shard}: purged ${purged} expired sessions`);
    await purgeEdges(shardDatabase(env, shard), now);
  }
}
