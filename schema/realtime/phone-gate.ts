/**
 * What the Worker asks a phone's `PhoneGate` Durable Object and what it answers: the
 * one-time code it keeps and the bookings it counts against the phone's monthly cap.
 * workers/reception/phone-client.ts calls it.
 */
import type { BookingInput, BookResult } from "./reception-session.ts";

/** What the Worker asks of a phone's gate when a citizen asks for a one-time code. */
export interface CodeIssue {
  codeHash: string;
  ttlMs: number;
  resendMs: number;
  perDay: number;
  /** The China-time day, for the daily count. */
  today: string;
}

export type IssueResult = { ok: true } | { ok: false; retryAfterSeconds: number; daily: boolean };

export interface GatedBooking {
  tenant: string;
  sessionId: string;
  /** YYYY-MM of the session: the monthly cap counts by it. */
  month: string;
  monthlyCap: number;
  codeHash: string;
  booking: BookingInput;
}

export type GatedResult =
  | BookResult
  | { ok: false; reason: "WRONG_CODE" }
  | { ok: false; reason: "MONTHLY_CAP" };
