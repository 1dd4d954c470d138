import type { HolidayCalendar } from "./calendar.ts";
import { addCalendarDays, assertIsoDate, daysBetween, type IsoDate } from "./dates.ts";

export type DayKind = "calendar" | "working";

/**
 * No real schedule has a rest spell this long; hitting it means the calendar data is
 * wrong (say, a whole year entered as holiday), and looping on would hang the request.
 */
const MAX_REST_RUN = 60;

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: IsoDate, calendar: HolidayCalendar): IsoDate {
  let day = date;
  for (let i = 0; i <= MAX_REST_RUN; i += 1) {
    if (calendar.isWorkingDay(day)) return day;
    day = addCalendarDays(day, 1);
  }
  throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${date}`);
}

function assertDayCount(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`day count must be a non-negative integer: ${days}`);
  }
}

/**
 * The last day of a period of `days` days triggered on `from`, counted as the 条例's
 * periods are (rules.md "Counting days"):
 * - the triggering day is not counted; counting starts the next day;
 * - calendar days: the last day is from + days, moved to the next working day when it is
 *   a weekend that is not made up or a public holiday;
 * - working days: the days-th working day after `from`, where make-up weekend days count
 *   and holidays do not (used for the 5-working-day objection of §23);
 * - days = 0 means "on the spot": `from` itself when it is a working day, else the next
 *   working day, since nothing can fall due on a rest day.
 */
export function dueDate(
  from: IsoDate,
  days: number,
  kind: DayKind,
  calendar: HolidayCalendar,
): IsoDate {
  assertIsoDate(from);
  assertDayCount(days);
  if (days === 0) return nextWorkingDay(from, calendar);
  if (kind === "calendar") return nextWorkingDay(addCalendarDays(from, days), calendar);
  let day = from;
  let counted = 0;
  while (counted < days) {
    day = addCalendarDays(day, 1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/**
 * Working days in (from, to]: the same counting as `dueDate`, so
 * workingDaysBetween(from, dueDate(from, n, "working")) === n. Negative when `to` is
 * before `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: HolidayCalendar): number {
  const span = daysBetween(from, to);
  if (span < 0) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let i = 1; i <= span; i += 1) {
    if (calendar.isWorkingDay(addCalendarDays(from, i))) count += 1;
  }
  return count;
}
