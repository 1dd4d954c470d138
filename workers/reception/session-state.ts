import {
  DONE_ON_SOCKET,
  type PublicTicket,
  type QueueState,
  type SessionSummary,
  type StaffQueueState,
  type StaffTicket,
  type WireDesk,
  type WireQueue,
  type WireTicket,
} from "../../schema/realtime/reception-queue.ts";
import type { DeskConfig, SessionConfig } from "../../schema/realtime/reception-session.ts";
import { cstDate } from "../domain/deadlines/dates.ts";
import { callingOrder, meanServiceMinutes } from "./queue-rules.ts";
import type { TicketBook } from "./session-tickets.ts";

/** The desks of a session: desk 1 alone for a plain one, or one configured before desks. */
export function desksOf(config: SessionConfig | undefined): DeskConfig[] {
  if (config?.desks && config.desks.length > 0) return config.desks;
  return [
    { number: 1, unitId: "", unitName: "", leaderId: "", leaderName: "", leaderPosition: "" },
  ];
}

/** The counter of booked citizens called in a row at a desk (desk 1 keeps the old name). */
export function streakName(desk: number): string {
  return desk === 1 ? "bookedSinceWalkIn" : `bookedSinceWalkIn:${desk}`;
}

/**
 * The whole state of the queue, computed once per change from the tickets in memory: each
 * desk's waiting in its calling order (queue-rules.ts), its latest call, and the day's figures.
 */
export function computeState(
  book: TicketBook,
  config: SessionConfig | undefined,
  now: number,
): StaffQueueState {
  const desks = desksOf(config);
  const date = config?.date ?? cstDate(new Date(now));
  const walkInEvery = config?.walkInEvery ?? 3;
  const durations: number[] = [];
  const finished: StaffTicket[] = [];
  let served = 0;
  let noShows = 0;
  for (const number of book.done) {
    const t = book.get(number);
    const view = book.view(number);
    if (!t || !view) continue;
    finished.push(view);
    if (t.status === "completed") {
      served += 1;
      if (t.calledAt !== null && t.completedAt !== null)
        durations.push((t.completedAt - t.calledAt) / 60_000);
    } else if (t.status === "no_show") noShows += 1;
  }
  const minutesPerCall = meanServiceMinutes(durations);
  const serving = book.serving();
  const waitingByDesk = new Map<number, StaffTicket[]>();
  let longestWait = 0;
  for (const number of book.waiting) {
    const t = book.get(number);
    if (!t) continue;
    const list = waitingByDesk.get(t.desk) ?? [];
    list.push(book.view(number) as StaffTicket);
    waitingByDesk.set(t.desk, list);
    longestWait = Math.max(longestWait, Math.round((now - t.checkedInAt) / 60_000));
  }
  const waiting: StaffTicket[] = [];
  const deskStates = desks.map((desk) => {
    const mine = waitingByDesk.get(desk.number) ?? [];
    const byNumber = new Map(mine.map((t) => [t.number, t]));
    const order = callingOrder(
      mine.map((t) => ({
        number: t.number,
        kind: t.kind,
        slotStart: t.slotStart,
        checkedInAt: book.get(t.number)?.checkedInAt ?? 0,
      })),
      book.counter(streakName(desk.number)),
      { walkInEvery, date, now },
      minutesPerCall,
    );
    // Waiting times follow today's observed service times (15 minutes until one is done).
    order.forEach((w, position) => {
      const ticket = byNumber.get(w.number);
      if (ticket) waiting.push({ ...ticket, etaMinutes: Math.round(position * minutesPerCall) });
    });
    const servingNumber = serving.get(desk.number);
    return {
      ...desk,
      nowServing: servingNumber ? (book.view(servingNumber) ?? null) : null,
      waiting: mine.length,
    };
  });
  // Tickets at a desk no longer configured still wait, shown after the others.
  for (const [desk, list] of waitingByDesk) {
    if (!desks.some((d) => d.number === desk)) waiting.push(...list);
  }
  const latest = Math.max(0, ...serving.values());
  return {
    sessionId: config?.sessionId ?? "",
    status: config?.status ?? "draft",
    nowServing: latest ? (book.view(latest) ?? null) : null,
    waiting,
    parked: [...book.parked].sort((a, b) => a - b).map((n) => book.view(n) as StaffTicket),
    served,
    noShows,
    averageServiceMinutes: durations.length
      ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length)
      : null,
    longestWaitMinutes: longestWait,
    updatedAt: new Date(now).toISOString(),
    // One desk says nothing the rest does not: every change goes to every screen, so it is left out.
    ...(deskStates.length > 1 && { desks: deskStates }),
    done: finished,
    doneCount: finished.length,
  };
}

