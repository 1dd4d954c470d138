/**
 * Calendar dates in China Standard Time. Every deadline in the 条例 is counted in whole
 * days, and a day ends at 24:00 CST (UTC+8, no daylight saving), so dates are plain
 * "YYYY-MM-DD" strings and all arithmetic runs on UTC midnights: the host's time zone
 * never enters.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** UTC midnight of the date, or undefined when the string is not a real date. */
function utcMidnight(s: string): number | undefined {
  const match = ISO_DATE.exec(s);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Rolled over (e.g. 02-30 → 03-02) means the date does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime();
}

function toMs(date: IsoDate): number {
  const ms = utcMidnight(date);
  if (ms === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return ms;
}

function fromMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(s: string): boolean {
  return utcMidnight(s) !== undefined;
}

export function assertIsoDate(date: IsoDate): void {
  toMs(date);
}

/** The CST calendar date on which an instant falls. */
export function cstDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  return fromMs(ms + CST_OFFSET_MS);
}

/** The instant the CST day ends: 24:00 CST, which is 16:00Z of the same date. */
export function endOfCstDay(date: IsoDate): Date {
  return new Date(toMs(date) + DAY_MS - CST_OFFSET_MS);
}

export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
  return fromMs(toMs(date) + n * DAY_MS);
}

/** b − a in days: positive when b is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(toMs(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

export function yearOf(date: IsoDate): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}
