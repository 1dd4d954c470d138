/**
 * The 18-character 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence, and an ISO 7064 MOD 11-2 check character. The old 15-digit numbers
 * were withdrawn in 2013 and are not accepted: they cannot be checked and would give a
 * second look-up hash for the same person.
 */

export type IdNumberCheck = { ok: true; value: string } | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
const SHAPE = /^\d{17}[\dX]$/;

/** Trims, upper-cases a trailing x and checks shape, address code, birth date and checksum. */
export function checkIdNumber(input: string, now: Date = new Date()): IdNumberCheck {
  const value = input.trim().toUpperCase();
  if (value === "") return fail("请填写身份证号码");
  if (/^\d{15}$/.test(value)) return fail("15位旧身份证号码已停用，请填写18位身份证号码");
  if (value.length !== 18) return fail("身份证号码应为18位");
  if (!SHAPE.test(value)) return fail("身份证号码前17位应为数字，最后一位为数字或X");
  if (value.startsWith("0")) return fail("身份证号码的地址码不正确");

  const birth = birthDateOf(value);
  if (birth === undefined) return fail("身份证号码中的出生日期不正确");
  if (birth < "1900-01-01") return fail("身份证号码中的出生年份不正确");
  if (birth > chinaDate(now)) return fail("身份证号码中的出生日期晚于今天");

  if (checkCharOf(value) !== value[17]) return fail("身份证号码校验位不正确");
  return { ok: true, value };
}

/**
 * The birth date as `YYYY-MM-DD`, or undefined when positions 7–14 are not a real
 * calendar date. It does not check the rest of the number.
 */
export function birthDateOf(id: string): string | undefined {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id.trim());
  if (!match) return undefined;
  const [, y = "", m = "", d = ""] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${y}-${m}-${d}`;
}

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function checkCharOf(id: string): string | undefined {
  if (!/^\d{17}/.test(id)) return undefined;
  let sum = 0;
  for (const [i, weight] of WEIGHTS.entries()) sum += Number(id[i]) * weight;
  return CHECK_CHARS[sum % 11];
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST edges.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in China Standard Time (UTC+8, no daylight saving). */
function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function fail(reason: string): IdNumberCheck {
  return { ok: false, reason };
}
