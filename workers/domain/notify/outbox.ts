import type { Env } from "../../env.ts";
import {
  claimHandOffStatement,
  type HandOff,
  releaseHandOffStatement,
} from "../../storage/deliveries.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";

/** What goes on the queue: only a pointer; the content and recipient stay in D1, sealed. */
export interface DeliveryMessage {
  tenant: string;
  deliveryId: string;
}

/** Queues hold a message back at most 12 hours. */
const MAX_DELAY_SECONDS = 12 * 3600;
/** A hand-off that did not start within this long is tried again. */
const STALE_HANDOFF_MS = 15 * 60_000;
/** Deliveries taken per range of the outbox (two ranges: at most 100, one `sendBatch`). */
const PAGE = 50;

/**
 * The statement that takes the outbox's hand-off: put it last in the batch that writes
 * notices, and pass what it returns to `handOff`, so the notices reach the queue without
 * another round trip.
 */
export function claimHandOff(scope: TenantScope, now: Date) {
  return claimHandOffStatement(scope, now, new Date(now.getTime() - STALE_HANDOFF_MS), PAGE);
}

/**
 * Puts taken deliveries on the queue, at most 100 messages a send (a queue's limit). A send
 * that fails gives back what it and the sends after it held, for the next flush (or the
 * cron's) to take at once; the consumer's claim makes a second copy harmless.
 */
export async function handOff(env: Env, scope: TenantScope, taken: HandOff[], now: Date) {
  for (let start = 0; start < taken.length; start += 100) {
    try {
      await env.NOTIFY_QUEUE.sendBatch(
        taken.slice(start, start + 100).map((row) => ({
          body: { tenant: scope.tenant, deliveryId: row.id } satisfies DeliveryMessage,
          ...(row.notBefore &&
            row.notBefore > now && {
              delaySeconds: Math.min(
                MAX_DELAY_SECONDS,
                Math.ceil((row.notBefore.getTime() - now.getTime()) / 1000),
              ),
            }),
        })),
      );
    } catch (error) {
      const [first, ...rest] = releaseHandOffStatement(
        scope,
        taken.slice(start).map((row) => row.id),
        now,
      );
      if (first) await scope.db.batch([first, ...rest]).catch(() => undefined);
      throw error;
    }
  }
}

/**
 * Hands written deliveries to the queue. Run after every batch that writes notices, and by
 * the cron as a safety net, so a delivery whose hand-off was lost still goes out. Each page
 * is one round trip: the statement that takes the hand-off returns what it took.
 */
export async function flushOutbox(env: Env, scope: TenantScope, now = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const taken = await claimHandOff(scope, now);
    await handOff(env, scope, taken, now);
    sent += taken.length;
    if (taken.length < PAGE) return sent;
  }
}
