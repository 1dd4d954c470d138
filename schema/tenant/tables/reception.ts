import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { PURPOSES } from "../../reference/intake.ts";

export const receptionSessionStatuses = ["draft", "published", "cancelled"] as const;

/**
 * A leader's reception session (领导接访日): who, when, where, in what form, and how
 * bookable. Bookings and the live queue live in the session's Durable Object; this row is
 * what schedules, public pages and the calendar feed read.
 */
export const receptionSessions = sqliteTable(
  "reception_sessions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    unitId: text("unit_id").notNull(),
    leaderId: text("leader_id").notNull(),
    /** As published: the leader's name and position on the day. */
    leaderName: text("leader_name").notNull(),
    leaderPosition: text("leader_position").notNull(),
    portfolio: text("portfolio"),
    topics: text("topics"),
    date: text("date").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    venue: text("venue").notNull(),
    /** 下访: the township a field session is held in (the venue names the village or site). */
    townshipId: text("township_id"),
    form: text("form").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
    capacityPerSlot: integer("capacity_per_slot").notNull(),
    status: text("status", { enum: receptionSessionStatuses }).notNull(),
    seriesId: text("series_id"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reception_sessions_tenant_date_idx").on(t.tenantId, t.date),
    index("reception_sessions_tenant_unit_date_idx").on(t.tenantId, t.unitId, t.date),
  ],
);

/**
 * A copy of each booking, kept by the session's Durable Object (which decides them), so
 * bookings can be found by code, counted per phone across sessions and reminded of.
 */
export const receptionBookings = sqliteTable(
  "reception_bookings",
  {
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    sessionId: text("session_id").notNull(),
    date: text("date").notNull(),
    slotStart: text("slot_start").notNull(),
    phoneHash: text("phone_hash").notNull(),
    /** **Encrypted**: name, phone, ID number of who booked. */
    partySealed: text("party_sealed").notNull(),
    status: text("status").notNull(),
    /**
     * The case registered at the desk from this visit (also an accusation's, which the desk's
     * feed never links): shown only to whoever proves the booking code and phone.
     */
    petitionId: text("petition_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.code] }),
    index("reception_bookings_phone_idx").on(t.tenantId, t.phoneHash, t.date),
    index("reception_bookings_session_idx").on(t.tenantId, t.sessionId),
    index("reception_bookings_date_idx").on(t.tenantId, t.date, t.status),
  ],
);

export type ReceptionSessionRow = typeof receptionSessions.$inferSelect;

export type ReceptionBookingRow = typeof receptionBookings.$inferSelect;

/**
 * 领导接访登记: one row per citizen (or group) a leader received at a reception session,
 * written when the desk completes the ticket. The petitioner is sealed as everywhere; the
 * visit names the case registered from it, and is read only through that case's visibility.
 */
export const receptionVisits = sqliteTable(
  "reception_visits",
  {
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    ticketNumber: integer("ticket_number").notNull(),
    /** The reception day (the session's date, CST). */
    date: text("date").notNull(),
    unitId: text("unit_id").notNull(),
    leaderId: text("leader_id").notNull(),
    leaderName: text("leader_name").notNull(),
    leaderPosition: text("leader_position").notNull(),
    /** **Encrypted**: the petitioner as the office recorded them (name, phone, ID number). */
    petitionerSealed: text("petitioner_sealed").notNull(),
    headcount: integer("headcount").notNull(),
    purpose: text("purpose", { enum: PURPOSES }).notNull(),
    categoryCode: text("category_code").notNull(),
    /** What they came about (事由), cut from the registered facts and demands. */
    summary: text("summary").notNull(),
    /** The leader's handling on the spot (现场处理意见), if the desk wrote one. */
    handling: text("handling"),
    petitionId: text("petition_id").notNull(),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionId, t.ticketNumber] }),
    // The quarter's register (by day) and a leader's own reception days.
    index("reception_visits_date_idx").on(t.tenantId, t.date, t.sessionId, t.ticketNumber),
    index("reception_visits_leader_idx").on(t.tenantId, t.leaderId, t.date, t.sessionId),
  ],
);
export type ReceptionVisitRow = typeof receptionVisits.$inferSelect;

/**
 * What a booking is about, as the citizen chose it when booking (purpose and category, from
 * the intake vocabularies). Kept beside the session object's booking, keyed by its code,
 * so the leader can prepare; neither is personal data.
 */
export const receptionBookingAbout = sqliteTable(
  "reception_booking_about",
  {
    tenantId: text("tenant_id").notNull(),
    bookingCode: text("booking_code").notNull(),
    sessionId: text("session_id").notNull(),
    purpose: text("purpose", { enum: PURPOSES }),
    categoryCode: text("category_code"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bookingCode] }),
    index("reception_booking_about_session_idx").on(t.tenantId, t.sessionId),
  ],
);

export const appointmentStatuses = [
  "invited",
  "confirmed",
  "reschedule_requested",
  "cancelled",
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/**
 * An appointment (约访): staff invite the petitioner of a case to a time of a session. The
 * place is a booking of the session (decided by its object like every booking); this row
 * holds the invitation: the keyed hash of the link's token (never the token), when the
 * link expires, and the petitioner's answer. One appointment per case and session.
 */
export const receptionAppointments = sqliteTable(
  "reception_appointments",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    petitionId: text("petition_id").notNull(),
    bookingCode: text("booking_code").notNull(),
    slotStart: text("slot_start").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: appointmentStatuses }).notNull(),
    /** **Encrypted**: the petitioner's note when asking for another time. */
    noteSealed: text("note_sealed"),
    invitedBy: text("invited_by").notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("reception_appointments_token_idx").on(t.tenantId, t.tokenHash),
    uniqueIndex("reception_appointments_case_idx").on(t.tenantId, t.sessionId, t.petitionId),
    index("reception_appointments_booking_idx").on(t.tenantId, t.bookingCode),
  ],
);
export type ReceptionAppointmentRow = typeof receptionAppointments.$inferSelect;

/**
 * 带案下访: the cases a field session takes along, for the leader on the day. Each was
 * visible to whoever added it; every reader sees them through the visibility rule again.
 */
export const receptionFieldCases = sqliteTable(
  "reception_field_cases",
  {
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    petitionId: text("petition_id").notNull(),
    addedBy: text("added_by").notNull(),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sessionId, t.petitionId] })],
);

/**
 * The desks of a joint reception (联合接访, migration 0015): one per leader and unit, desk 1
 * the session's own. A session without rows has desk 1 alone. Names as published.
 */
export const receptionDesks = sqliteTable(
  "reception_desks",
  {
    tenantId: text("tenant_id").notNull(),
    sessionId: text("session_id").notNull(),
    number: integer("number").notNull(),
    unitId: text("unit_id").notNull(),
    leaderId: text("leader_id").notNull(),
    leaderName: text("leader_name").notNull(),
    leaderPosition: text("leader_position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sessionId, t.number] })],
);
export type ReceptionDeskRow = typeof receptionDesks.$inferSelect;
