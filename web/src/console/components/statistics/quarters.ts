/** The quarter (YYYY-Qn) of a day, and the quarters before it, for the assessment pages. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export function previousQuarters(quarter: string, count: number): string[] {
  const [y, q] = quarter.split("-Q").map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = y * 4 + (q - 1) - i;
    out.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  }
  return out;
}

const QUARTER_NAMES = ["一", "二", "三", "四"];

/** 2026-Q4 → 2026年第四季度. */
export function quarterLabel(quarter: string): string {
  const [y, q] = quarter.split("-Q") as [string, string];
  return `${y}年第${QUARTER_NAMES[Number(q) - 1] ?? q}季度`;
}
