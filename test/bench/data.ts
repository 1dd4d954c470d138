/**
 * Bulk data for the bench, made by SQL straight into the local D1: every bench case is a
 * copy of one petition the product registered itself (so it decrypts and reads like any
 * other), with its own id, tracking code, person hashes, unit and clocks.
 */
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types/experimental";
import { audienceSql, wordsOfBodySql } from "../../workers/storage/search-audience.ts";

export const BENCH_PREFIX = "bench-";

export async function countCases(db: D1Database, tenant: string) {
  const row = await db
    .prepare("SELECT count(*) AS n FROM petitions WHERE tenant_id = ?")
    .bind(tenant)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The largest county whose figures and search rows the bench reads (S2, S3, S7, S8 and the
 * digest run at 100,000). Cases past it are written without them: only the deadline scan
 * runs at 1,000,000, and it reads the cases and their alert index alone. Keeping the
 * figures' triggers for 900,000 more rows would take ~10 minutes on two cores, half the
 * bench's time, for tables no scenario at that size reads.
 */
export const FIGURES_UP_TO = 100_000;

/**
 * Grows the county to `total` cases. Cases are spread over every unit of the county;
 * one in a hundred has its next alert at `dueAt`, the rest a month after it.
 */
export async function growCases(
  db: D1Database,
  tenant: string,
  total: number,
  dueAt: number,
): Promise<void> {
  const have = await countBenchCases(db, tenant);
  await growWithFigures(db, tenant, Math.min(total, FIGURES_UP_TO), dueAt);
  if (total > Math.max(have, FIGURES_UP_TO)) await growBare(db, tenant, total, dueAt);
}

/**
 * Cases past `FIGURES_UP_TO`: the insert triggers that keep figures are dropped and made
 * again around each statement, inside one batch (one transaction), so the database is
 * never without them; the cases and every index on them are written as the product would.
 */
async function growBare(db: D1Database, tenant: string, total: number, dueAt: number) {
  const triggers = (
    await db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'petitions' AND sql LIKE '%AFTER INSERT ON%'",
      )
      .all<{ name: string; sql: string }>()
  ).results;
  const { insert, template, unitIds } = await copyStatement(db, tenant);
  await inSteps(db, tenant, total, 50_000, (have, upTo) => [
    ...triggers.map((t) => db.prepare(`DROP TRIGGER ${t.name}`)),
    db.prepare(insert).bind(template, dueAt, have, upTo, JSON.stringify(unitIds)),
    ...triggers.map((t) => db.prepare(t.sql)),
  ]);
}

/** The statement that copies the template into cases `(?3, ?4]`, over the county's units. */
async function copyStatement(db: D1Database, tenant: string) {
  const template = await db
    .prepare(
      "SELECT id FROM petitions WHERE tenant_id = ? AND id NOT LIKE 'bench-%' AND petitioner_sealed IS NOT NULL ORDER BY registered_at LIMIT 1",
    )
    .bind(tenant)
    .first<{ id: string }>();
  if (!template) throw new Error("the county has no registered petition to copy");
  const units = await db
    .prepare("SELECT id FROM units WHERE tenant_id = ? ORDER BY id")
    .bind(tenant)
    .all<{ id: string }>();
  const unitIds = units.results.map((u) => u.id);
  const columns = (
    await db.prepare("PRAGMA table_info(petitions)").all<{ name: string }>()
  ).results.map((c) => c.name);
  const overrides: Record<string, string> = {
    id: `'${BENCH_PREFIX}' || n.i`,
    tracking_code: "'B' || printf('%011d', n.i)",
    id_hash: "'bench-id-' || n.i",
    phone_hash: "'bench-phone-' || n.i",
    name_hash: "'bench-name-' || n.i",
    // Unique on the shard, and ordered like the registration times below.
    search_rowid: "(t.registered_at - n.i * 1000) * 1000",
    responsible_unit_id: "u.id",
    registered_at: "t.registered_at - n.i * 1000",
    next_deadline_at: "t.next_deadline_at + (n.i % 90) * 86400000",
    next_alert_at: `CASE WHEN n.i % 100 = 0 THEN ?2 ELSE ?2 + 30 * 86400000 END`,
    // A copy has had no alerts of its own, whatever the template has had.
    alert_marks: "'[]'",
  };
  const select = columns.map((c) => overrides[c] ?? `t.${c}`).join(", ");
  const insert = `WITH RECURSIVE n(i) AS (SELECT ?3 + 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?4),
      u(k, id) AS (SELECT key, value FROM json_each(?5))
    INSERT INTO petitions (${columns.join(", ")})
    SELECT ${select} FROM n JOIN u ON u.k = n.i % ${unitIds.length}
    JOIN petitions t ON t.id = ?1`;
  return { insert, template: template.id, unitIds };
}

