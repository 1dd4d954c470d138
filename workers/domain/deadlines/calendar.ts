import {
  addCalendarDays,
  daysBetween,
  type IsoDate,
  isIsoDate,
  isWeekend,
  yearOf,
} from "./dates.ts";

/**
 * One entry of the official holiday schedule. `holiday` is a day off (法定节假日, including
 * the weekend days a holiday period swallows); `workday` is a make-up working day
 * (调休上班) moved onto a weekend. Days not listed follow the plain week: Mon–Fri work,
 * Sat–Sun rest.
 */
export interface CalendarDay {
  date: IsoDate;
  kind: "holiday" | "workday";
  name: string;
}

export type DayStatus = "working" | "rest";

const byDate = (a: CalendarDay, b: CalendarDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The working-day calendar of one tenant. It is data, not code: the State Council publishes
 * each year's schedule in November or December, and a county administrator enters it (or
 * corrects it locally) without a release.
 */
export class HolidayCalendar {
  readonly #entries: ReadonlyMap<IsoDate, CalendarDay>;
  readonly #years: ReadonlySet<number>;

  /** Throws RangeError listing every problem when the entries do not validate. */
  constructor(days: readonly CalendarDay[]) {
    const problems = validateCalendarDays(days);
    if (problems.length > 0)
      throw new RangeError(`invalid holiday calendar: ${problems.join("; ")}`);
    this.#entries = new Map(days.map((day) => [day.date, { ...day }]));
    this.#years = new Set(days.map((day) => yearOf(day.date)));
  }

  isWorkingDay(date: IsoDate): boolean {
    const entry = this.#entries.get(date);
    if (entry) return entry.kind === "workday";
    return !isWeekend(date);
  }

  kindOf(date: IsoDate): DayStatus {
    return this.isWorkingDay(date) ? "working" : "rest";
  }

  /** The listed entry for a date (to show "春节" next to a moved deadline), if any. */
  entry(date: IsoDate): CalendarDay | undefined {
    const found = this.#entries.get(date);
    return found ? { ...found } : undefined;
  }

  /**
   * Whether that year's official schedule has been entered. A deadline that runs into an
   * uncovered year is computed on weekends alone and deserves a warning.
   */
  covers(year: number): boolean {
    return this.#years.has(year);
  }

  days(): CalendarDay[] {
    return [...this.#entries.values()].map((day) => ({ ...day })).sort(byDate);
  }
}

/**
 * Why a list of entries cannot be saved, one message per problem (Chinese: they go to the
 * administrator who typed them). Empty when the list is acceptable.
 */
export function validateCalendarDays(days: readonly CalendarDay[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  days.forEach((day, i) => {
    const at = `第 ${i + 1} 条`;
    if (typeof day.date !== "string" || !isIsoDate(day.date)) {
      problems.push(`${at}：“${String(day.date)}”不是有效日期（格式 YYYY-MM-DD）`);
      return;
    }
    if (seen.has(day.date)) problems.push(`${at}：${day.date} 重复出现`);
    seen.add(day.date);
    if (day.kind !== "holiday" && day.kind !== "workday") {
      problems.push(`${at}：${day.date} 的类型应为放假（holiday）或调休上班（workday）`);
    } else if (day.kind === "workday" && !isWeekend(day.date)) {
      problems.push(`${at}：${day.date} 不是周六或周日，不能设为调休上班日`);
    }
    if (typeof day.name !== "string" || day.name.trim() === "") {
      problems.push(`${at}：${day.date} 缺少名称`);
    }
  });
  return problems;
}

/**
 * Local corrections replace official entries of the same date; the result is sorted.
 * (An entry cannot be deleted this way: a tenant that needs that stores its full list.)
 */
export function mergeCalendarDays(
  base: readonly CalendarDay[],
  local: readonly CalendarDay[],
): CalendarDay[] {
  const merged = new Map<IsoDate, CalendarDay>();
  for (const day of [...base, ...local]) merged.set(day.date, { ...day });
  return [...merged.values()].sort(byDate);
}

function period(name: string, first: IsoDate, last: IsoDate): CalendarDay[] {
  const length = daysBetween(first, last) + 1;
  return Array.from({ length }, (_, i) => ({
    date: addCalendarDays(first, i),
    kind: "holiday" as const,
    name,
  }));
}

function makeUp(name: string, ...dates: IsoDate[]): CalendarDay[] {
  return dates.map((date) => ({ date, kind: "workday" as const, name: `${name}调休上班` }));
}

/**
 * The State Council schedules: 2025 from 国办发明电〔2024〕12号, 2026 from the notice of
 * 2025-11-04. Seed data for new tenants; later years are entered by administrators.
 */
export const OFFICIAL_CALENDAR: readonly CalendarDay[] = Object.freeze(
  [
    // 2025
    ...period("元旦", "2025-01-01", "2025-01-01"),
    ...period("春节", "2025-01-28", "2025-02-04"),
    ...makeUp("春节", "2025-01-26", "2025-02-08"),
    ...period("清明节", "2025-04-04", "2025-04-06"),
    ...period("劳动节", "2025-05-01", "2025-05-05"),
    ...makeUp("劳动节", "2025-04-27"),
    ...period("端午节", "2025-05-31", "2025-06-02"),
    ...period("国庆节、中秋节", "2025-10-01", "2025-10-08"),
    ...makeUp("国庆节、中秋节", "2025-09-28", "2025-10-11"),
    // 2026
    ...period("元旦", "2026-01-01", "2026-01-03"),
    ...makeUp("元旦", "2026-01-04"),
    ...period("春节", "2026-02-15", "2026-02-23"),
    ...makeUp("春节", "2026-02-14", "2026-02-28"),
    ...period("清明节", "2026-04-04", "2026-04-06"),
    ...period("劳动节", "2026-05-01", "2026-05-05"),
    ...makeUp("劳动节", "2026-05-09"),
    ...period("端午节", "2026-06-19", "2026-06-21"),
    ...period("中秋节", "2026-09-25", "2026-09-27"),
    ...period("国庆节", "2026-10-01", "2026-10-07"),
    ...makeUp("国庆节", "2026-09-20", "2026-10-10"),
  ].map((day) => Object.freeze(day)),
);
