// Counties work in China Standard Time (UTC+8, no daylight saving) whatever the browser's
// zone is; a day ends at 24:00 CST.

/** Today's date in CST as YYYY-MM-DD. */
export function todayCst(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The date `days` after (or, negative, before) an ISO date. */
export function addDaysIso(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "2026-11-20" → "2026年11月20日". */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];

export function weekdayOf(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? "" : `周${WEEKDAYS[date.getUTCDay()]}`;
}

/** "ABCDEFGHJK" → "ABCD-EFGH-JK": groups of four for reading aloud. */
export function formatTrackingCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join("-");
}
