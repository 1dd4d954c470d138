import type { DeadlineKey } from "../../../schema/reference/deadlines.ts";
import type { HolidayCalendar } from "./calendar.ts";
import { addCalendarDays, assertIsoDate, daysBetween, type IsoDate, yearOf } from "./dates.ts";
import { dueDate, workingDaysBetween } from "./due-date.ts";
import type { DeadlinePolicy, DeadlineRule } from "./policy.ts";

export type { DeadlineKey };

/**
 * One running deadline of a case. `rule` is the rule actually applied: for an extended
 * handling deadline it already includes the extension. `pausedDays` records hearing time
 * left out of a re-review (§36).
 */
export interface DeadlineClock {
  key: DeadlineKey;
  due: IsoDate;
  rule: DeadlineRule;
  from: IsoDate;
  extensionDays?: number;
  pausedDays?: number;
}

export interface DeadlineOptions {
  /** Approved extension of the handling deadline (§34); only for "handle". */
  extensionDays?: number;
  /** Calendar days spent in hearings (听证), not counted (§36); only for "reReviewAnswer". */
  pausedDays?: number;
}

function ruleFor(key: DeadlineKey, policy: DeadlinePolicy): DeadlineRule {
  switch (key) {
    case "targetMeet":
    case "targetFeedback":
    case "targetClose": {
      const targets = policy.firstPetitionTargets;
      if (!targets) throw new RangeError(`first-petition targets are off; no ${key} deadline`);
      if (key === "targetMeet") return targets.meet;
      return key === "targetFeedback" ? targets.feedback : targets.close;
    }
    default:
      return policy[key];
  }
}

function optionalCount(name: string, value: number | undefined): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative integer: ${String(value)}`);
  }
  return n;
}

/**
 * The deadline `key` of a case whose triggering event happened on `from` (registration,
 * receipt, acceptance, reply, request … as the key implies).
 *
 * An extension is added to the handling period's day count, in that rule's kind, and not
 * counted on from the original due date: a first deadline moved off a weekend must not
 * lengthen the extension. Hearing time shifts the start of the re-review count by the
 * paused calendar days, so for calendar-day rules the last day is from + days + paused
 * before the rest-day rule.
 */
export function deadlineFor(
  key: DeadlineKey,
  from: IsoDate,
  policy: DeadlinePolicy,
  calendar: HolidayCalendar,
  opts: DeadlineOptions = {},
): DeadlineClock {
  assertIsoDate(from);
  const extensionDays = optionalCount("extensionDays", opts.extensionDays);
  const pausedDays = optionalCount("pausedDays", opts.pausedDays);
  if (extensionDays > 0 && key !== "handle") {
    throw new RangeError(`only the handling deadline can be extended, not ${key}`);
  }
  if (pausedDays > 0 && key !== "reReviewAnswer") {
    throw new RangeError(`only the re-review answer can be paused for a hearing, not ${key}`);
  }
  const base = ruleFor(key, policy);
  if (extensionDays > 0) {
    if (extensionDays > policy.extensionMax.days) {
      throw new RangeError(
        `extension of ${extensionDays} days exceeds the maximum of ${policy.extensionMax.days} (§34)`,
      );
    }
    const rule = { days: base.days + extensionDays, kind: base.kind };
    return { key, from, rule, due: dueDate(from, rule.days, rule.kind, calendar), extensionDays };
  }
  if (pausedDays > 0) {
    const due = dueDate(addCalendarDays(from, pausedDays), base.days, base.kind, calendar);
    return { key, from, rule: { ...base }, due, pausedDays };
  }
  return { key, from, rule: { ...base }, due: dueDate(from, base.days, base.kind, calendar) };
}

/** The clock that falls due first; on a tie, the one listed first. */
export function nextDeadline(clocks: readonly DeadlineClock[]): DeadlineClock | undefined {
  let next: DeadlineClock | undefined;
  for (const clock of clocks) {
    if (!next || clock.due < next.due) next = clock;
  }
  return next;
}

export type DeadlineState = "ok" | "near" | "dueToday" | "overdue";

export interface DeadlineStatus {
  state: DeadlineState;
  /** Calendar days from today to the due date; negative once overdue. */
  daysLeft: number;
  /** Working days in (today, due]; negative once overdue. */
  workingDaysLeft: number;
  /** Calendar days elapsed since `from` over the whole span from `from` to `due`. */
  fractionUsed: number;
}

/**
 * Where a clock stands on `today` (the CST date). The deadline is met on any moment of the
 * due day (a day ends at 24:00 CST), so the due day itself is "dueToday", not overdue.
 * "near" starts once `nearAt` of the span has elapsed, for reminders and 督办.
 */
export function deadlineStatus(
  clock: DeadlineClock,
  today: IsoDate,
  calendar: HolidayCalendar,
  nearAt = 0.7,
): DeadlineStatus {
  if (!(nearAt > 0 && nearAt <= 1)) throw new RangeError(`nearAt must be in (0, 1]: ${nearAt}`);
  const daysLeft = daysBetween(today, clock.due);
  const elapsed = Math.max(0, daysBetween(clock.from, today));
  // A zero-day deadline due on `from` itself: count each elapsed day as a whole span.
  const span = Math.max(1, daysBetween(clock.from, clock.due));
  const fractionUsed = elapsed / span;
  const state: DeadlineState =
    daysLeft < 0 ? "overdue" : daysLeft === 0 ? "dueToday" : fractionUsed >= nearAt ? "near" : "ok";
  return {
    state,
    daysLeft,
    workingDaysLeft: workingDaysBetween(today, clock.due, calendar),
    fractionUsed,
  };
}

/**
 * Years between `from` and `due` whose official schedule is not entered: the due date
 * there was computed on weekends alone and may move once the notice is published.
 */
export function uncoveredYears(clock: DeadlineClock, calendar: HolidayCalendar): number[] {
  const years: number[] = [];
  for (let y = yearOf(clock.from); y <= yearOf(clock.due); y += 1) {
    if (!calendar.covers(y)) years.push(y);
  }
  return years;
}