/** Cases up to `total`, with their figures and search rows, as the product keeps them. */
async function growWithFigures(db: D1Database, tenant: string, total: number, dueAt: number) {
  if ((await countBenchCases(db, tenant)) >= total) return;
  const { insert, template, unitIds } = await copyStatement(db, tenant);
  // Each copy is found by the template's words, like the case it copies, with its own
  // audience tokens (its unit, not the template's).
  const search = `WITH RECURSIVE n(i) AS (SELECT ?2 + 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
    INSERT INTO case_search (rowid, body)
    SELECT c.search_rowid, ${wordsOfBodySql("s.body", "c.tenant_id")} || ${audienceSql("c")} FROM n
    JOIN petitions t ON t.id = ?1 JOIN case_search s ON s.rowid = t.search_rowid
    JOIN petitions c ON c.search_rowid = (t.registered_at - n.i * 1000) * 1000`;
  // 25,000 rows in one statement outlast the local D1 (it resets the connection) once the
  // search indexes, audience tokens and figures' triggers are kept too, on a busy machine.
  await inSteps(db, tenant, total, 10_000, (have, upTo) => [
    db.prepare(insert).bind(template, dueAt, have, upTo, JSON.stringify(unitIds)),
    db.prepare(search).bind(template, have, upTo),
  ]);
}

/**
 * Grows the county a step at a time, each step one batch (one transaction). Node's
 * connection to the local D1 is sometimes closed under it (an idle keep-alive socket the
 * other side has just dropped: "other side closed"); the step is then tried again from the
 * count of cases the database holds, so a step is never written twice or lost.
 */
async function inSteps(
  db: D1Database,
  tenant: string,
  total: number,
  step: number,
  statements: (have: number, upTo: number) => D1PreparedStatement[],
) {
  let have = await countBenchCases(db, tenant);
  let failures = 0;
  while (have < total) {
    const upTo = Math.min(total, have + step);
    try {
      await db.batch(statements(have, upTo));
      have = upTo;
    } catch (error) {
      failures += 1;
      if (failures > 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      have = await countBenchCases(db, tenant);
    }
  }
}

export async function countBenchCases(db: D1Database, tenant: string) {
  const row = await twice(() =>
    db
      .prepare("SELECT count(*) AS n FROM petitions WHERE tenant_id = ? AND id LIKE 'bench-%'")
      .bind(tenant)
      .first<{ n: number }>(),
  );
  return row?.n ?? 0;
}

/**
 * A statement that may run twice (a read, or an update to fixed values), tried once more if
 * Node's connection to the local D1 was closed under it (see `inSteps`).
 */
async function twice<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return run();
  }
}

/** Makes one bench case in a hundred due at `dueAt` again, the others due a month later. */
export async function resetDue(db: D1Database, tenant: string, dueAt: number) {
  await twice(() =>
    db
      .prepare(
        `UPDATE petitions SET next_alert_at = CASE WHEN CAST(substr(id, 7) AS INTEGER) % 100 = 0
         THEN ?2 ELSE ?2 + 30 * 86400000 END
       WHERE tenant_id = ?1 AND id LIKE 'bench-%'`,
      )
      .bind(tenant, dueAt)
      .run(),
  );
}

export async function countDue(db: D1Database, tenant: string, at: number) {
  const row = await twice(() =>
    db
      .prepare("SELECT count(*) AS n FROM petitions WHERE tenant_id = ? AND next_alert_at <= ?")
      .bind(tenant, at)
      .first<{ n: number }>(),
  );
  return row?.n ?? 0;
}

/** `count` webhook deliveries waiting to be sent, ready to be handed to the queue. */
export async function insertDeliveries(db: D1Database, tenant: string, run: string, count: number) {
  const now = Date.now();
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
       INSERT INTO deliveries (id, tenant_id, idempotency_key, channel, event, recipient_label,
         title, body, status, attempts, created_at, updated_at, enqueued_at)
       SELECT ?2 || '-' || n.i, ?1, ?2 || '-' || n.i, 'webhook', 'deadline.overdue', '对接接口',
         '期限提醒', '基准测试消息', 'queued', 0, ?4, ?4, ?4 FROM n`,
    )
    .bind(tenant, run, count, now)
    .run();
  return Array.from({ length: count }, (_, i) => `${run}-${i + 1}`);
}

/**
 * A county's delivery log as it stands after years of use: `count` webhook deliveries sent
 * long ago, so the consumer's statements meet a county's history, not an empty table.
 */
export async function insertDeliveryHistory(db: D1Database, tenant: string, count: number) {
  const day = 86_400_000;
  const start = Date.now() - 3 * 365 * day;
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT OR IGNORE INTO deliveries (id, tenant_id, idempotency_key, channel, event,
         recipient_label, title, body, status, attempts, created_at, updated_at, enqueued_at,
         sent_at)
       SELECT 'bench-history-' || n.i, ?1, 'bench-history-' || n.i, 'webhook', 'deadline.overdue',
         '对接接口', '期限提醒', '基准测试消息', 'sent', 1, ?3 + n.i * 1000, ?3 + n.i * 1000,
         ?3 + n.i * 1000, ?3 + n.i * 1000 FROM n`,
    )
    .bind(tenant, count, start)
    .run();
}