/**
 * What a staff screen is sent: the state with only the latest finished visits. The whole
 * list grows all day and would ride on every change to every staff socket; a screen reads
 * it over HTTP (GET …/done) when `doneCount` changes.
 */
export function staffWire(state: StaffQueueState): StaffQueueState {
  return state.done.length <= DONE_ON_SOCKET
    ? state
    : { ...state, done: state.done.slice(-DONE_ON_SOCKET) };
}

const strip = (t: StaffTicket): PublicTicket => ({
  number: t.number,
  desk: t.desk,
  calls: t.calls,
  ...(t.etaMinutes !== undefined && { etaMinutes: t.etaMinutes }),
});

/**
 * What a public board and a citizen's phone see: numbers and desks, never names. Who sits
 * at each desk is published with the session, so it is not repeated on every change.
 */
export function publicView(state: StaffQueueState): QueueState {
  return {
    sessionId: state.sessionId,
    status: state.status,
    nowServing: state.nowServing ? strip(state.nowServing) : null,
    waiting: state.waiting.map(strip),
    parked: state.parked.map(strip),
    served: state.served,
    noShows: state.noShows,
    averageServiceMinutes: state.averageServiceMinutes,
    ...(state.desks && {
      desks: state.desks.map((d) => ({
        number: d.number,
        nowServing: d.nowServing ? strip(d.nowServing) : null,
        waiting: d.waiting,
      })),
    }),
  };
}

const wire = (t: StaffTicket): WireTicket =>
  t.etaMinutes === undefined
    ? [t.number, t.desk, t.calls]
    : [t.number, t.desk, t.calls, t.etaMinutes];

/**
 * publicView in the public socket's short form (WireQueue): what every board and phone gets
 * after every change. Built straight from the staff state: the named view is never made.
 */
export function wireView(state: StaffQueueState): WireQueue {
  return {
    s: state.status,
    ...(state.nowServing && { n: wire(state.nowServing) }),
    w: state.waiting.map(wire),
    ...(state.parked.length > 0 && { p: state.parked.map(wire) }),
    d: state.served,
    x: state.noShows,
    ...(state.averageServiceMinutes !== null && { a: state.averageServiceMinutes }),
    ...(state.desks && {
      k: state.desks.map(
        (d): WireDesk =>
          d.nowServing ? [d.number, d.waiting, wire(d.nowServing)] : [d.number, d.waiting],
      ),
    }),
  };
}

/**
 * What the staff of some desks (another unit at a joint reception) see: names only of the
 * tickets at their own desks; the other desks' tickets as the public sees them, and none
 * of the other desks' finished visits (whose cases are not theirs to know of).
 */
export function deskView(state: StaffQueueState, desks: readonly number[]): StaffQueueState {
  const open = (t: StaffTicket): StaffTicket => (desks.includes(t.desk) ? t : masked(t));
  const mine = state.done.filter((t) => desks.includes(t.desk));
  return {
    ...state,
    nowServing: state.nowServing ? open(state.nowServing) : null,
    waiting: state.waiting.map(open),
    parked: state.parked.map(open),
    done: mine,
    doneCount: mine.length,
    ...(state.desks && {
      desks: state.desks.map((d) => ({
        ...d,
        nowServing: d.nowServing ? open(d.nowServing) : null,
      })),
    }),
  };
}

/** A ticket of another desk: its number and place, nothing of who or why. */
function masked(t: StaffTicket): StaffTicket {
  return { ...t, label: "", bookingCode: null, topic: null, petitionId: null };
}

/** A session's numbers for the county monitor, made only when a report is due. */
export function summarize(state: StaffQueueState): SessionSummary {
  const serving = state.desks
    ? state.desks.flatMap((d) => (d.nowServing ? [d.nowServing] : []))
    : state.nowServing
      ? [state.nowServing]
      : [];
  const waits = [...state.done, ...serving]
    .filter((t) => t.calledAt)
    .map((t) => (Date.parse(t.calledAt as string) - Date.parse(t.checkedInAt)) / 60_000);
  return {
    sessionId: state.sessionId,
    waiting: state.waiting.length,
    served: state.served,
    noShows: state.noShows,
    nowServing: state.nowServing?.number ?? null,
    averageWaitMinutes: waits.length
      ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length)
      : null,
    longestWaitMinutes: state.longestWaitMinutes,
    updatedAt: state.updatedAt,
  };
}
