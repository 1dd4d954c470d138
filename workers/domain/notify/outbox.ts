import type { Env } from "../../env.ts";
import { markEnqueuedStatements, outboxBacklog } from "../../storage/notify.ts";
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
/** Deliveries handed to the queue per `sendBatch` (at most 100 messages). */
const PAGE = 50;

/**
 * Hands written deliveries to the queue. Run after every batch that writes notices, and by
 * the cron as a safety net, so a delivery whose hand-off was lost still goes out.
 */
export async function flushOutbox(env: Env, scope: TenantScope, now = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const backlog = await outboxBacklog(scope, new Date(now.getTime() - STALE_HANDOFF_MS), PAGE);
    if (backlog.length === 0) return sent;
    await env.NOTIFY_QUEUE.sendBatch(
      backlog.map((row) => ({
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
    const [first, ...rest] = markEnqueuedStatements(
      scope,
      backlog.map((row) => row.id),
      now,
    );
    if (first) await scope.db.batch([first, ...rest]);
    sent += backlog.length;
    if (backlog.length < PAGE) return sent;
  }
}
