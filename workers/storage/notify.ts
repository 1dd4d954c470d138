import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  type DeliveryRow,
  deadlineAlerts,
  deliveries,
  devOutbox,
  notificationSettings,
  notifications,
  petitions,
  pushSubscriptions,
  type SupervisionStep,
  scanRuns,
  supervisions,
} from "../../schema/tenant/tables.ts";
import { chunked } from "./chunks.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import {
  caseDerivedVisible,
  type Reader,
  readableBy,
  type Viewer,
  visibleCases,
} from "./visibility.ts";

// ── settings ────────────────────────────────────────────────────────────────────────

/** The county's notification settings row, as a query that can join a batch of reads. */
export function settingsRowQuery(scope: TenantScope) {
  return scope.db
    .select()
    .from(notificationSettings)
    .where(ofTenant(scope, notificationSettings))
    .limit(1);
}

export async function loadSettingsRow(scope: TenantScope) {
  const [row] = await settingsRowQuery(scope);
  return row;
}

export function saveSettingsStatement(
  scope: TenantScope,
  settings: Record<string, unknown>,
  channelsSealed: string | null,
  now: Date,
) {
  return scope.db
    .insert(notificationSettings)
    .values({ tenantId: scope.tenant, settings, channelsSealed, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationSettings.tenantId,
      set: { settings, channelsSealed, updatedAt: now },
    });
}

// ── the scan ────────────────────────────────────────────────────────────────────────

export async function recordedAlerts(scope: TenantScope, reader: Reader, petitionId: string) {
  const rows = await scope.db
    .select()
    .from(deadlineAlerts)
    .where(
      ofTenant(
        scope,
        deadlineAlerts,
        eq(deadlineAlerts.petitionId, petitionId),
        readableBy(scope, reader, deadlineAlerts.petitionId),
      ),
    );
  return rows;
}

export async function hasScanRun(scope: TenantScope, name: string, day: string) {
  const [row] = await scope.db
    .select({ day: scanRuns.day })
    .from(scanRuns)
    .where(ofTenant(scope, scanRuns, eq(scanRuns.name, name), eq(scanRuns.day, day)))
    .limit(1);
  return row !== undefined;
}

export function insertScanRunStatement(scope: TenantScope, name: string, day: string, at: Date) {
  return scope.db
    .insert(scanRuns)
    .values({ tenantId: scope.tenant, name, day, at })
    .onConflictDoNothing();
}

// ── supervision ─────────────────────────────────────────────────────────────────────

/**
 * Opens supervision of a case unless one is already open for it (the partial unique index
 * `supervisions_open_case_uq`): one open supervision per case, whatever broke.
 */
