import { eq, sql } from "drizzle-orm";
import { edgeCounters, spentChallenges } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export interface CounterKey {
  bucket: string;
  window: string;
}

const sqlPlusOne = sql`${edgeCounters.count} + 1`;

/**
 * Adds one to each counter and answers the new counts, in one batch. Each statement is an
 * atomic upsert on D1's single writer, so concurrent requests never read the same count.
 */
export async function bumpCounters(scope: TenantScope, keys: CounterKey[], now: Date) {
  const [first, ...rest] = keys.map((key) =>
    scope.db
      .insert(edgeCounters)
      .values({ tenantId: scope.tenant, ...key, count: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: [edgeCounters.tenantId, edgeCounters.bucket, edgeCounters.window],
        set: { count: sqlPlusOne, updatedAt: now },
      })
      .returning({ count: edgeCounters.count, lockedUntil: edgeCounters.lockedUntil }),
  );
  if (!first) return [];
  const results = await scope.db.batch([first, ...rest]);
  return results.map((rows) => rows[0] ?? { count: 0, lockedUntil: null });
}

export async function readCounter(scope: TenantScope, key: CounterKey) {
  const [row] = await scope.db
    .select({ count: edgeCounters.count, lockedUntil: edgeCounters.lockedUntil })
    .from(edgeCounters)
    .where(
      ofTenant(
        scope,
        edgeCounters,
        eq(edgeCounters.bucket, key.bucket),
        eq(edgeCounters.window, key.window),
      ),
    )
    .limit(1);
  return row;
}

export async function lockCounter(scope: TenantScope, key: CounterKey, until: Date, now: Date) {
  await scope.db
    .update(edgeCounters)
    .set({ lockedUntil: until, updatedAt: now })
    .where(
      ofTenant(
        scope,
        edgeCounters,
        eq(edgeCounters.bucket, key.bucket),
        eq(edgeCounters.window, key.window),
      ),
    )
    .run();
}

export async function clearCounter(scope: TenantScope, key: CounterKey) {
  await scope.db
    .delete(edgeCounters)
    .where(
      ofTenant(
        scope,
        edgeCounters,
        eq(edgeCounters.bucket, key.bucket),
        eq(edgeCounters.window, key.window),
      ),
    )
    .run();
}

/**
 * Marks a proof-of-work challenge used. False when it already was: the primary key makes
 * the first request win, however many arrive at once.
 */
export async function spendChallenge(scope: TenantScope, signature: string, expiresAt: Date) {
  const rows = await scope.db
    .insert(spentChallenges)
    .values({ tenantId: scope.tenant, signature, expiresAt })
    .onConflictDoNothing()
    .returning({ signature: spentChallenges.signature });
  return rows.length === 1;
}

/** Housekeeping on a shard: counters untouched for two days, challenges past expiry. */
export async function purgeEdges(db: D1Database, now: Date) {
  const [counters, challenges] = await db.batch([
    db
      .prepare("DELETE FROM edge_counters WHERE updated_at < ?")
      .bind(now.getTime() - 2 * 86_400_000),
    db.prepare("DELETE FROM spent_challenges WHERE expires_at < ?").bind(now.getTime()),
  ]);
  return (counters?.meta.changes ?? 0) + (challenges?.meta.changes ?? 0);
}
