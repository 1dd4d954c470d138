/**
 * What a reception session's Durable Object says to its WebSocket clients and answers to
 * the Worker. Shared by the server and the web pages, so both speak one protocol; the zod
 * schemas also document the queue's HTTP answers.
 */
import { z } from "@hono/zod-openapi";

export const ticketStatuses = [
  "waiting",
  "called",
  "parked",
  "no_show",
  "completed",
  "transferred",
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketKinds = ["booked", "walk_in"] as const;
export type TicketKind = (typeof ticketKinds)[number];

/**
 * What everyone watching the queue may see of a ticket: its number, its desk and place,
 * never who holds it nor whether or when they booked. Kept this small on purpose: every
 * change sends it to every board and phone.
 */
export const PublicTicket = z.object({
  number: z.number().int(),
  /** The desk (窗口) the ticket waits at or is served by: 1 is the session's own desk. */
  desk: z.number().int(),
  calls: z.number().int(),
  etaMinutes: z
    .number()
    .int()
    .optional()
    .openapi({ description: "Likely wait, from today's service times" }),
});
export type PublicTicket = z.infer<typeof PublicTicket>;

/** For staff: who the ticket is, and the booking it came from. */
export const StaffTicket = PublicTicket.extend({
  kind: z.enum(ticketKinds),
  status: z.enum(ticketStatuses),
  /** The booked slot, for booked citizens. */
  slotStart: z.string().nullable(),
  label: z.string(),
  bookingCode: z.string().nullable(),
  topic: z.string().nullable(),
  headcount: z.number().int(),
  checkedInAt: z.string(),
  calledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  petitionId: z.string().nullable(),
}).openapi("Ticket");
export type StaffTicket = z.infer<typeof StaffTicket>;

/**
 * One desk of the session: a joint reception (联合接访) has one per leader and unit, a
 * plain session has desk 1 alone. Public: the desks are published with the session.
 */
export const DeskInfo = z.object({
  number: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  /** As a session's own leaderId: published with the session. */
  leaderId: z.string(),
  leaderName: z.string(),
  leaderPosition: z.string(),
});
export type DeskInfo = z.infer<typeof DeskInfo>;

/** A desk's live numbers; who sits there is in the session's `desks` (DeskInfo). */
export const DeskQueue = z.object({
  number: z.number().int(),
  /** The latest ticket this desk called and has not finished. */
  nowServing: PublicTicket.nullable(),
  waiting: z.number().int(),
});
export type DeskQueue = z.infer<typeof DeskQueue>;

export const QueueState = z
  .object({
    sessionId: z.string(),
    status: z.enum(["draft", "published", "cancelled"]),
    nowServing: PublicTicket.nullable(),
    waiting: z.array(PublicTicket),
    parked: z.array(PublicTicket),
    served: z.number().int(),
    noShows: z.number().int(),
    /** Mean minutes from call to completion today; null until one is done. */
    averageServiceMinutes: z.number().nullable(),
    /**
     * Only at a joint reception (more than one desk): each desk and whom it serves. `waiting`
     * lists each desk's queue in its calling order, desk by desk; with one desk it is desk 1's.
     */
    desks: z.array(DeskQueue).optional(),
  })
  .openapi("QueueState");
export type QueueState = z.infer<typeof QueueState>;

export const StaffDeskQueue = DeskQueue.extend(DeskInfo.shape).extend({
  nowServing: StaffTicket.nullable(),
});
export type StaffDeskQueue = z.infer<typeof StaffDeskQueue>;

export const StaffQueueState = QueueState.extend({
  nowServing: StaffTicket.nullable(),
  desks: z.array(StaffDeskQueue).optional(),
  waiting: z.array(StaffTicket),
  parked: z.array(StaffTicket),
  /**
   * The day's finished visits (completed, no-show, transferred), by number. On the socket and
   * in GET …/desk only the latest DONE_ON_SOCKET: the list grows all day and every change
   * would carry it to every staff screen. The whole list is GET …/done (DoneTickets).
   */
  done: z.array(StaffTicket),
  /** How many visits are finished in all: a screen reloads the whole list when it changes. */
  doneCount: z.number().int(),
  /** The longest a waiting citizen has waited so far, in minutes. */
  longestWaitMinutes: z.number(),
  updatedAt: z.string(),
});
export type StaffQueueState = z.infer<typeof StaffQueueState>;

/** How many of the latest finished visits ride along with every staff state. */
export const DONE_ON_SOCKET = 5;

/** The day's finished visits in full, for the desk's record (GET …/done). */
export const DoneTickets = z
  .object({ sessionId: z.string(), tickets: z.array(StaffTicket) })
  .openapi("DoneTickets");
export type DoneTickets = z.infer<typeof DoneTickets>;

const int = z.number().int();

/**
 * A public ticket on the public socket: `[number, desk, calls]`, with its `etaMinutes` as a
 * fourth element while it waits at a desk of the session.
 */
export const WireTicket = z.union([z.tuple([int, int, int]), z.tuple([int, int, int, int])]);
export type WireTicket = z.infer<typeof WireTicket>;

/** A desk's live numbers on the public socket: `[desk, waiting]`, or with its `nowServing`. */
export const WireDesk = z.union([z.tuple([int, int]), z.tuple([int, int, WireTicket])]);
export type WireDesk = z.infer<typeof WireDesk>;

/**
 * QueueState as the public socket carries it, after every change to every board and phone:
 * the same facts in short keys and tuples (about a quarter of the named form), so the session's
 * object spends its time on the queue, not on serialising and framing names a hundred
 * times over. Lossless: a client expands it back to QueueState (web/src/shared/public-queue.ts);
 * the session's id is the one the client watches. Numbers only, as QueueState.
 */
export const WireQueue = z.object({
  /** status */
  s: z.enum(["draft", "published", "cancelled"]),
  /** nowServing, absent when nobody is */
  n: WireTicket.optional(),
  /** waiting, in calling order */
  w: z.array(WireTicket),
  /** parked, absent when none */
  p: z.array(WireTicket).optional(),
  /** served */
  d: int,
  /** noShows */
  x: int,
  /** averageServiceMinutes, absent until one visit is done */
  a: int.optional(),
  /** desks, at a joint reception only */
  k: z.array(WireDesk).optional(),
});
export type WireQueue = z.infer<typeof WireQueue>;

/**
 * Server → client over the socket. The full state every time: a reconnect needs nothing else.
 * The public gets it as `queue` (WireQueue); `state` is the same in named form, as the HTTP
 * queue answer (GET …/queue) gives it to a client polling while its socket is down.
 */
export type ServerMessage =
  | { type: "queue"; q: WireQueue }
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
