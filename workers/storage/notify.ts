import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  deadlineAlerts,
  deliveries,
  notificationSettings,
  notifications,
  petitions,
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
  breach: {
    petitionId: string;
    deadlineKey: string;
    due: string;
    unitId: string;
    unitParent: string;
    unitGrand: string;
  },
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
    unitParent: string;
    unitGrand: string;
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
      unitParent: early.unitParent,
      unitGrand: early.unitGrand,
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

/**
 * Inbox rows, many per statement within D1's parameter limit (a breach tells half a dozen
 * people; one statement each would make the scan's batches hundreds of statements long).
 */
export function insertNotificationsStatements(
  scope: TenantScope,
  notes: readonly {
    id: string;
    staffId: string;
    event: string;
    title: string;
    body: string;
    petitionId: string | null;
  }[],
  now: Date,
) {
  return chunked(notes, NOTIFICATION_COLUMNS).map((chunk) =>
    scope.db
      .insert(notifications)
      .values(chunk.map((note) => ({ ...note, tenantId: scope.tenant, createdAt: now })))
      .onConflictDoNothing(),
  );
}

/** Parameters a notification row binds (every column, `read_at` as null). */
const NOTIFICATION_COLUMNS = 9;

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
