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

/** A run of rollup rows: whole months (`m`, periods YYYY-MM) or single days (`d`). */
export interface GrainRange {
  grain: "d" | "m";
  from: string;
  to: string;
}

/**
 * The fewest rollup ranges covering a period: the whole months inside it at month grain,
 * the days of a partial first and last month at day grain. A year is one range of twelve
 * month rows per key; 3 March – 10 May is 3–31 March by day, April, 1–10 May by day.
 */
export function grainRanges(p: Period): GrainRange[] {
  if (p.to < p.from) return [];
  const firstMonth = p.from.slice(0, 7);
  const lastMonth = p.to.slice(0, 7);
  const fromIsMonthStart = p.from.endsWith("-01");
  const toIsMonthEnd = p.to === lastDayOfMonth(lastMonth);
  if (firstMonth === lastMonth) {
    return fromIsMonthStart && toIsMonthEnd
      ? [{ grain: "m", from: firstMonth, to: firstMonth }]
      : [{ grain: "d", from: p.from, to: p.to }];
  }
  const ranges: GrainRange[] = [];
  let wholeFrom = firstMonth;
  if (!fromIsMonthStart) {
    ranges.push({ grain: "d", from: p.from, to: lastDayOfMonth(firstMonth) });
    wholeFrom = nextMonth(firstMonth);
  }
  let wholeTo = lastMonth;
  let tail: GrainRange | null = null;
  if (!toIsMonthEnd) {
    tail = { grain: "d", from: `${lastMonth}-01`, to: p.to };
    const [y, m] = lastMonth.split("-").map(Number) as [number, number];
    wholeTo = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  }
  if (wholeFrom <= wholeTo) ranges.push({ grain: "m", from: wholeFrom, to: wholeTo });
  if (tail) ranges.push(tail);
  return ranges;
}

/** The same period a month or a year earlier, for comparisons on the dashboards. */
export function shiftMonths(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
