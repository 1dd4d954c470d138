import type {
  Appointment,
  CancelAppointmentBody,
  InviteAppointmentBody,
} from "../../../schema/api/appointments.ts";
import type {
  ChangeSessionBody,
  CompleteTicketBody,
  CreateReceptionSessionInput as CreateSessionBody,
  FieldCases,
  PublishedSessions,
  PublishSessionsBody,
  ReceptionSettings,
  SessionBookings,
  SessionChanged,
  SessionDesks,
  SessionList,
  SetSessionDesksBody,
  TicketCompleted,
  TicketTransferred,
  WalkIn,
} from "../../../schema/api/reception.ts";
import type {
  DoneTickets,
  StaffQueueState,
  StaffTicket,
} from "../../../schema/realtime/reception-queue.ts";
import { request, seg } from "./client.ts";

// Reception days for signed-in staff: the schedule, the desk on the day.
const base = (tenant: string) => `/api/v1/t/${seg(tenant)}/reception`;
const session = (tenant: string, id: string) => `${base(tenant)}/sessions/${seg(id)}`;

export function getSchedule(
  tenant: string,
  query: { from: string; to: string; unitId?: string },
): Promise<SessionList> {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.unitId) params.set("unitId", query.unitId);
  return request("GET", `${base(tenant)}/schedule?${params}`);
}

export function createSessions(tenant: string, body: CreateSessionBody): Promise<SessionList> {
  return request("POST", `${base(tenant)}/sessions`, body);
}

export function publishSessions(
  tenant: string,
  body: PublishSessionsBody,
): Promise<PublishedSessions> {
  return request("POST", `${base(tenant)}/sessions/publish`, body);
}

export function changeSession(
  tenant: string,
  id: string,
  body: ChangeSessionBody,
): Promise<SessionChanged> {
  return request("PATCH", session(tenant, id), body);
}

export function cancelSession(tenant: string, id: string, reason: string): Promise<SessionChanged> {
  return request("POST", `${session(tenant, id)}/cancel`, { reason });
}

export function getDesk(tenant: string, id: string): Promise<StaffQueueState> {
  return request("GET", `${session(tenant, id)}/desk`);
}

/** The day's finished visits in full: the live state carries only the latest. */
export function listDoneTickets(tenant: string, id: string): Promise<DoneTickets> {
  return request("GET", `${session(tenant, id)}/done`);
}

export function checkIn(
  tenant: string,
  id: string,
  arrival: { bookingCode: string } | { walkIn: WalkIn },
  desk?: number,
): Promise<StaffTicket> {
  return request("POST", `${session(tenant, id)}/check-in`, {
    ...arrival,
    ...(desk !== undefined && { desk }),
  });
}

/** Calls the next citizen; at a joint reception, of one desk's queue. */
export function callNext(tenant: string, id: string, desk?: number): Promise<StaffTicket> {
  return request("POST", `${session(tenant, id)}/call-next${desk ? `?desk=${desk}` : ""}`);
}

/** Sends a ticket to another desk of a joint reception (分流). */
export function routeTicket(
  tenant: string,
  id: string,
  number: number,
  desk: number,
): Promise<StaffTicket> {
  return request("POST", `${session(tenant, id)}/tickets/${number}/route`, { desk });
}

/** Sets a session's other desks (leader + unit each); empty for one desk. */
export function setSessionDesks(
  tenant: string,
  id: string,
  desks: SetSessionDesksBody["desks"],
): Promise<SessionDesks> {
  return request("PUT", `${session(tenant, id)}/desks`, { desks });
}

export type TicketOp = "recall" | "no-show" | "park" | "resume";

export function ticketOp(
  tenant: string,
  id: string,
  number: number,
  op: TicketOp,
): Promise<StaffTicket> {
  return request("POST", `${session(tenant, id)}/tickets/${number}/${op}`);
}

export type { CompleteTicketBody as CompleteBody };

export function completeTicket(
  tenant: string,
  id: string,
  number: number,
  body: CompleteTicketBody,
): Promise<TicketCompleted> {
  return request("POST", `${session(tenant, id)}/tickets/${number}/complete`, body);
}

export function transferTicket(
  tenant: string,
  id: string,
  number: number,
  toSessionId: string,
): Promise<TicketTransferred> {
  return request("POST", `${session(tenant, id)}/tickets/${number}/transfer`, { toSessionId });
}

/** Before the day: who booked, what they will raise, their earlier cases this reader may see. */
export function getSessionBookings(tenant: string, id: string): Promise<SessionBookings> {
  return request("GET", `${session(tenant, id)}/bookings`);
}

/** The county's booking limits and queue rules. */
export function getReceptionSettings(tenant: string): Promise<ReceptionSettings> {
  return request("GET", `/api/v1/t/${seg(tenant)}/settings/reception`);
}

export function updateReceptionSettings(
  tenant: string,
  body: Partial<ReceptionSettings>,
): Promise<ReceptionSettings> {
  return request("PUT", `/api/v1/t/${seg(tenant)}/settings/reception`, body);
}

/** 约访: invite a case's petitioner (by its 查询码) to a slot; the link goes by SMS. */
export function inviteToAppointment(
  tenant: string,
  id: string,
  body: InviteAppointmentBody,
): Promise<Appointment> {
  return request("POST", `${session(tenant, id)}/appointments`, body);
}

/** The office calls an appointment off; the petitioner is told by SMS. */
export function cancelAppointment(
  tenant: string,
  id: string,
  appointmentId: string,
  body: CancelAppointmentBody,
): Promise<Appointment> {
  return request("POST", `${session(tenant, id)}/appointments/${seg(appointmentId)}/cancel`, body);
}

/** 带案下访: the cases a field session takes along, as this reader may see them. */
export function getFieldCases(tenant: string, id: string): Promise<FieldCases> {
  return request("GET", `${session(tenant, id)}/field-cases`);
}

export function addFieldCase(
  tenant: string,
  id: string,
  trackingCode: string,
): Promise<FieldCases> {
  return request("POST", `${session(tenant, id)}/field-cases`, { trackingCode });
}

export function removeFieldCase(
  tenant: string,
  id: string,
  petitionId: string,
): Promise<FieldCases> {
  return request("DELETE", `${session(tenant, id)}/field-cases/${seg(petitionId)}`);
}
