import { and, asc, eq } from "drizzle-orm";
import {
  petitions,
  type ReceptionAppointmentRow,
  receptionAppointments,
  receptionBookingAbout,
  receptionFieldCases,
} from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { caseDerivedVisible, inList, type Viewer, visibleCases } from "./visibility.ts";

/** Records what a booking is about (purpose, category), beside the object's booking. */
export function insertBookingAboutStatement(
  scope: TenantScope,
  row: {
    bookingCode: string;
    sessionId: string;
    purpose: (typeof receptionBookingAbout.$inferInsert)["purpose"];
    categoryCode: string | null;
  },
  now: Date,
) {
  return scope.db
    .insert(receptionBookingAbout)
    .values({ ...row, tenantId: scope.tenant, createdAt: now })
    .onConflictDoNothing();
}

/** What each of the given bookings is about, by booking code. */
export function bookingAboutOf(scope: TenantScope, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return scope.db
    .select()
    .from(receptionBookingAbout)
    .where(
      ofTenant(scope, receptionBookingAbout, inList(receptionBookingAbout.bookingCode, codes)),
    );
}

export function insertAppointmentStatement(
  scope: TenantScope,
  row: Omit<ReceptionAppointmentRow, "tenantId">,
) {
  return scope.db.insert(receptionAppointments).values({ ...row, tenantId: scope.tenant });
}

export function updateAppointmentStatement(
  scope: TenantScope,
  id: string,
  changes: Partial<Omit<ReceptionAppointmentRow, "id" | "tenantId">>,
) {
  return scope.db
    .update(receptionAppointments)
    .set(changes)
    .where(ofTenant(scope, receptionAppointments, eq(receptionAppointments.id, id)));
}

/** The appointment a link's token opens: by the token's hash, served by its unique index. */
export async function findAppointmentByToken(scope: TenantScope, tokenHash: string) {
  const [row] = await scope.db
    .select()
    .from(receptionAppointments)
    .where(ofTenant(scope, receptionAppointments, eq(receptionAppointments.tokenHash, tokenHash)))
    .limit(1);
  return row;
}

/** One appointment of a session, by its id. */
export async function findSessionAppointment(scope: TenantScope, sessionId: string, id: string) {
  const [row] = await scope.db
    .select()
    .from(receptionAppointments)
    .where(
      ofTenant(
        scope,
        receptionAppointments,
        eq(receptionAppointments.id, id),
        eq(receptionAppointments.sessionId, sessionId),
      ),
    )
    .limit(1);
  return row;
}

/** A case's appointment in a session, if staff invited its petitioner before. */
export async function findCaseAppointment(
  scope: TenantScope,
  sessionId: string,
  petitionId: string,
) {
  const [row] = await scope.db
    .select()
    .from(receptionAppointments)
    .where(
      ofTenant(
        scope,
        receptionAppointments,
        eq(receptionAppointments.sessionId, sessionId),
        eq(receptionAppointments.petitionId, petitionId),
      ),
    )
    .limit(1);
  return row;
}

/**
 * The appointments behind the given bookings, by booking code, only those whose case the
 * viewer may see: an appointment is derived from its case, and the rule guards it.
 */
export function appointmentsOfBookings(
  scope: TenantScope,
  viewer: Viewer,
  codes: readonly string[],
) {
  return scope.db
    .select()
    .from(receptionAppointments)
    .where(
      ofTenant(
        scope,
        receptionAppointments,
        inList(receptionAppointments.bookingCode, codes),
        caseDerivedVisible(scope, viewer, receptionAppointments.petitionId),
      ),
    );
}

/** 带案下访: takes a case along on a field session (once). */
export function insertFieldCaseStatement(
  scope: TenantScope,
  row: { sessionId: string; petitionId: string; addedBy: string },
  now: Date,
) {
  return scope.db
    .insert(receptionFieldCases)
    .values({ ...row, tenantId: scope.tenant, addedAt: now })
    .onConflictDoNothing();
}

export function deleteFieldCaseStatement(
  scope: TenantScope,
  sessionId: string,
  petitionId: string,
) {
  return scope.db
    .delete(receptionFieldCases)
    .where(
      ofTenant(
        scope,
        receptionFieldCases,
        eq(receptionFieldCases.sessionId, sessionId),
        eq(receptionFieldCases.petitionId, petitionId),
      ),
    );
}

/**
 * The cases a field session takes along, as this reader may see them: the visibility rule
 * joins every row, so a case hidden from the reader is neither listed nor counted.
 */
export function listFieldCases(scope: TenantScope, viewer: Viewer, sessionId: string) {
  return scope.db
    .select({
      petitionId: petitions.id,
      trackingCode: petitions.trackingCode,
      status: petitions.status,
      purpose: petitions.purpose,
      categoryCode: petitions.categoryCode,
      receivedOn: petitions.receivedOn,
      responsibleUnitId: petitions.responsibleUnitId,
    })
    .from(receptionFieldCases)
    .innerJoin(
      petitions,
      and(
        eq(petitions.tenantId, receptionFieldCases.tenantId),
        eq(petitions.id, receptionFieldCases.petitionId),
      ),
    )
    .where(
      ofTenant(
        scope,
        receptionFieldCases,
        eq(receptionFieldCases.sessionId, sessionId),
        visibleCases(viewer),
      ),
    )
    .orderBy(asc(receptionFieldCases.addedAt))
    .limit(200);
}
