import type {
  PetitionRow,
  PetitionStatus,
  Routing,
  StoredDeadlines,
} from "../../../schema/tenant/tables.ts";
import {
  addCalendarDays,
  cstDate,
  type DeadlineClock,
  type DeadlineKey,
  type DeadlinePolicy,
  daysBetween,
  deadlineFor,
  deadlineStatus,
  endOfCstDay,
  type HolidayCalendar,
  type IsoDate,
  nextDeadline,
} from "../deadlines/index.ts";

/** What the clocks of a case depend on. */
export interface ClockFacts {
  status: PetitionStatus;
  receivedOn: IsoDate;
  registeredOn: IsoDate;
  /** §23: notices are owed only when the petitioner's name and address are both known. */
  noticeOwed: boolean;
  /** The last notice staff recorded giving (letter, on the spot): it meets the notice clocks. */
  noticedOn: IsoDate | null;
  firstPetition: boolean;
  routing: Routing | null;
  extensionDays: number;
  pausedDays: number;
  repliedOn: IsoDate | null;
  reviewRequestedOn: IsoDate | null;
  reReviewRequestedOn: IsoDate | null;
  evaluated: boolean;
  /** 上级交办: the upstream deadline governs the handling deadline when earlier. */
  upstreamDue: IsoDate | null;
}

/** Deadlines the office must meet; a breach of one of these is what supervision chases. */
export const OFFICE_DEADLINES: ReadonlySet<DeadlineKey> = new Set([
  "accept",
  "notice",
  "receivingNotice",
  "handle",
  "reviewAnswer",
  "reReviewAnswer",
]);

const HANDLING: PetitionStatus[] = ["accepted", "forwarded", "assigned", "objected"];
const ANSWERED: PetitionStatus[] = [
  "replied",
  "under_review",
  "reviewed",
  "under_re_review",
  "re_reviewed",
  "closed",
];

/**
 * The clocks running on a case now. They are a function of the case's facts, so they are
 * recomputed after every action, extension, hearing or policy change rather than patched.
 */
export function caseClocks(
  facts: ClockFacts,
  policy: DeadlinePolicy,
  calendar: HolidayCalendar,
): DeadlineClock[] {
  const clocks: DeadlineClock[] = [];
  const add = (key: DeadlineKey, from: IsoDate | null, opts = {}) => {
    if (from) clocks.push(deadlineFor(key, from, policy, calendar, opts));
  };
  const { status, routing } = facts;

  if (status === "registered") {
    add("accept", facts.receivedOn);
    // §23: no notice is owed when the petitioner's name or address is unknown; a recorded
    // notice meets it.
    if (facts.noticeOwed && !facts.noticedOn) add("notice", facts.receivedOn);
  }
  if (HANDLING.includes(status) && routing) {
    add("handle", routing.on, { extensionDays: facts.extensionDays });
    const handle = clocks.at(-1);
    if (handle && facts.upstreamDue && facts.upstreamDue < handle.due) {
      clocks[clocks.length - 1] = { ...handle, due: facts.upstreamDue };
    }
    const told = facts.noticedOn !== null && facts.noticedOn >= routing.on;
    if (routing.kind !== "accept" && facts.noticeOwed && !told) {
      add("receivingNotice", routing.on);
    }
    if (routing.kind !== "accept" && status !== "objected") add("objection", routing.on);
  }
  if (status === "under_review") add("reviewAnswer", facts.reviewRequestedOn);
  if (status === "under_re_review") {
    add("reReviewAnswer", facts.reReviewRequestedOn, { pausedDays: facts.pausedDays });
  }
  if (status === "replied") add("reviewRequest", facts.repliedOn);
  if (status === "reviewed") add("reReviewRequest", facts.repliedOn);
  if (ANSWERED.includes(status) && !facts.evaluated) add("evaluation", facts.repliedOn);

  // Internal first-petition targets ("3-7-21"): meet by routing, feed back by the reply,
  // close by closing.
  if (facts.firstPetition && policy.firstPetitionTargets && status !== "declined") {
    if (status === "registered") add("targetMeet", facts.registeredOn);
    if (!ANSWERED.includes(status)) add("targetFeedback", facts.registeredOn);
    if (status !== "closed") add("targetClose", facts.registeredOn);
  }
  return clocks;
}

export function storeClocks(clocks: DeadlineClock[]): StoredDeadlines {
  return Object.fromEntries(
    clocks.map((c) => [c.key, { due: c.due, from: c.from, days: c.rule.days, kind: c.rule.kind }]),
  );
}

