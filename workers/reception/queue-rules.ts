/**
 * The rules of the day's queue, as plain functions: whom to call next, and how long the
 * wait is likely to be. The county sets `walkInEvery`; the rest is the documented rule
 * (README, "The calling order"):
 *
 * 1. A booking counts from its slot time. A booked citizen who arrives early waits for the
 *    slot; one who arrives late counts from arrival, like anyone else.
 * 2. Booked citizens whose time has come go in the order of that time (then their number).
 * 3. Walk-ins go in order of arrival and are interleaved: after `walkInEvery - 1` booked
 *    citizens in a row, a waiting walk-in is called; with no booked citizen due, walk-ins are
 *    called.
 * 4. Nobody due and nobody walked in: the earliest early arrival is called rather than idling.
 *
 * The board, the desk and the citizen's phone all show `callingOrder`, whose first entry is
 * the one `chooseNext` calls: one function, one order.
 */
import { slotInstant } from "../domain/reception/session.ts";

export interface Waiting {
  number: number;
  kind: "booked" | "walk_in";
  slotStart: string | null;
  checkedInAt: number;
}

export interface QueueRule {
  /** The county's setting: a walk-in after this many booked citizens minus one. */
  walkInEvery: number;
  /** The session's day, where slot times ("HH:MM") are. */
  date: string;
  /** The instant the order is decided at (milliseconds). */
  now: number;
}

/** The instant a waiting citizen counts from: arrival, or the slot time if later. */
export function countsFrom(t: Waiting, date: string): number {
  if (t.kind !== "booked" || !t.slotStart) return t.checkedInAt;
  return Math.max(t.checkedInAt, slotInstant(date, t.slotStart).getTime());
}

const byTime = (date: string) => (a: Waiting, b: Waiting) =>
  countsFrom(a, date) - countsFrom(b, date) || a.number - b.number;

export function chooseNext(
  waiting: readonly Waiting[],
  bookedSinceWalkIn: number,
  rule: QueueRule,
): Waiting | undefined {
  const order = byTime(rule.date);
  const booked = waiting.filter((t) => t.kind === "booked").sort(order);
  const due = booked.filter((t) => countsFrom(t, rule.date) <= rule.now);
  const walkIns = waiting.filter((t) => t.kind === "walk_in").sort(order);
  const walkInTurn = rule.walkInEvery > 0 && bookedSinceWalkIn >= rule.walkInEvery - 1;
  if (walkIns[0] && (walkInTurn || !due[0])) return walkIns[0];
  return due[0] ?? booked[0];
}

/**
 * The order the waiting will be called in, following `chooseNext` step by step on a clock
 * that moves on by the average service time per call, so an early arrival is shown where
 * their slot time will put them.
 */
export function callingOrder(
  waiting: readonly Waiting[],
  bookedSinceWalkIn: number,
  rule: QueueRule,
  minutesPerCall = 0,
): Waiting[] {
  const left = [...waiting];
  const order: Waiting[] = [];
  let streak = bookedSinceWalkIn;
  let now = rule.now;
  while (left.length > 0) {
    const next = chooseNext(left, streak, { ...rule, now });
    if (!next) break;
    order.push(next);
    streak = next.kind === "walk_in" ? 0 : streak + 1;
    left.splice(left.indexOf(next), 1);
    now += minutesPerCall * 60_000;
  }
  return order;
}

/** The mean of today's service times, or a default before the first is done. */
export function meanServiceMinutes(serviceMinutes: readonly number[], fallback = 15): number {
  return serviceMinutes.length
    ? serviceMinutes.reduce((sum, m) => sum + m, 0) / serviceMinutes.length
    : fallback;
}

/** Minutes until a citizen `position` places back is called, from today's service times. */
export function estimateWaitMinutes(
  position: number,
  serviceMinutes: readonly number[],
  fallback = 15,
) {
  return Math.round(position * meanServiceMinutes(serviceMinutes, fallback));
}