export function openSupervisionStatement(
  scope: TenantScope,
  breach: { petitionId: string; deadlineKey: string; due: string; unitId: string },
  now: Date,
) {
  return scope.db
    .insert(supervisions)
    .values({
      ...breach,
      id: `${breach.petitionId}:${breach.deadlineKey}:${breach.due}`,
      tenantId: scope.tenant,
      status: "open",
      form: null,
      history: [
        { at: now.toISOString(), by: null, status: "open", note: "期限届满未办，自动转入督办" },
      ],
      openedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/**
 * Opens supervision before any breach (挂牌督办, a leader's 批示) with its own due date; does
 * nothing when the case is already supervised (one open supervision per case).
 */
export function openSupervisionEarlyStatement(
  scope: TenantScope,
  early: {
    petitionId: string;
    form: "listed" | "instruction";
    due: string;
    unitId: string;
    by: string;
    note?: string | undefined;
  },
  now: Date,
) {
  return scope.db
    .insert(supervisions)
    .values({
      id: `${early.petitionId}:${early.form}:${now.getTime()}`,
      tenantId: scope.tenant,
      petitionId: early.petitionId,
      deadlineKey: early.form,
      due: early.due,
      unitId: early.unitId,
      status: "open",
      form: early.form,
      history: [
        {
          at: now.toISOString(),
          by: early.by,
          status: "open",
          form: early.form,
          ...(early.note && { note: early.note }),
        },
      ],
      openedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/** The case's one open supervision, if any (the caller has checked the case is visible). */
export async function findOpenSupervision(scope: TenantScope, petitionId: string) {
  const [row] = await scope.db
    .select({
      id: supervisions.id,
      reason: supervisions.deadlineKey,
      form: supervisions.form,
      due: supervisions.due,
      openedAt: supervisions.openedAt,
    })
    .from(supervisions)
    .where(
      ofTenant(
        scope,
        supervisions,
        eq(supervisions.petitionId, petitionId),
        eq(supervisions.status, "open"),
      ),
    )
    .limit(1);
  return row;
}

/** Supervision records of cases the viewer may see, with their tracking codes, newest first. */
export function supervisionsQuery(
  scope: TenantScope,
  viewer: Viewer,
  filter: { status?: "open" | "resolved" | undefined; unitId?: string | undefined; limit: number },
) {
  return scope.db
    .select({
      supervision: supervisions,
      trackingCode: petitions.trackingCode,
      categoryCode: petitions.categoryCode,
      responsibleUnitId: petitions.responsibleUnitId,
      demands: sql<string>`json_extract(${petitions.material}, '$.demands')`,
      nextDeadlineAt: petitions.nextDeadlineAt,
    })
    .from(supervisions)
    .innerJoin(
      petitions,
      and(eq(petitions.tenantId, supervisions.tenantId), eq(petitions.id, supervisions.petitionId)),
    )
    .where(
      ofTenant(
        scope,
        supervisions,
        visibleCases(viewer),
        filter.status ? eq(supervisions.status, filter.status) : undefined,
        filter.unitId ? eq(supervisions.unitId, filter.unitId) : undefined,
      ),
    )
    .orderBy(desc(supervisions.openedAt))
    .limit(filter.limit);
}

export async function listSupervisions(
  scope: TenantScope,
  viewer: Viewer,
  filter: Parameters<typeof supervisionsQuery>[2],
) {
  const rows = await supervisionsQuery(scope, viewer, filter);
  // The case essentials the card shows: the viewer may see the case (the join's rule).
  return rows.map((r) => ({
    ...r.supervision,
    trackingCode: r.trackingCode,
    essentials: {
      categoryCode: r.categoryCode,
      responsibleUnitId: r.responsibleUnitId,
      summary: (r.demands ?? "").slice(0, 80),
      nextDeadlineAt: r.nextDeadlineAt,
    },
  }));
}

/** One supervision record, if the viewer may see its case (else as if it did not exist). */
export async function findSupervision(scope: TenantScope, viewer: Viewer, id: string) {
  const [row] = await scope.db
    .select()
    .from(supervisions)
    .where(
      ofTenant(
        scope,
        supervisions,
        eq(supervisions.id, id),
        caseDerivedVisible(scope, viewer, supervisions.petitionId),
      ),
    )
    .limit(1);
  return row;
}

export function updateSupervisionStatement(
  scope: TenantScope,
  id: string,
  updatedAt: Date,
  changes: {
    status: "open" | "resolved";
    form: string | null;
    history: SupervisionStep[];
    resolvedAt: Date | null;
  },
) {
  return scope.db
    .update(supervisions)
    .set({ ...changes, form: changes.form as never, updatedAt })
    .where(
      ofTenant(scope, supervisions, eq(supervisions.id, id), eq(supervisions.updatedAt, updatedAt)),
    );
}

// ── in-app inbox ────────────────────────────────────────────────────────────────────

export function insertNotificationStatement(
  scope: TenantScope,
  note: {
    id: string;
    staffId: string;
    event: string;
    title: string;
    body: string;
    petitionId: string | null;
  },
  now: Date,
) {
  return scope.db
    .insert(notifications)
    .values({ ...note, tenantId: scope.tenant, createdAt: now })
    .onConflictDoNothing();
}

/**
 * The viewer's inbox. A notice about a case is shown only while the viewer may still see
 * the case: a handler replaced, a recusal declared or a case forwarded away takes it out.
 */
export function listNotifications(
  scope: TenantScope,
  viewer: Viewer,
  filter: { unreadOnly: boolean; limit: number },
) {
  return scope.db
    .select()
    .from(notifications)
    .where(
      ofTenant(
        scope,
        notifications,
        eq(notifications.staffId, viewer.staffId),
        filter.unreadOnly ? isNull(notifications.readAt) : undefined,
        caseDerivedVisible(scope, viewer, notifications.petitionId),
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(filter.limit);
}

/** Counts exactly what `listNotifications` would show. */
export async function unreadCount(scope: TenantScope, viewer: Viewer) {
  const [row] = await scope.db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(
      ofTenant(
        scope,
        notifications,
        eq(notifications.staffId, viewer.staffId),
        isNull(notifications.readAt),
        caseDerivedVisible(scope, viewer, notifications.petitionId),
      ),
    );
  return row?.n ?? 0;
}

export function markReadStatement(
  scope: TenantScope,
  staffId: string,
  ids: string[] | "all",
  now: Date,
) {
  return scope.db
    .update(notifications)
    .set({ readAt: now })
    .where(
      ofTenant(
        scope,
        notifications,
        eq(notifications.staffId, staffId),
        isNull(notifications.readAt),
        ids === "all"
          ? undefined
          : sql`${notifications.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      ),
    );
}

// ── deliveries: the outbox and the log ──────────────────────────────────────────────

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

export function insertDeliveryStatement(scope: TenantScope, delivery: NewDelivery) {
  return scope.db
    .insert(deliveries)
    .values({
      ...delivery,
      petitionId: delivery.petitionId ?? null,
      tenantId: scope.tenant,
      status: "queued",
      attempts: 0,
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

/** Where each of these deliveries stands now. */
export async function deliveryStatusesOf(scope: TenantScope, ids: readonly string[]) {
  const statuses = new Map<string, DeliveryRow["status"]>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const rows = await scope.db
      .select({ id: deliveries.id, status: deliveries.status })
      .from(deliveries)
      .where(
        ofTenant(scope, deliveries, inArray(deliveries.id, ids.slice(i, i + IDS_PER_STATEMENT))),
      );
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
          ofTenant(
            scope,
            deliveries,
            inArray(deliveries.id, ids.slice(i, i + IDS_PER_STATEMENT)),
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
 * parameter, so any number stays within D1's 100 bound parameters.
 */
export async function finishDeliveries(
  scope: TenantScope,
  outcomes: readonly DeliveryFinish[],
  now: Date,
) {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => ({
    id: o.id,
    status: o.status,
    providerResponse: o.providerResponse ?? null,
    lastError: o.lastError ?? null,
  }));
  const at = now.getTime();
  await scope.db.run(sql`
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
    WHERE ${deliveries.tenantId} = ${scope.tenant} AND ${deliveries.id} = o.id`);
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

// ── Web Push subscriptions ──────────────────────────────────────────────────────────

export function subscriptionsOf(scope: TenantScope, staffIds: string[]) {
  return scope.db
    .select()
    .from(pushSubscriptions)
    .where(ofTenant(scope, pushSubscriptions, inArray(pushSubscriptions.staffId, staffIds)));
}

export function saveSubscriptionStatement(
  scope: TenantScope,
  sub: { staffId: string; endpoint: string; p256dh: string; auth: string },
  now: Date,
) {
  return scope.db
    .insert(pushSubscriptions)
    .values({ ...sub, id: crypto.randomUUID(), tenantId: scope.tenant, createdAt: now })
    .onConflictDoUpdate({
      target: [pushSubscriptions.tenantId, pushSubscriptions.endpoint],
      set: { staffId: sub.staffId, p256dh: sub.p256dh, auth: sub.auth },
    });
}

export async function deleteSubscription(scope: TenantScope, endpoint: string) {
  await scope.db
    .delete(pushSubscriptions)
    .where(ofTenant(scope, pushSubscriptions, eq(pushSubscriptions.endpoint, endpoint)))
    .run();
}

// ── the development outbox ─────────────────────────────────────────────────────────

export async function writeDevOutbox(
  scope: TenantScope,
  entry: { id: string; channel: "sms" | "email"; recipient: string; subject: string; body: string },
  now: Date,
) {
  await scope.db
    .insert(devOutbox)
    .values({ ...entry, tenantId: scope.tenant, createdAt: now })
    .onConflictDoNothing()
    .run();
}

export function listDevOutbox(scope: TenantScope, limit: number) {
  return scope.db
    .select()
    .from(devOutbox)
    .where(ofTenant(scope, devOutbox))
    .orderBy(desc(devOutbox.createdAt))
    .limit(limit);
}

// ── notices about one case, for its audience as the case now stands ─────────────────

/**
 * Takes back, later in the same batch that moves a case, what was just written for a
 * staff member who may not see the case as it now stands: the one visibility rule decides
 * on the written case (a handler recused, an accusation's accused unit, a confidential case
 * sent to a unit before anyone there is named), not the caller's idea of who may read it.
 */
export function withdrawUnseenStatements(
  scope: TenantScope,
  reader: Viewer,
  written: { petitionId: string; notificationId: string; deliveryKey: string },
) {
  const unseen = sql`NOT EXISTS (SELECT 1 FROM ${petitions} WHERE ${ofTenant(
    scope,
    petitions,
    eq(petitions.id, written.petitionId),
    visibleCases(reader),
  )})`;
  return [
    scope.db
      .delete(notifications)
      .where(ofTenant(scope, notifications, eq(notifications.id, written.notificationId), unseen)),
    scope.db
      .delete(deliveries)
      .where(
        ofTenant(scope, deliveries, eq(deliveries.idempotencyKey, written.deliveryKey), unseen),
      ),
  ];
}
