import { env } from "cloudflare:test";

/**
 * Petitions made by SQL straight into the shard, thousands at a time, for tests that
 * measure what a query reads. Case `i` gets id `${prefix}-${i}` (the prefix is the tenant unless given); `unitIds` are taken in
 * turn; every `dueEvery`-th case has its next alert in the past (due for the scan).
 */
export async function bulkPetitions(options: {
  tenant: string;
  count: number;
  unitIds: readonly string[];
  prefix?: string;
  dueEvery?: number;
  now?: number;
  categoryCode?: string;
  /** Hash every case's ID number as `h<i % 97>` (97 people), for repeat look-ups. */
  idHashes?: boolean;
  /** Next deadlines run from this many days from now, one day apart (500 days in all). */
  firstDeadlineDays?: number;
  /** The cases' one clock; by default 15 days from today. */
  clock?: { due: string; from: string };
}) {
  const now = options.now ?? Date.now();
  const prefix = options.prefix ?? options.tenant;
  const dueEvery = options.dueEvery ?? 0;
  const day = 86_400_000;
  const isoDay = (offset: number) => new Date(now + offset * day).toISOString().slice(0, 10);
  const clock = options.clock ?? { due: isoDay(15), from: isoDay(0) };
  const deadlines = JSON.stringify({ accept: { ...clock, days: 15, kind: "calendar" } });
  // One statement per 1,000 cases: the rows come from a recursive counter, not parameters.
  for (let start = 0; start < options.count; start += 1000) {
    const end = Math.min(options.count, start + 1000);
    await env.TENANT_DB_1.prepare(
      `WITH RECURSIVE n(i) AS (SELECT CAST(?1 AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
       INSERT INTO petitions (id, tenant_id, tracking_code, version, status, channel, purpose,
         category_code, confidential, received_on, registered_at, registering_unit_id,
         responsible_unit_id, headcount, anonymous, id_hash, material, attachments, flags,
         deadlines, next_deadline_at, next_near_at, next_deadline_key, next_alert_at, created_at,
         updated_at)
       SELECT ?3 || '-' || i, ?4, ?3 || 'T' || i, 1, 'registered', 'letter', 'complaint',
         ?5, 0, '2026-01-01', ?6 - i * 1000, json_extract(?7, '$[' || CAST(i % ?8 AS INTEGER) || ']'),
         json_extract(?7, '$[' || CAST(i % ?8 AS INTEGER) || ']'), 1, 0,
         CASE WHEN ?10 IS NULL THEN NULL ELSE ?10 || CAST(i % 97 AS INTEGER) END,
         '{"facts":"f","demands":"d"}', '[]', '{"firstPetition":true}', ?9,
         ?6 + (?13 + i % 500) * ?11,
         ?6 + (?13 + i % 500 - 3) * ?11,
         'accept',
         CASE WHEN ?12 > 0 AND i % ?12 = 0 THEN ?6 - 60000 - i ELSE ?6 + 30 * ?11 + i END,
         ?6, ?6
       FROM n`,
    )
      .bind(
        start,
        end,
        prefix,
        options.tenant,
        options.categoryCode ?? "01.01",
        now,
        JSON.stringify(options.unitIds),
        options.unitIds.length,
        deadlines,
        options.idHashes ? "h" : null,
        day,
        dueEvery,
        options.firstDeadlineDays ?? 0,
      )
      .run();
  }
}

/** SQLite's plan for a statement, one line per step (`detail` of EXPLAIN QUERY PLAN). */
export async function queryPlan(sql: string, ...params: unknown[]) {
  const plan = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return plan.results.map((r) => r.detail).join("\n");
}
