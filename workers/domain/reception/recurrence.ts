import type { HolidayCalendar } from "../deadlines/calendar.ts";
import {
  addCalendarDays,
  assertIsoDate,
  daysBetween,
  type IsoDate,
  weekday,
} from "../deadlines/dates.ts";
import { nextWorkingDay } from "../deadlines/due-date.ts";

/**
 * How a county's published schedule repeats (domain.md "Reception days"):
 *
 * - `weekly`: the given ISO weekdays (1 = Monday … 7 = Sunday), e.g. other county
 *   leaders' Tuesday and Thursday half-days. With `skipHolidays`, a date the calendar
 *   lists as a holiday (法定节假日, including the weekend days a holiday period swallows)
 *   is dropped, not moved: the rotation simply misses that turn. Make-up working days
 *   (调休上班) are not added either, because the rota is tied to weekdays, and a
 *   plain Saturday is kept when the rule asks for Saturdays (some counties hold weekend
 *   sessions for people who work in the week).
 * - `monthly`: the given day of each month, e.g. the county party secretary's day. A day
 *   the month lacks (the 31st in April) means the month's last day. With
 *   `moveToWorkingDay`, a rest day moves to the next working day, the way 条例 deadlines
 *   do, so the month keeps its session.
 * - `workingDays`: every working day by the calendar, make-up days included, e.g. the
 *   township leaders' daily rotation.
 */
export type Recurrence =
  | { kind: "weekly"; weekdays: number[]; skipHolidays: boolean }
  | { kind: "monthly"; day: number; moveToWorkingDay: boolean }
  | { kind: "workingDays" };

/** More than a year of daily sessions; a longer series is a typo in the range. */
export const MAX_OCCURRENCES = 400;

/**
 * Months looked at before `from`: a moved date can land in the range from an earlier
 * month (31 January 2026 is a Saturday and moves to 2 February). Two months cover the
 * longest move `nextWorkingDay` allows.
 */
const LOOKBACK_MONTHS = 2;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: IsoDate): number {
  return weekday(date) || 7;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Year and month (1–12) of a date, shifted by `delta` months. */
function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function firstOfMonth(year: number, month: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-01`;
}

function lastOfMonth(year: number, month: number): IsoDate {
  const next = shiftMonth(year, month, 1);
  return addCalendarDays(firstOfMonth(next.year, next.month), -1);
}

function dayInMonth(year: number, month: number, day: number): IsoDate {
  const last = lastOfMonth(year, month);
  const lastDay = Number(last.slice(8, 10));
  return day >= lastDay ? last : `${firstOfMonth(year, month).slice(0, 8)}${pad2(day)}`;
}

function validateRule(rule: Recurrence): void {
  if (rule.kind === "weekly") {
    if (rule.weekdays.length === 0) throw new RangeError("weekly rule needs at least one weekday");
    for (const day of rule.weekdays) {
      if (!Number.isInteger(day) || day < 1 || day > 7) {
        throw new RangeError(`weekday must be 1 (Monday) … 7 (Sunday): ${day}`);
      }
    }
  } else if (rule.kind === "monthly") {
    if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31) {
      throw new RangeError(`day of month must be 1 … 31: ${rule.day}`);
    }
  }
}

/** Collects dates, refusing to grow past the cap so a silly range cannot spin for long. */
class Collector {
  readonly #dates = new Set<IsoDate>();

  add(date: IsoDate): void {
    this.#dates.add(date);
    if (this.#dates.size > MAX_OCCURRENCES) {
      throw new RangeError(`more than ${MAX_OCCURRENCES} occurrences; shorten the range`);
    }
  }

  sorted(): IsoDate[] {
    return [...this.#dates].sort();
  }
}

function eachDay(from: IsoDate, to: IsoDate, visit: (date: IsoDate) => void): void {
  const span = daysBetween(from, to);
  for (let i = 0; i <= span; i += 1) visit(addCalendarDays(from, i));
}

/**
 * The dates in [from, to] (both inclusive) on which the rule holds a session, ascending
 * and unique. A range is judged by the date a session actually takes place, so a monthly
 * date moved across a month boundary belongs to the range it lands in, never to two
 * adjacent quarters or to none. Throws RangeError on a bad rule, a reversed range, or
 * more than MAX_OCCURRENCES dates.
 */
export function occurrences(
  rule: Recurrence,
  from: IsoDate,
  to: IsoDate,
  calendar: HolidayCalendar,
): IsoDate[] {
  assertIsoDate(from);
  assertIsoDate(to);
  if (to < from) throw new RangeError(`range ends (${to}) before it starts (${from})`);
  validateRule(rule);
  const found = new Collector();

  switch (rule.kind) {
    case "weekly": {
      const days = new Set(rule.weekdays);
      eachDay(from, to, (date) => {
        if (!days.has(isoWeekday(date))) return;
        if (rule.skipHolidays && calendar.entry(date)?.kind === "holiday") return;
        found.add(date);
      });
      break;
    }
    case "workingDays":
      eachDay(from, to, (date) => {
        if (calendar.isWorkingDay(date)) found.add(date);
      });
      break;
    case "monthly": {
      const fromYear = Number(from.slice(0, 4));
      const fromMonth = Number(from.slice(5, 7));
      const months = daysBetween(from, to) / 28 + LOOKBACK_MONTHS + 2;
      for (let i = -LOOKBACK_MONTHS; i < months; i += 1) {
        const { year, month } = shiftMonth(fromYear, fromMonth, i);
        const nominal = dayInMonth(year, month, rule.day);
        if (nominal > to) break;
        // A 31st that falls on a long holiday could land on next month's date; the Set
        // keeps one, as there is one session that day.
        const date = rule.moveToWorkingDay ? nextWorkingDay(nominal, calendar) : nominal;
        if (date >= from && date <= to) found.add(date);
      }
      break;
    }
  }
  return found.sorted();
}

export interface Quarter {
  from: IsoDate;
  to: IsoDate;
  /** "2027年第1季度", as the registration and statistics sheets are headed. */
  label: string;
}

/** The calendar quarter a date falls in. */
export function quarterOf(date: IsoDate): Quarter {
  assertIsoDate(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3) + 1;
  const firstMonth = quarter * 3 - 2;
  return {
    from: firstOfMonth(year, firstMonth),
    to: lastOfMonth(year, firstMonth + 2),
    label: `${year}年第${quarter}季度`,
  };
}

/** Calendar days ahead of the period that the schedule is published (公示). */
export const PUBLICATION_LEAD_DAYS = 3;

/**
 * The day by which a period's schedule should be published: one county publishes each
 * quarter's schedule 3 days before the quarter starts. Counted in calendar days, as
 * notices go on the website whether or not the office is open.
 */
export function publicationDeadline(quarterStart: IsoDate): IsoDate {
  return addCalendarDays(quarterStart, -PUBLICATION_LEAD_DAYS);
}
