import { asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import {
  type ReceptionSessionRow,
  receptionBookings,
  receptionSessions,
  tenantSettings,
} from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export function insertSessionStatement(
  scope: TenantScope,
  row: Omit<ReceptionSessionRow, "tenantId">,
) {
  return scope.db.insert(receptionSessions).values({ ...row, tenantId: scope.tenant });
}

export async function findReceptionSession(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select()
    .from(receptionSessions)
    .where(ofTenant(scope, receptionSessions, eq(receptionSessions.id, id)))
    .limit(1);
  return row;
}

export function listReceptionSessions(
  scope: TenantScope,
  filter: {
    from: string;
    to: string;
    unitId?: string | undefined;
    statuses: ReceptionSessionRow["status"][];
  },
) {
  return scope.db
    .select()
    .from(receptionSessions)
    .where(
      ofTenant(
        scope,
        receptionSessions,
        gte(receptionSessions.date, filter.from),
        lte(receptionSessions.date, filter.to),
        filter.unitId ? eq(receptionSessions.unitId, filter.unitId) : undefined,
        inArray(receptionSessions.status, filter.statuses),
      ),
    )
    .orderBy(asc(receptionSessions.date), asc(receptionSessions.startTime))
    .limit(500);
}

export function updateSessionStatement(
  scope: TenantScope,
  id: string,
  changes: Partial<Omit<ReceptionSessionRow, "id" | "tenantId">>,
) {
  return scope.db
    .update(receptionSessions)
    .set(changes)
    .where(ofTenant(scope, receptionSessions, eq(receptionSessions.id, id)));
}

export async function findBookingCopy(scope: TenantScope, code: string) {
  const [row] = await scope.db
    .select()
    .from(receptionBookings)
    .where(ofTenant(scope, receptionBookings, eq(receptionBookings.code, code)))
    .limit(1);
  return row;
}

/** Bookings on a day still to come: whom to remind. */
export function activeBookingsOn(scope: TenantScope, date: string) {
  return scope.db
    .select()
    .from(receptionBookings)
    .where(
      ofTenant(
        scope,
        receptionBookings,
        eq(receptionBookings.date, date),
        eq(receptionBookings.status, "active"),
      ),
    );
}

export async function loadReceptionPolicyRow(scope: TenantScope) {
  const [row] = await scope.db
    .select({ policy: tenantSettings.receptionPolicy })
    .from(tenantSettings)
    .where(ofTenant(scope, tenantSettings))
    .limit(1);
  return row?.policy;
}

export function saveReceptionPolicyStatement(
  scope: TenantScope,
  policy: Record<string, unknown>,
  now: Date,
) {
  return scope.db
    .insert(tenantSettings)
    .values({ tenantId: scope.tenant, receptionPolicy: policy, updatedAt: now })
    .onConflictDoUpdate({
      target: tenantSettings.tenantId,
      set: { receptionPolicy: policy, updatedAt: now },
    });
}

/** A booking as the session's object holds it, for its copy in D1. */
export interface BookingCopy {
  code: string;
  slotStart: string;
  phoneHash: string;
  partySealed: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Writes the session object's changed bookings to their D1 copy in one batch; the object
 * is their single writer, so a later copy simply replaces the slot and status.
 */
export async function saveBookingCopies(
  scope: TenantScope,
  session: { id: string; date: string },
  copies: BookingCopy[],
) {
  const [first, ...rest] = copies.map((copy) =>
    scope.db
      .insert(receptionBookings)
      .values({ ...copy, tenantId: scope.tenant, sessionId: session.id, date: session.date })
      .onConflictDoUpdate({
        target: [receptionBookings.tenantId, receptionBookings.code],
        set: {
          slotStart: sql`excluded.slot_start`,
          status: sql`excluded.status`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
  );
  if (first) await scope.db.batch([first, ...rest]);
}
