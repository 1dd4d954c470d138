import type { AppointmentView } from "../../../schema/api/appointments.ts";
import type {
  BookInput as BookBody,
  BookingView as Booking,
  CodeSent,
  Hold,
  SessionDesks,
  SessionList,
  SessionWithSlots,
} from "../../../schema/api/reception.ts";
import type { QueueState } from "../../../schema/realtime/reception-queue.ts";
import { request, seg } from "./client.ts";

// Public reception-day endpoints, no login: the citizens' pages and the display board.
const base = (tenant: string) => `/api/v1/t/${seg(tenant)}`;

export function listSessions(
  tenant: string,
  query: { from?: string; to?: string; unitId?: string } = {},
): Promise<SessionList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return request("GET", `${base(tenant)}/reception/sessions${search ? `?${search}` : ""}`);
}

export function getSession(tenant: string, sessionId: string): Promise<SessionWithSlots> {
  return request("GET", `${base(tenant)}/reception/sessions/${seg(sessionId)}`);
}

/** The iCalendar feed of published sessions, for the county or one unit. */
export function calendarUrl(tenant: string, unitId?: string): string {
  return `${base(tenant)}/reception/calendar.ics${unitId ? `?unitId=${seg(unitId)}` : ""}`;
}

export function requestBookingCode(
  tenant: string,
  phone: string,
  altcha: string,
): Promise<CodeSent> {
  return request("POST", `${base(tenant)}/public/booking-code`, { phone, altcha });
}

export function holdSlot(tenant: string, sessionId: string, slotStart: string): Promise<Hold> {
  return request("POST", `${base(tenant)}/public/holds`, { sessionId, slotStart });
}

export function book(tenant: string, body: BookBody): Promise<Booking> {
  return request("POST", `${base(tenant)}/public/bookings`, body);
}

export function getBooking(tenant: string, code: string, phoneLast4: string): Promise<Booking> {
  return request(
    "GET",
    `${base(tenant)}/public/bookings/${seg(code)}?phoneLast4=${seg(phoneLast4)}`,
  );
}

export function cancelBooking(tenant: string, code: string, phoneLast4: string): Promise<Booking> {
  return request("POST", `${base(tenant)}/public/bookings/${seg(code)}/cancel`, { phoneLast4 });
}

export function rescheduleBooking(
  tenant: string,
  code: string,
  phoneLast4: string,
  slotStart: string,
): Promise<Booking> {
  return request("POST", `${base(tenant)}/public/bookings/${seg(code)}/reschedule`, {
    phoneLast4,
    slotStart,
  });
}

/** Who sits at each desk: a joint reception's leaders and units (desk 1 alone otherwise). */
export function getSessionDesks(tenant: string, sessionId: string): Promise<SessionDesks> {
  return request("GET", `${base(tenant)}/reception/sessions/${seg(sessionId)}/desks`);
}

export function getQueue(tenant: string, sessionId: string): Promise<QueueState> {
  return request("GET", `${base(tenant)}/reception/sessions/${seg(sessionId)}/queue`);
}

/** Same-origin WebSocket URL of an API path. */
export function socketUrl(path: string): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
}

export const queueWatchPath = (tenant: string, sessionId: string) =>
  `${base(tenant)}/reception/sessions/${seg(sessionId)}/queue/watch`;

export const monitorWatchPath = (tenant: string) => `${base(tenant)}/reception/monitor/watch`;

/** The nearest free slots a SLOT_FULL answer suggests. */
export function nearestFree(err: unknown): string[] {
  const details = (err as { details?: unknown } | null)?.details;
  const list = (details as { nearestFree?: unknown } | null)?.nearestFree;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === "string") : [];
}

// 约访: the petitioner's link. The token goes in the body, never in a URL.
export function openAppointment(tenant: string, token: string): Promise<AppointmentView> {
  return request("POST", `${base(tenant)}/public/appointment`, { token });
}

export function confirmAppointment(tenant: string, token: string): Promise<AppointmentView> {
  return request("POST", `${base(tenant)}/public/appointment/confirm`, { token });
}

export function askAnotherTime(
  tenant: string,
  token: string,
  note: string,
): Promise<AppointmentView> {
  return request("POST", `${base(tenant)}/public/appointment/another-time`, { token, note });
}
