/**
 * What a reception session's Durable Object says to its WebSocket clients and answers to
 * the Worker. Shared by the server and the web pages, so both speak one protocol.
 */

export type TicketStatus =
  | "waiting"
  | "called"
  | "parked"
  | "no_show"
  | "completed"
  | "transferred";
export type TicketKind = "booked" | "walk_in";

export interface PublicTicket {
  number: number;
  kind: TicketKind;
  status: TicketStatus;
  /** The booked slot, for booked citizens. */
  slotStart: string | null;
  calls: number;
  /** For waiting tickets: the likely wait in minutes, from today's service times. */
  etaMinutes?: number;
}

/** For staff: who the ticket is, and the booking it came from. */
export interface StaffTicket extends PublicTicket {
  label: string;
  bookingCode: string | null;
  topic: string | null;
  headcount: number;
  checkedInAt: string;
  calledAt: string | null;
  completedAt: string | null;
  petitionId: string | null;
}

export interface QueueState<T extends PublicTicket = PublicTicket> {
  sessionId: string;
  status: "draft" | "published" | "cancelled";
  nowServing: T | null;
  waiting: T[];
  parked: T[];
  served: number;
  noShows: number;
  /** Mean minutes from call to completion today; null until one is done. */
  averageServiceMinutes: number | null;
  /** The longest a waiting citizen has waited so far, in minutes. */
  longestWaitMinutes: number;
  updatedAt: string;
}

export type StaffQueueState = QueueState<StaffTicket> & { done: StaffTicket[] };

/** Server → client over the socket. The full state every time: a reconnect needs nothing else. */
export type ServerMessage =
  | { type: "state"; state: QueueState }
  | { type: "staffState"; state: StaffQueueState }
  | { type: "error"; message: string };

/** A session's numbers for the county's live monitor. */
export interface SessionSummary {
  sessionId: string;
  waiting: number;
  served: number;
  noShows: number;
  nowServing: number | null;
  averageWaitMinutes: number | null;
  longestWaitMinutes: number;
  updatedAt: string;
}

/** What the county's live monitor sends: every session's numbers for the day. */
export type MonitorMessage = { type: "sessions"; date: string; sessions: SessionSummary[] };
