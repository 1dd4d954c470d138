/**
 * Inline check of the 18-character 公民身份号码 (GB 11643-1999) as staff and citizens type
 * it: 17 digits and an ISO 7064 MOD 11-2 check character. The server checks again; this
 * only catches typing slips early.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

export type IdCheck =
  | { state: "empty" }
  | { state: "partial"; message: string }
  | { state: "invalid"; message: string }
  | { state: "valid"; value: string; birthDate: string };

/** The check character for the first 17 digits, or undefined when they are not digits. */
export function idCheckChar(first17: string): string | undefined {
  if (!/^\d{17}/.test(first17)) return undefined;
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17[i]) * weight;
  });
  return CHECK_CHARS[sum % 11];
}

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * `partial` while the number is still being typed (a prefix that can still become valid),
 * `invalid` once it cannot, `valid` with the birth date when the checksum holds.
 */
export function checkIdNumber(input: string): IdCheck {
  const value = input.trim().toUpperCase();
  if (value === "") return { state: "empty" };
  if (!/^\d{0,17}[\dX]?$/.test(value) || (value.includes("X") && value.length !== 18)) {
    return { state: "invalid", message: "身份证号码前17位应为数字，最后一位为数字或X" };
  }
  if (value.length < 18) {
    return { state: "partial", message: `身份证号码应为18位，还差 ${18 - value.length} 位` };
  }
  if (value.length > 18) return { state: "invalid", message: "身份证号码应为18位" };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || !realDate(y, m, d)) {
    return { state: "invalid", message: "身份证号码中的出生日期不正确" };
  }
  if (idCheckChar(value) !== value[17]) {
    return { state: "invalid", message: "身份证号码校验位不正确，请核对" };
  }
  return {
    state: "valid",
    value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
  };
}

export type MobileCheck =
  | { state: "empty" }
  | { state: "partial"; message: string }
  | { state: "invalid"; message: string }
  | { state: "valid"; value: string };

const MOBILE = /^1[3-9]\d{9}$/;

/** Mainland mobile numbers, allowing the spaces and dashes people type. */
export function checkMobile(input: string): MobileCheck {
  const digits = input.normalize("NFKC").replace(/[\s-]/g, "");
  if (digits === "") return { state: "empty" };
  if (!/^\d+$/.test(digits)) return { state: "invalid", message: "手机号码只能包含数字" };
  if (!/^1([3-9]\d*)?$/.test(digits)) {
    return { state: "invalid", message: "手机号码应以 13–19 开头" };
  }
  if (digits.length < 11) {
    return { state: "partial", message: `手机号码应为11位，还差 ${11 - digits.length} 位` };
  }
  if (!MOBILE.test(digits)) return { state: "invalid", message: "手机号码应为11位数字" };
  return { state: "valid", value: digits };
}
