import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type DeliveryRow, deliveries } from "../../schema/tenant/tables.ts";
import { chunked } from "./chunks.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { caseDerivedVisible, type Viewer } from "./visibility.ts";

// The outbox and the delivery log: a delivery is written with the change that causes it,
// handed to the queue, claimed by the consumer for each attempt and finished with its outcome.

export type NewDelivery = Omit<
  DeliveryRow,
  | "tenantId"
  | "status"
  | "attempts"
  | "lastError"
  | "providerResponse"
  | "enqueuedAt"
  | "updatedAt"
  | "sentAt"
  | "petitionId"
> & { petitionId?: string | null | undefined };

/**
 * Writes a delivery to the outbox. `handedOffAt` writes it already taken for the queue, for
 * a writer that sends it itself once its batch commits (no claim has to read it back); if
 * that send never happens, the outbox's stale branch takes it again.
 */
export function insertDeliveryStatement(
  scope: TenantScope,
  delivery: NewDelivery,
  handedOffAt: Date | null = null,
) {
  return scope.db
    .insert(deliveries)
    .values({
      ...delivery,
      petitionId: delivery.petitionId ?? null,
      tenantId: scope.tenant,
      status: "queued",
      attempts: 0,
      enqueuedAt: handedOffAt,
      updatedAt: delivery.createdAt,
    })
    .onConflictDoNothing();
}

/**
 * Takes the hand-off of deliveries written but not yet on the queue, or put on it long ago
 * and still not started (a lost hand-off), and returns them: what `flushOutbox` sends. One
 * statement, so it can close the very batch that wrote the deliveries. The caller sends
 * what it took; a send that fails gives them back (`releaseHandOffStatement`), and one
 * lost with its Worker is taken again once `staleBefore` passes it.
 */
export function claimHandOffStatement(
  scope: TenantScope,
  now: Date,
  staleBefore: Date,
  limit: number,
) {
  // Each branch reads the front of one range of the outbox index (tenant, status, enqueued),
  // in the index's order: sorting by creation would send SQLite down the creation index,
  // through every delivery the county ever had.
  const waiting = (enqueued: SQL) =>
    scope.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(ofTenant(scope, deliveries, eq(deliveries.status, "queued"), enqueued))
      .orderBy(asc(deliveries.enqueuedAt))
      .limit(limit);
  return scope.db
    .update(deliveries)
    .set({ enqueuedAt: now })
    .where(
      and(
        sql`+${deliveries.tenantId} = ${scope.tenant}`,
        or(
          inArray(deliveries.id, waiting(isNull(deliveries.enqueuedAt))),
          inArray(deliveries.id, waiting(lt(deliveries.enqueuedAt, staleBefore))),
        ),
      ),
    )
    .returning({ id: deliveries.id, notBefore: deliveries.notBefore });
}

export type HandOff = { id: string; notBefore: Date | null };

/** Gives back a hand-off whose send failed, for the next flush to take at once. */
export function releaseHandOffStatement(scope: TenantScope, ids: readonly string[], now: Date) {
  return chunked(ids, 1, 3).map(
    (chunk): BatchItem<"sqlite"> =>
      scope.db
        .update(deliveries)
        .set({ enqueuedAt: null })
        .where(
          and(
            sql`+${deliveries.tenantId} = ${scope.tenant}`,
            inArray(deliveries.id, chunk),
            eq(deliveries.enqueuedAt, now),
          ),
        ),
  );
}

/** Ids per statement: with the tenant, statuses and times, under D1's 100 bound parameters. */
const IDS_PER_STATEMENT = 50;

/**
 * These deliveries of the county, each found by primary key. The tenant is checked on the
 * row (`+`): given `tenant_id = ?` beside `id IN (…)` of more than two ids, SQLite prefers
 * the tenant's creation index and walks every delivery the county ever had.
 */
function byIds(scope: TenantScope, ids: readonly string[]) {
  return and(sql`+${deliveries.tenantId} = ${scope.tenant}`, inArray(deliveries.id, ids));
}

