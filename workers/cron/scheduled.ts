import { type Env, shardNames } from "../env.ts";
import { purgeExpiredSessions } from "../storage/sessions.ts";
import { shardDatabase } from "../storage/shards.ts";

/** The cron trigger: housekeeping on every shard. Deadline scans join this run. */
export async function runScheduled(controller: ScheduledController, env: Env) {
  const now = new Date(controller.scheduledTime);
  for (const shard of shardNames(env)) {
    const purged = await purgeExpiredSessions(shardDatabase(env, shard), now);
    if (purged > 0) console.log(`${shard}: purged ${purged} expired sessions`);
  }
}
