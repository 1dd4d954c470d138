/**
 * Chinese full-text search on D1's FTS5, which has no Chinese tokenizer of its own.
 *
 * Text is indexed as overlapping character bigrams (卢峰镇 → 卢峰 峰镇) and a query as the
 * phrase of its bigrams, so any run of two or more characters is found exactly where it
 * occurs — 工资, 卢峰镇, 养老保险 alike. Measured in test/unit/search-tokens.test.ts: the
 * trigram tokenizer finds nothing for a two-character term from its index (工资: 0 of 200);
 * `Intl.Segmenter` words were as exact on that corpus and ~25 % smaller, but they depend on
 * the runtime's ICU dictionary (an index written by one workerd release and queried by
 * the next may cut words differently), and it cuts place names like 卢峰镇 into single
 * characters, whose posting lists hold nearly every case of a county. Bigrams depend on
 * nothing and cost one D1 row read per match.
 *
 * Every token carries the county's code, so one county's query reads only that county's
 * posting lists on a shard several counties share.
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Runs of Han characters and runs of other letters/digits, in text order. */
function runs(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(WORD)) {
    let current = "";
    let han = false;
    for (const ch of match[0]) {
      const isHan = HAN.test(ch);
      if (current && isHan !== han) {
        out.push(current);
        current = "";
      }
      current += ch;
      han = isHan;
    }
    if (current) out.push(current);
  }
  return out;
}

function grams(run: string): string[] {
  const chars = [...run];
  if (!HAN.test(chars[0] ?? "")) return [run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((ch, i) => `${chars[i]}${ch}`);
}

const token = (tenant: string, gram: string) => `c${tenant}${gram}`;

/** The index body of a case's searchable texts. */
export function indexBody(tenant: string, texts: readonly (string | null | undefined)[]): string {
  const tokens: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const run of runs(text)) for (const gram of grams(run)) tokens.push(token(tenant, gram));
    // A break between texts, so no phrase spans two of them.
    tokens.push(`c${tenant}`);
  }
  return tokens.join(" ");
}

export type SearchTerms = { ok: true; match: string } | { ok: false; reason: string };

/**
 * The FTS5 MATCH expression for what the clerk typed: every word must occur (AND), each
 * as the phrase of its bigrams. A lone Chinese character is too common to search by.
 */
export function matchExpression(tenant: string, query: string): SearchTerms {
  const phrases: string[] = [];
  for (const run of runs(query)) {
    if (HAN.test(run) && [...run].length < 2) {
      return { ok: false, reason: "请至少输入两个汉字" };
    }
    phrases.push(
      `"${grams(run)
        .map((g) => token(tenant, g))
        .join(" ")}"`,
    );
  }
  if (phrases.length === 0) return { ok: false, reason: "请输入要查找的内容" };
  return { ok: true, match: phrases.slice(0, 8).join(" AND ") };
}

/** A name as the blind index keys it: no spaces or middle dots, full-width folded. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s·•・.]/g, "")
    .toLowerCase();
}
