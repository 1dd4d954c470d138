import type { StatisticsQuery } from "../../../schema/api/statistics.ts";
import { invalid } from "../../errors.ts";
import { addCalendarDays, daysBetween, type IsoDate } from "../deadlines/index.ts";

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** The longest from–to range a request may ask for: five years of figures. */
const MAX_DAYS = 5 * 366;

const lastDayOfMonth = (month: string): IsoDate => addCalendarDays(`${nextMonth(month)}-01`, -1);

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * The period a query names: at most one of month, quarter, year, or from and to; none
 * means the current month (the dashboards' first question).
 */
export function periodOf(q: StatisticsQuery, today: IsoDate): Period {
  const forms = [q.month, q.quarter, q.year, q.from ?? q.to].filter((v) => v !== undefined);
  if (forms.length === 0) {
    const month = today.slice(0, 7);
    return { from: `${month}-01`, to: lastDayOfMonth(month) };
  }
  if (forms.length !== 1) {
    throw invalid("period", "请指定一个统计期间：月份、季度、年度或起止日期之一");
  }
  if (q.month) return { from: `${q.month}-01`, to: lastDayOfMonth(q.month) };
  if (q.quarter) {
    const [y, n] = q.quarter.split("-Q") as [string, string];
    const first = (Number(n) - 1) * 3 + 1;
    const start = `${y}-${String(first).padStart(2, "0")}`;
    const end = `${y}-${String(first + 2).padStart(2, "0")}`;
    return { from: `${start}-01`, to: lastDayOfMonth(end) };
  }
  if (q.year) return { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
  if (!q.from || !q.to) throw invalid(q.from ? "to" : "from", "起止日期需同时填写");
  if (q.to < q.from) throw invalid("to", "截止日期不能早于起始日期");
  if (daysBetween(q.from, q.to) > MAX_DAYS) throw invalid("to", "统计期间不能超过五年");
  return { from: q.from, to: q.to };
}

/** A run of rollup rows: whole years (`y`, YYYY), whole months (`m`, YYYY-MM) or days (`d`). */
export interface GrainRange {
  grain: "d" | "m" | "y";
  from: string;
  to: string;
}

const previousMonth = (month: string) => shiftMonths(month, -1);

/** Whole months `from`–`to` as whole years where they can be, months at the edges. */
function monthRanges(from: string, to: string): GrainRange[] {
  if (to < from) return [];
  const firstFullYear = from.endsWith("-01")
    ? Number(from.slice(0, 4))
    : Number(from.slice(0, 4)) + 1;
  const lastFullYear = to.endsWith("-12") ? Number(to.slice(0, 4)) : Number(to.slice(0, 4)) - 1;
  if (firstFullYear > lastFullYear) return [{ grain: "m", from, to }];
  const ranges: GrainRange[] = [];
  const yearStart = `${firstFullYear}-01`;
  const yearEnd = `${lastFullYear}-12`;
  if (from < yearStart) ranges.push({ grain: "m", from, to: previousMonth(yearStart) });
  ranges.push({ grain: "y", from: String(firstFullYear), to: String(lastFullYear) });
  if (to > yearEnd) ranges.push({ grain: "m", from: nextMonth(yearEnd), to });
  return ranges;
}

/**
 * The fewest rollup ranges covering a period: whole years at year grain, the other whole
 * months at month grain, the days of a partial first and last month at day grain. A year
 * is one row per key; 3 March – 10 May is 3–31 March by day, April, 1–10 May by day.
 */
export function grainRanges(p: Period): GrainRange[] {
  if (p.to < p.from) return [];
  const firstMonth = p.from.slice(0, 7);
  const lastMonth = p.to.slice(0, 7);
  const fromIsMonthStart = p.from.endsWith("-01");
  const toIsMonthEnd = p.to === lastDayOfMonth(lastMonth);
  if (firstMonth === lastMonth && !(fromIsMonthStart && toIsMonthEnd)) {
    return [{ grain: "d", from: p.from, to: p.to }];
  }
  const ranges: GrainRange[] = [];
  if (!fromIsMonthStart) ranges.push({ grain: "d", from: p.from, to: lastDayOfMonth(firstMonth) });
  const wholeFrom = fromIsMonthStart ? firstMonth : nextMonth(firstMonth);
  const wholeTo = toIsMonthEnd ? lastMonth : previousMonth(lastMonth);
  ranges.push(...monthRanges(wholeFrom, wholeTo));
  if (!toIsMonthEnd) ranges.push({ grain: "d", from: `${lastMonth}-01`, to: p.to });
  return ranges;
}

/** The same period a month or a year earlier, for comparisons on the dashboards. */
export function shiftMonths(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
