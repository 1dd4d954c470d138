/**
 * What the Worker asks a reception session's Durable Object and what it answers (its RPC
 * methods). The object is the single writer of these; workers/reception/client.ts calls it.
 */
import type { DeskInfo, StaffTicket } from "./reception-queue.ts";

/** A desk as the object keeps it: who receives there, for registering the cases it takes. */
export type DeskConfig = DeskInfo;

/** How the Worker sets a session up; sent again whenever the schedule changes. */
export interface SessionConfig {
  tenant: string;
  shard: string;
  sessionId: string;
  date: string;
  slots: string[];
  capacityPerSlot: number;
  status: "draft" | "published" | "cancelled";
  /** Walk-ins are called after this many booked citizens minus one (3: two booked, one walk-in). */
  walkInEvery: number;
  /** Unanswered calls before a ticket is marked a no-show. */
  maxCalls: number;
  /** Desk 1 first; absent (an object configured before desks existed) means desk 1 alone. */
  desks?: DeskConfig[] | undefined;
}

export interface BookingInput {
  slotStart: string;
  holdId?: string | undefined;
  phoneHash: string;
  partySealed: string;
  label: string;
  topic: string;
  headcount: number;
}

export interface Booking {
  code: string;
  sessionId: string;
  slotStart: string;
  status: "active" | "cancelled" | "checked_in" | "completed" | "no_show";
  topic: string;
  headcount: number;
  partySealed: string;
  label: string;
  phoneHash: string;
  /** The queue number given at check-in, so the citizen's phone can follow it. */
  ticketNumber: number | null;
}

export type BookResult =
  | { ok: true; booking: Booking }
  | { ok: false; reason: "SLOT_FULL"; nearestFree: string[] }
  | { ok: false; reason: "ALREADY_BOOKED" | "NO_SUCH_SLOT" | "CLOSED" | "NOT_CONFIGURED" };

export type TicketResult =
  | { ok: true; ticket: StaffTicket }
  | {
      ok: false;
      reason: "NOT_FOUND" | "WRONG_STATE" | "NOT_CONFIGURED" | "CLOSED";
      message: string;
    };

export type HoldResult =
  | { ok: true; holdId: string; expiresAt: number }
  | Exclude<BookResult, { ok: true }>;

export type CancelResult =
  | { ok: true; booking: Booking }
  | { ok: false; reason: "NOT_FOUND" | "WRONG_STATE" };

/** Someone arriving at the desk: by booking code, or a walk-in with their details sealed. */
export type Arrival =
  | { bookingCode: string }
  | {
      walkIn: {
        label: string;
        partySealed?: string | undefined;
        topic?: string | undefined;
        headcount?: number | undefined;
      };
    };

/** What the Worker needs to register a visit as a petition or move it to another session. */
export interface TicketDetail {
  ticket: StaffTicket;
  partySealed: string | null;
  /** The desk the ticket is at: its unit takes the case, its leader receives. */
  desk: DeskConfig | undefined;
}

export interface SlotAvailability {
  slotStart: string;
  capacity: number;
  free: number;
}
