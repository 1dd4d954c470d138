import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { indexBody, matchExpression, normalizeName } from "../../workers/domain/search/tokens.ts";

/**
 * Which way of indexing Chinese finds 工资, 卢峰镇 and 养老保险 correctly and cheaply in D1's
 * FTS5: the built-in trigram tokenizer, words cut by the runtime's Intl.Segmenter, or the
 * county-prefixed bigrams the product uses. Measured on one corpus; the figures are logged.
 */
const T = "431200";
const pieces = [
  "某公司拖欠工资三个月",
  "卢峰镇某村道路损坏",
  "单位未缴纳养老保险",
  "资金发放延迟",
  "卢峰村与峰镇村的界线",
  "养老院收费过高",
  "保险公司拒绝理赔",
  "工地资料遗失",
  "镇政府工作人员态度差",
  // Where a dictionary cuts differently in context than the term alone.
  "工资单据丢失",
  "卢峰镇长接访",
  "养老保险费未退",
];
const corpus = Array.from({ length: 600 }, (_, i) => {
  const a = pieces[i % pieces.length] ?? "";
  const b = pieces[(i * 7 + 3) % pieces.length] ?? "";
  return `${a}，${b}。第${i}号`;
});
const TERMS = ["工资", "卢峰镇", "养老保险"];

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const words = (text: string) =>
  [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);

const db = () => env.TENANT_DB_1;

beforeAll(async () => {
  await db().batch([
    db().prepare("CREATE VIRTUAL TABLE m_trigram USING fts5(body, tokenize = 'trigram')"),
    db().prepare("CREATE VIRTUAL TABLE m_segment USING fts5(body, tokenize = 'unicode61')"),
    db().prepare("CREATE VIRTUAL TABLE m_bigram USING fts5(body, tokenize = 'unicode61')"),
  ]);
  const inserts = corpus.flatMap((text, i) => [
    db()
      .prepare("INSERT INTO m_trigram (rowid, body) VALUES (?, ?)")
      .bind(i + 1, text),
    db()
      .prepare("INSERT INTO m_segment (rowid, body) VALUES (?, ?)")
      .bind(i + 1, words(text).join(" ")),
    db()
      .prepare("INSERT INTO m_bigram (rowid, body) VALUES (?, ?)")
      .bind(i + 1, indexBody(T, [text])),
  ]);
  for (let i = 0; i < inserts.length; i += 90) await db().batch(inserts.slice(i, i + 90));
});

async function run(table: string, match: string) {
  try {
    const r = await db()
      .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT 1000`)
      .bind(match)
      .all<{ rowid: number }>();
    return { ids: r.results.map((x) => x.rowid), read: r.meta.rows_read };
  } catch (error) {
    return { ids: [] as number[], read: 0, error: String(error) };
  }
}

describe("indexing Chinese for FTS5", () => {
  it("bigrams find every term exactly; trigrams miss two-character terms", async () => {
    const figures: Record<string, Record<string, string>> = {};
    for (const term of TERMS) {
      const expected = corpus.flatMap((text, i) => (text.includes(term) ? [i + 1] : [])).reverse();
      const bigram = matchExpression(T, term);
      if (!bigram.ok) throw new Error(bigram.reason);
      const results = {
        trigram: await run("m_trigram", `"${term}"`),
        segmenter: await run("m_segment", `"${words(term).join(" ")}"`),
        bigram: await run("m_bigram", bigram.match),
      };
      figures[term] = Object.fromEntries(
        Object.entries(results).map(([name, r]) => [
          name,
          `${r.ids.length}/${expected.length} found${JSON.stringify(r.ids) === JSON.stringify(expected) ? " (exact)" : " (WRONG)"}, ${r.read} rows read`,
        ]),
      );
      expect(results.bigram.ids, term).toEqual(expected);
    }
    const size = async (table: string) =>
      (
        await db()
          .prepare(`SELECT sum(length(block)) AS n FROM ${table}_data`)
          .first<{ n: number }>()
      )?.n;
    console.info(
      "tokenizers:",
      JSON.stringify(figures, null, 1),
      "index bytes:",
      JSON.stringify({
        trigram: await size("m_trigram"),
        segmenter: await size("m_segment"),
        bigram: await size("m_bigram"),
      }),
    );
    // Trigrams cannot answer a two-character term from the index.
    const trigramWages = await run("m_trigram", '"工资"');
    expect(trigramWages.ids.length).toBe(0);
  });

  it("keeps counties apart inside one index", () => {
    expect(indexBody("431200", ["工资"])).not.toContain("c431201");
    const q = matchExpression("431201", "工资");
    expect(q.ok && q.match).toBe('"c431201工资"');
  });

  it("normalises names the way the desk types them", () => {
    expect(normalizeName("欧阳 春花")).toBe(normalizeName("欧阳春花"));
    expect(normalizeName("阿依古丽·买买提")).toBe("阿依古丽买买提");
    expect(normalizeName("ＬＩ Ｍｉｎｇ")).toBe("liming");
  });
});
