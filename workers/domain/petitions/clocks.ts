import type { PetitionStatus, Routing, StoredDeadlines } from "../../../schema/tenant/tables.ts";
import {
  type DeadlineClock,
  type DeadlineKey,
  type DeadlinePolicy,
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
  anonymous: boolean;
  firstPetition: boolean;
  routing: Routing | null;
  extensionDays: number;
  pausedDays: number;
  repliedOn: IsoDate | null;
  reviewRequestedOn: IsoDate | null;
  reReviewRequestedOn: IsoDate | null;
  evaluated: boolean;
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
    // §23: no notice is owed when the petitioner's name or address is unknown.
    if (!facts.anonymous) add("notice", facts.receivedOn);
  }
  if (HANDLING.includes(status) && routing) {
    add("handle", routing.on, { extensionDays: facts.extensionDays });
    if (routing.kind !== "accept" && !facts.anonymous) add("receivingNotice", routing.on);
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