/** The next office deadline, as the scan's index stores it: 24:00 CST of its due day. */
export function nextOfficeDeadline(clocks: DeadlineClock[]) {
  const next = nextDeadline(clocks.filter((c) => OFFICE_DEADLINES.has(c.key)));
  return next ? { key: next.key, due: next.due, at: endOfCstDay(next.due) } : null;
}

/** Stored clocks with their state as of `today`, for screens. */
export function clockStates(stored: StoredDeadlines, today: IsoDate, calendar: HolidayCalendar) {
  return Object.fromEntries(
    Object.entries(stored).map(([key, c]) => {
      const clock = {
        key: key as DeadlineKey,
        due: c.due,
        from: c.from,
        rule: { days: c.days, kind: c.kind },
      };
      const { state, daysLeft } = deadlineStatus(clock, today, calendar);
      return [key, { ...c, state, daysLeft }];
    }),
  );
}

export type AlertMarkName =
  | "near70"
  | "near90"
  | "dueToday"
  | "overdue"
  | "expired"
  | `near${number}`;

export interface AlertMarkAt {
  key: DeadlineKey;
  due: IsoDate;
  from: IsoDate;
  mark: AlertMarkName;
  at: Date;
}

const HOUR = 3_600_000;
/** Warnings go out at the start of the working day, 08:00 CST; a breach at 24:00 CST. */
const morningOf = (day: IsoDate) => new Date(endOfCstDay(day).getTime() - 16 * HOUR);

/**
 * The moments the deadline scan must act on a case: each office deadline warns at the
 * policy's shares of its time (70 %, 90 %), on its due day, and when it is breached; an
 * evaluation window is noticed when it expires.
 */
export function alertMarks(clocks: DeadlineClock[], nearAlerts: readonly number[]): AlertMarkAt[] {
  const marks: AlertMarkAt[] = [];
  for (const clock of clocks) {
    const base = { key: clock.key, due: clock.due, from: clock.from };
    if (clock.key === "evaluation") {
      marks.push({ ...base, mark: "expired", at: endOfCstDay(clock.due) });
      continue;
    }
    if (!OFFICE_DEADLINES.has(clock.key)) continue;
    const span = daysBetween(clock.from, clock.due);
    for (const share of nearAlerts) {
      const day = addCalendarDays(clock.from, Math.ceil(share * span));
      if (day < clock.due)
        marks.push({ ...base, mark: `near${Math.round(share * 100)}`, at: morningOf(day) });
    }
    marks.push({ ...base, mark: "dueToday", at: morningOf(clock.due) });
    marks.push({ ...base, mark: "overdue", at: endOfCstDay(clock.due) });
  }
  return marks.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The columns a case stores for its clocks. `nextAlertAt` is the earliest mark, past ones
 * included: a case that arrives already late is looked at by the next scan, and marks
 * already noticed are not noticed twice (the scan records each once).
 */
export function clockColumns(clocks: DeadlineClock[], policy: DeadlinePolicy, after?: Date) {
  const next = nextOfficeDeadline(clocks);
  const marks = alertMarks(clocks, policy.nearAlerts);
  const nextMark = after ? marks.find((m) => m.at.getTime() > after.getTime()) : marks[0];
  // The digest counts a case as near from its next deadline's first warning on.
  const near = next
    ? marks.find((m) => m.key === next.key && m.due === next.due && m.mark !== "overdue")
    : undefined;
  return {
    deadlines: storeClocks(clocks),
    nextDeadlineAt: next?.at ?? null,
    nextDeadlineKey: next?.key ?? null,
    nextAlertAt: nextMark?.at ?? null,
    nextNearAt: next ? (near?.at ?? next.at) : null,
  };
}

/** The stored clocks back as engine clocks. */
export function storedClocks(stored: StoredDeadlines): DeadlineClock[] {
  return Object.entries(stored).map(([key, c]) => ({
    key: key as DeadlineKey,
    due: c.due,
    from: c.from,
    rule: { days: c.days, kind: c.kind },
  }));
}

/** The facts the clocks read, as a case row holds them. */
export function clockFacts(row: PetitionRow): ClockFacts {
  return {
    status: row.status,
    receivedOn: row.receivedOn,
    registeredOn: cstDate(row.registeredAt),
    noticeOwed: row.noticeOwed,
    noticedOn: row.noticedOn,
    firstPetition: row.flags.firstPetition,
    routing: row.routing ?? null,
    extensionDays: row.extensionDays,
    pausedDays: row.pausedDays,
    repliedOn: row.repliedOn,
    reviewRequestedOn: row.reviewRequestedOn,
    reReviewRequestedOn: row.reReviewRequestedOn,
    evaluated: row.evaluation !== null,
    upstreamDue: row.upstreamDue,
  };
}
