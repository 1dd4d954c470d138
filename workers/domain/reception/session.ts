import { endOfCstDay, type IsoDate, isIsoDate } from "../deadlines/dates.ts";

/**
 * One session's opening hours on one day, cut into bookable slots. Times are CST wall
 * clock "HH:MM" (24-hour, two digits each): that is how the schedule is published, and
 * China has no daylight saving, so a wall time maps to exactly one instant.
 */
export interface SessionWindow {
  date: IsoDate;
  start: string;
  end: string;
  slotMinutes: number;
  capacityPerSlot: number;
}

export const SLOT_MINUTES_MIN = 5;
export const SLOT_MINUTES_MAX = 240;
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 100;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Minutes after CST midnight, or undefined when the string is not "HH:MM". */
function minutesOf(hhmm: string): number | undefined {
  const match = typeof hhmm === "string" ? HHMM.exec(hhmm) : null;
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

function requireMinutes(hhmm: string): number {
  const minutes = minutesOf(hhmm);
  if (minutes === undefined) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return minutes;
}

function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function isTimeOfDay(s: string): boolean {
  return minutesOf(s) !== undefined;
}

/**
 * The start of every slot that ends no later than `end`: a 30-minute slot from 11:45
 * would run past a 12:00 close, and the leader is not there to see it. Throws RangeError
 * on input no schedule could mean (bad times, a non-positive slot length); an empty
 * window simply has no slots.
 */
export function slotStarts(window: SessionWindow): string[] {
  const start = requireMinutes(window.start);
  const end = requireMinutes(window.end);
  const step = window.slotMinutes;
  if (!Number.isInteger(step) || step <= 0) {
    throw new RangeError(`slot length must be a positive whole number of minutes: ${step}`);
  }
  const starts: string[] = [];
  for (let t = start; t + step <= end; t += step) starts.push(formatMinutes(t));
  return starts;
}

/** The instant at which the CST wall time `hhmm` occurs on `date`. */
export function slotInstant(date: IsoDate, hhmm: string): Date {
  const minutes = requireMinutes(hhmm);
  // endOfCstDay validates the date; the day before it ends is where this one starts.
  const startOfDay = endOfCstDay(date).getTime() - DAY_MS;
  return new Date(startOfDay + minutes * MINUTE_MS);
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Why a window cannot be saved, one Chinese message per problem (they go to the office
 * staff who typed it). Empty when the window is usable.
 */
export function windowProblems(window: SessionWindow): string[] {
  const problems: string[] = [];
  if (typeof window.date !== "string" || !isIsoDate(window.date)) {
    problems.push(`日期“${String(window.date)}”无效（格式 YYYY-MM-DD）`);
  }
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === undefined) {
    problems.push(`开始时间“${String(window.start)}”格式应为 HH:MM（如 08:30）`);
  }
  if (end === undefined) {
    problems.push(`结束时间“${String(window.end)}”格式应为 HH:MM（如 12:00）`);
  }
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push(`结束时间 ${window.end} 应晚于开始时间 ${window.start}`);
  }
  const slotOk = isIntegerIn(window.slotMinutes, SLOT_MINUTES_MIN, SLOT_MINUTES_MAX);
  if (!slotOk) {
    problems.push(
      `每个时段的时长应为 ${SLOT_MINUTES_MIN} 到 ${SLOT_MINUTES_MAX} 之间的整数分钟（现为 ${String(window.slotMinutes)}）`,
    );
  }
  if (!isIntegerIn(window.capacityPerSlot, CAPACITY_MIN, CAPACITY_MAX)) {
    problems.push(
      `每个时段可预约人数应为 ${CAPACITY_MIN} 到 ${CAPACITY_MAX} 之间的整数（现为 ${String(window.capacityPerSlot)}）`,
    );
  }
  // Only worth saying when the parts are individually fine; otherwise it is noise.
  if (start !== undefined && end !== undefined && end > start && slotOk) {
    if (start + window.slotMinutes > end) {
      problems.push(
        `${window.start}–${window.end} 之间放不下一个 ${window.slotMinutes} 分钟的时段`,
      );
    }
  }
  return problems;
}

export type HalfDay = "morning" | "afternoon" | "evening";

export const HALF_DAY_LABELS: Readonly<Record<HalfDay, string>> = Object.freeze({
  morning: "上午",
  afternoon: "下午",
  evening: "晚上",
});

const NOON = 12 * 60;
const EVENING = 18 * 60;

/**
 * Which half-day a session starting at `start` is published as. County notices speak of
 * 上午/下午 接访 (and some hold 晚上 sessions for working petitioners); the boundary is
 * the start time, since that is when people turn up.
 */
export function halfDayOf(start: string): HalfDay {
  const minutes = requireMinutes(start);
  if (minutes < NOON) return "morning";
  if (minutes < EVENING) return "afternoon";
  return "evening";
}
