/**
 * The 查询码 a petitioner uses to follow and evaluate a case (§21). It is read aloud over
 * the phone and copied by hand from a paper notice, so the alphabet leaves out characters
 * that are easily confused: 0/O, 1/I/L, and U (read as V). 30 symbols × 10 positions is
 * about 49 bits, enough against online guessing when look-ups are rate-limited.
 */

export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const TRACKING_CODE_LENGTH = 10;

/**
 * A random code from `alphabet`. Random bytes at or above the largest multiple of the
 * alphabet size are thrown away (rejection sampling), so every symbol is equally likely.
 */
export function randomCode(length: number, alphabet: string = TRACKING_ALPHABET): string {
  const symbols = Array.from(alphabet);
  if (!Number.isInteger(length) || length < 1) throw new RangeError("length must be positive");
  if (symbols.length < 2 || symbols.length > 256 || new Set(symbols).size !== symbols.length) {
    throw new RangeError("alphabet must have 2 to 256 distinct symbols");
  }
  const limit = 256 - (256 % symbols.length);
  // getRandomValues fills at most 65,536 bytes per call.
  const batch = Math.min(length * 2, 4096);
  const picked: string[] = [];
  while (picked.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(batch))) {
      if (byte >= limit) continue;
      picked.push(symbols[byte % symbols.length] ?? "");
      if (picked.length === length) break;
    }
  }
  return picked.join("");
}

export function newTrackingCode(): string {
  return randomCode(TRACKING_CODE_LENGTH);
}

/** "ABCDEFGHJK" → "ABCD-EFGH-JK", groups of four for reading aloud. */
export function formatTrackingCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join("-");
}

const VALID = new RegExp(`^[${TRACKING_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

/**
 * What a petitioner typed, as a stored code: upper-cased, with spaces and dashes removed
 * and full-width characters folded to ASCII. Confusable characters (0, O, 1, I, L, U) are
 * not guessed at: a code containing one is rejected, so a typo never opens another case.
 */
export function normalizeTrackingCode(input: string): string | undefined {
  const code = input
    .normalize("NFKC")
    .replace(/[\s\-_–—]/g, "")
    .toUpperCase();
  return VALID.test(code) ? code : undefined;
}