/** Where each of these deliveries stands now. */
export async function deliveryStatusesOf(scope: TenantScope, ids: readonly string[]) {
  const statuses = new Map<string, DeliveryRow["status"]>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const rows = await scope.db
      .select({ id: deliveries.id, status: deliveries.status })
      .from(deliveries)
      .where(byIds(scope, ids.slice(i, i + IDS_PER_STATEMENT)));
    for (const row of rows) statuses.set(row.id, row.status);
  }
  return statuses;
}

/**
 * Takes deliveries for one attempt each; each statement returns the rows it took. Only one
 * consumer wins a delivery; one stuck `sending` (its consumer died) can be taken again
 * after `staleBefore`. A sent or dead one never. Statements, so the consumer's batch of
 * reads carries them.
 */
export function claimDeliveriesStatements(
  scope: TenantScope,
  ids: readonly string[],
  now: Date,
  staleBefore: Date,
) {
  const statements = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    statements.push(
      scope.db
        .update(deliveries)
        .set({ status: "sending", attempts: sql`${deliveries.attempts} + 1`, updatedAt: now })
        .where(
          and(
            byIds(scope, ids.slice(i, i + IDS_PER_STATEMENT)),
            or(
              inArray(deliveries.status, ["queued", "failed"]),
              and(eq(deliveries.status, "sending"), lt(deliveries.updatedAt, staleBefore)),
            ),
          ),
        )
        .returning(),
    );
  }
  return statements;
}

export interface DeliveryFinish {
  id: string;
  status: "sent" | "failed" | "dead";
  providerResponse?: string | null | undefined;
  lastError?: string | null | undefined;
}

/**
 * Records the outcomes of many attempts in one statement: they travel as one JSON
 * parameter, so any number stays within D1's 100 bound parameters. Each outcome finds its
 * delivery by primary key: the tenant is checked on the row (`+`), as in `byIds`.
 */
export function finishDeliveriesStatement(
  scope: TenantScope,
  outcomes: readonly DeliveryFinish[],
  now: Date,
) {
  const rows = outcomes.map((o) => ({
    id: o.id,
    status: o.status,
    providerResponse: o.providerResponse ?? null,
    lastError: o.lastError ?? null,
  }));
  const at = now.getTime();
  return scope.db.run(sql`
    UPDATE ${deliveries} SET
      status = o.status,
      provider_response = o.provider_response,
      last_error = o.last_error,
      updated_at = ${at},
      sent_at = CASE WHEN o.status = 'sent' THEN ${at} ELSE ${deliveries.sentAt} END
    FROM (
      SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.status') AS status,
        json_extract(value, '$.providerResponse') AS provider_response,
        json_extract(value, '$.lastError') AS last_error
      FROM json_each(${JSON.stringify(rows)})
    ) AS o
    WHERE ${deliveries.id} = o.id AND +${deliveries.tenantId} = ${scope.tenant}`);
}

export async function finishDeliveries(
  scope: TenantScope,
  outcomes: readonly DeliveryFinish[],
  now: Date,
) {
  if (outcomes.length === 0) return;
  await finishDeliveriesStatement(scope, outcomes, now);
}

/** Marks dead what reached the dead-letter queue, unless it was sent after all. */
export async function markDead(scope: TenantScope, id: string, now: Date) {
  await scope.db
    .update(deliveries)
    .set({ status: "dead", updatedAt: now })
    .where(ofTenant(scope, deliveries, eq(deliveries.id, id), sql`${deliveries.status} <> 'sent'`))
    .run();
}

/** The delivery log, without messages about cases the viewer may not see. */
export function listDeliveries(
  scope: TenantScope,
  viewer: Viewer,
  filter: {
    status?: DeliveryRow["status"] | undefined;
    channel?: DeliveryRow["channel"] | undefined;
    limit: number;
  },
) {
  return scope.db
    .select()
    .from(deliveries)
    .where(
      ofTenant(
        scope,
        deliveries,
        filter.status ? eq(deliveries.status, filter.status) : undefined,
        filter.channel ? eq(deliveries.channel, filter.channel) : undefined,
        caseDerivedVisible(scope, viewer, deliveries.petitionId),
      ),
    )
    .orderBy(desc(deliveries.createdAt))
    .limit(filter.limit);
}
