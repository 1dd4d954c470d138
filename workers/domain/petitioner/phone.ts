/**
 * Mainland mobile numbers, as petitioners type them: with spaces or dashes, and sometimes
 * with the country code. The normalized form (11 digits) is what gets hashed for look-up,
 * so every spelling of one number must normalize to the same string.
 */

export type MobileCheck = { ok: true; value: string } | { ok: false; reason: string };

const MOBILE = /^1[3-9]\d{9}$/;

export function checkMobile(input: string): MobileCheck {
  // NFKC turns full-width digits and "＋" from a Chinese input method into ASCII.
  const compact = input.normalize("NFKC").replace(/[\s\-()]/g, "");
  if (compact === "") return { ok: false, reason: "请填写手机号码" };
  const digits = stripCountryCode(compact);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: "手机号码只能包含数字" };
  if (digits.length !== 11) return { ok: false, reason: "手机号码应为11位数字" };
  if (!MOBILE.test(digits)) return { ok: false, reason: "手机号码格式不正确" };
  return { ok: true, value: digits };
}

/** The last four digits, which staff read back to a caller to confirm a number. */
export function lastFour(phone: string): string {
  return phone.replace(/\D/g, "").slice(-4);
}

function stripCountryCode(compact: string): string {
  // A bare "86" is only a prefix when 11 digits follow; no mobile number starts with 86.
  for (const prefix of ["+86", "0086", "86"]) {
    if (compact.startsWith(prefix) && compact.length === prefix.length + 11) {
      return compact.slice(prefix.length);
    }
  }
  return compact;
}
