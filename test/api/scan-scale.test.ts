import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runDeadlineScan, scanBudget } from "../../workers/domain/notify/scan.ts";
import { chunked } from "../../workers/storage/chunks.ts";
import {
  DUE_CASES_SQL,
  digestCounts,
  digestStatements,
  dueCases,
  insertAlertsStatements,
  recordedAlerts,
  setNextAlertStatements,
} from "../../workers/storage/scan.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { bulkPetitions, queryPlan } from "../support/bulk.ts";
import { onboard } from "../support/tenants.ts";

const scopeOf = (code: string) => openTenantScope(env, { code, shard: "TENANT_DB_1" });
// A clock long past: every mark of every bulk case (70 %, 90 %, due today, overdue) is due.
const lateClock = { due: "2026-01-16", from: "2026-01-01" };
const count = async (sql: string, ...params: unknown[]) =>
  (
    await env.TENANT_DB_1.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("D1's limits", () => {
  it("splits lists so that no statement binds more than 100 parameters", () => {
    const ids = Array.from({ length: 500 }, (_, i) => i);
    const chunks = chunked(ids, 7, 2);
    expect(chunks.flat()).toEqual(ids);
    for (const chunk of chunks) expect(chunk.length * 7 + 2).toBeLessThanOrEqual(100);
    expect(() => chunked(ids, 120)).toThrow();
  });

  it("scans 250 due cases of one county, reading about as many rows", async () => {
    const county = await onboard("610101");
    const now = new Date();
    await bulkPetitions({
      tenant: county.code,
      count: 1000,
      unitIds: [county.countyUnitId],
      dueEvery: 4,
      clock: lateClock,
      now: now.getTime(),
    });
    // One invocation takes as many as its D1 statements allow and hands the rest on (the
    // scan queue's consumer runs `continueScan`, which is this same page loop).
    const first = await runDeadlineScan(env, now, county.code);
    expect(first.failed).toBe(0);
    expect(first.cases).toBeGreaterThanOrEqual(150);
    const rest = first.continued ? await runDeadlineScan(env, now, county.code) : first;
    const report = first.continued
      ? {
          cases: first.cases + (rest.cases ?? 0),
          alerts: first.alerts + (rest.alerts ?? 0),
          breaches: first.breaches + (rest.breaches ?? 0),
          rowsRead: first.rowsRead + (rest.rowsRead ?? 0),
        }
      : first;
    expect(report.cases).toBe(250);
    // 4 marks of one clock per case, once each; one breach (supervision) per case.
    expect(report.alerts).toBe(1000);
    expect(report.breaches).toBe(250);
    expect(report.rowsRead).toBeLessThanOrEqual(2 * 250 + 50);
    expect(
      await count(
        "SELECT count(*) AS n FROM petitions WHERE tenant_id = ? AND next_alert_at <= ?",
        county.code,
        now.getTime(),
      ),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM supervisions WHERE tenant_id = ?", county.code),
    ).toBe(250);
    const again = await runDeadlineScan(env, now, county.code);
    expect(again.cases).toBe(0);
    expect(again.alerts).toBe(0);
  });

  it("reads the recorded alerts of 500 cases in one round trip", async () => {
    const scope = scopeOf("610102");
    const ids = Array.from({ length: 500 }, (_, i) => `in-${i}`);
    const [first, ...rest] = insertAlertsStatements(
      scope,
      ids.map((petitionId) => ({
        petitionId,
        deadlineKey: "accept",
        due: "2026-01-16",
        mark: "near70",
        unitId: "u",
        at: new Date(),
      })),
    );
    if (!first) throw new Error("no statements");
    await scope.db.batch([first, ...rest]);
    const alerts = await recordedAlerts(scope, ids);
    expect(alerts).toHaveLength(500);
    expect(new Set(alerts.map((a) => a.petitionId))).toEqual(new Set(ids));
  });

  it("brings each due case's recusals with it, reading nothing for a case without", async () => {
    const scope = scopeOf("610105");
    const now = Date.now();
    await bulkPetitions({ tenant: scope.tenant, count: 200, unitIds: ["u"], dueEvery: 1, now });
    const page = await dueCases(scope, new Date(now), undefined, 100);
    expect(page.cases).toHaveLength(100);
    expect(page.cases.every((c) => c.recused.size === 0)).toBe(true);
    // One row per case, and nothing for recusals that are not there.
    expect(page.rowsRead).toBeLessThanOrEqual(101);
    const [a, b] = page.cases.map((c) => c.row.id);
    await env.TENANT_DB_1.prepare(
      "INSERT INTO recusals (tenant_id, petition_id, staff_id, reason, declared_by, at) VALUES (?1, ?2, 's1', 'r', 's1', 0), (?1, ?2, 's2', 'r', 's2', 0), (?1, ?3, 's3', 'r', 's3', 0), (?1, 'elsewhere', 's4', 'r', 's4', 0)",
    )
      .bind(scope.tenant, a, b)
      .run();
    const again = await dueCases(scope, new Date(now), undefined, 100);
    const recused = Object.fromEntries(again.cases.map((c) => [c.row.id, [...c.recused].sort()]));
    expect(recused[a ?? ""]).toEqual(["s1", "s2"]);
    expect(recused[b ?? ""]).toEqual(["s3"]);
    expect(again.cases.filter((c) => c.recused.size > 0)).toHaveLength(2);
    // The recusals there are, and the key past each case's last: a few rows, not the county's.
    expect(again.rowsRead).toBeLessThanOrEqual(101 + 3 + 2);
  });

  it("writes 200 alerts in multi-row inserts, and a batch of 100 statements", async () => {
    const scope = scopeOf("610103");
    const alert = (i: number) => ({
      petitionId: `p-${i}`,
      deadlineKey: "accept",
      due: "2026-01-16",
      mark: "overdue",
      unitId: "u",
      at: new Date(),
    });
    const two = insertAlertsStatements(
      scope,
      Array.from({ length: 200 }, (_, i) => alert(i)),
    );
    const [first, ...rest] = two;
    if (!first) throw new Error("no statements");
    await scope.db.batch([first, ...rest]);
    expect(
      await count("SELECT count(*) AS n FROM deadline_alerts WHERE tenant_id = ?", scope.tenant),
    ).toBe(200);

    const hundred = insertAlertsStatements(
      scope,
      Array.from({ length: 1400 }, (_, i) => alert(1000 + i)),
    );
    expect(hundred).toHaveLength(100);
    const [head, ...tail] = hundred;
    if (!head) throw new Error("no statements");
    await scope.db.batch([head, ...tail]);
    expect(
      await count("SELECT count(*) AS n FROM deadline_alerts WHERE tenant_id = ?", scope.tenant),
    ).toBe(1600);
  });

  it("moves the alert time of 500 cases by key, one row read each, keeping changed versions' own", async () => {
    const scope = scopeOf("610104");
    await bulkPetitions({ tenant: scope.tenant, count: 500, unitIds: ["u"], prefix: "na" });
    await env.TENANT_DB_1.prepare(
      "UPDATE petitions SET version = 2, next_alert_at = 5 WHERE id = 'na-7'",
    ).run();
    const at = new Date(Date.UTC(2030, 0, 1));
    const statements = setNextAlertStatements(
      scope,
      Array.from({ length: 500 }, (_, i) => ({
        id: `na-${i}`,
        version: 1,
        at,
        marks: ["accept|2026-01-16|overdue"],
      })),
    );
    expect(statements).toHaveLength(500);
    const query = statements[0]?.toSQL();
    if (!query) throw new Error("no statement");
    const plan = await queryPlan(query.sql, ...query.params);
    expect(plan).toMatch(/SEARCH petitions USING INDEX sqlite_autoindex_petitions_1 \(id=\?\)/);
    expect(plan).not.toMatch(/SCAN petitions/);
    // Five batches of 100 statements, as the scan's pages are well under that.
    let read = 0;
    for (let i = 0; i < statements.length; i += 100) {
      const [head, ...tail] = statements.slice(i, i + 100);
      if (!head) break;
      const results = (await scope.d1.batch(
        [head, ...tail].map((s) => {
          const q = s.toSQL();
          return scope.d1.prepare(q.sql).bind(...q.params);
        }),
      )) as D1Result[];
      for (const r of results) read += r.meta.rows_read ?? 0;
    }
    // One read per case: the row, found by its key. (A JSON list joined to the cases read
    // about four per case.) The alert time is no figure, so no trigger adds to it.
    expect(read).toBeLessThanOrEqual(500 + 10);
    expect(
      await count(
        "SELECT count(*) AS n FROM petitions WHERE tenant_id = ? AND next_alert_at = ?",
        scope.tenant,
        at.getTime(),
      ),
    ).toBe(499);
    // The changed case keeps its own alert time, and has its marks recorded all the same.
    const changed = await env.TENANT_DB_1.prepare(
      "SELECT next_alert_at AS at, alert_marks AS marks FROM petitions WHERE id = 'na-7'",
    ).first<{ at: number; marks: string }>();
    expect(changed).toEqual({ at: 5, marks: '["accept|2026-01-16|overdue"]' });
  });
});

describe("a county whose scan fails", () => {
  it("is logged and tried again next run, and the other counties are scanned", async () => {
    const broken = await onboard("610201");
    const healthy = await onboard("610202");
    const now = new Date();
    for (const county of [broken, healthy]) {
      await bulkPetitions({
        tenant: county.code,
        count: 20,
        unitIds: [county.countyUnitId],
        prefix: `f${county.code}`,
        dueEvery: 2,
        clock: lateClock,
        now: now.getTime(),
      });
    }
    // One of the broken county's due cases holds a clock its scan cannot read (valid JSON,
    // since the figures' triggers read the column too, but not a clock).
    await env.TENANT_DB_1.prepare(`UPDATE petitions SET deadlines = '{"accept":null}' WHERE id = ?`)
      .bind(`f${broken.code}-0`)
      .run();
    const first = await runDeadlineScan(env, now);
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const due = (code: string) =>
      count(
        "SELECT count(*) AS n FROM petitions WHERE tenant_id = ? AND next_alert_at <= ?",
        code,
        now.getTime(),
      );
    expect(await due(healthy.code)).toBe(0);
    expect(await due(broken.code)).toBe(10);

    await env.TENANT_DB_1.prepare("UPDATE petitions SET deadlines = ? WHERE id = ?")
      .bind(
        JSON.stringify({ accept: { ...lateClock, days: 15, kind: "calendar" } }),
        `f${broken.code}-0`,
      )
      .run();
    const next = await runDeadlineScan(env, now, broken.code);
    expect(next.failed).toBe(0);
    expect(next.cases).toBe(10);
    expect(await due(broken.code)).toBe(0);
  });
});

describe("the plans of the scan's queries", () => {
  it("pages through due cases on the alert index, reading what it returns", async () => {
    const scope = scopeOf("610301");
    const now = Date.now();
    await bulkPetitions({ tenant: scope.tenant, count: 3000, unitIds: ["u"], dueEvery: 30, now });
    const plan = await queryPlan(DUE_CASES_SQL, scope.tenant, now, -1, "", 50);
    expect(plan.split("\n")).toEqual([
      "SEARCH p USING INDEX petitions_tenant_alert_idx (tenant_id=? AND (next_alert_at,id)>(?,?) AND next_alert_at<?)",
      "CORRELATED SCALAR SUBQUERY 1",
      "SEARCH r USING COVERING INDEX sqlite_autoindex_recusals_1 (tenant_id=? AND petition_id=?)",
    ]);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const first = await dueCases(scope, new Date(now), undefined, 50);
    expect(first.cases).toHaveLength(50);
    expect(first.rowsRead).toBeLessThanOrEqual(51);
    const last = first.cases.at(-1)?.row;
    if (!last?.nextAlertAt) throw new Error("no due case");
    const second = await dueCases(
      scope,
      new Date(now),
      { at: last.nextAlertAt.getTime(), id: last.id },
      50,
    );
    expect(second.cases).toHaveLength(50);
    expect(second.cases.some((r) => first.cases.some((f) => f.row.id === r.row.id))).toBe(false);
    expect(second.rowsRead).toBeLessThanOrEqual(52);
  });

  it("builds the digest from counters: a few rows per unit, never the open cases", async () => {
    const scope = scopeOf("610302");
    const day = 86_400_000;
    const now = Date.now();
    const start = new Date(now - (now % day));
    const end = new Date(start.getTime() + day);
    // 5,000 open cases in 5 units; next deadlines one a day from 300 days ago onwards,
    // each near 3 days before it is due.
    await bulkPetitions({
      tenant: scope.tenant,
      count: 5000,
      unitIds: ["u1", "u2", "u3", "u4", "u5"],
      firstDeadlineDays: -300,
      now,
    });
    const total = () =>
      count(
        "SELECT coalesce(sum(cases), 0) AS n FROM deadline_counts WHERE tenant_id = ?",
        scope.tenant,
      );
    expect(await total()).toBe(5000);
    const truth = async () =>
      env.TENANT_DB_1.prepare(
        `SELECT sum(next_deadline_at <= ?2) AS overdue,
                sum(next_deadline_at > ?2 AND next_deadline_at <= ?3) AS dueToday,
                sum(next_deadline_at > ?3 AND next_near_at <= ?3) AS near
         FROM petitions WHERE tenant_id = ?1 AND status NOT IN ('closed', 'declined')`,
      )
        .bind(scope.tenant, start.getTime(), end.getTime())
        .first<{ overdue: number; dueToday: number; near: number }>();
    const summed = (rows: { overdue: number; dueToday: number; near: number }[]) => ({
      overdue: rows.reduce((n, r) => n + r.overdue, 0),
      dueToday: rows.reduce((n, r) => n + r.dueToday, 0),
      near: rows.reduce((n, r) => n + r.near, 0),
    });

    const first = await digestCounts(scope, start, end);
    expect(summed(first)).toEqual(await truth());
    expect(first.length).toBe(5);

    // Cases leave their (now folded) overdue buckets and fresh ones: counters follow.
    await env.TENANT_DB_1.prepare(
      "UPDATE petitions SET status = 'closed' WHERE tenant_id = ?1 AND id IN (?1 || '-1', ?1 || '-2', ?1 || '-400')",
    )
      .bind(scope.tenant)
      .run();
    await env.TENANT_DB_1.prepare(
      "UPDATE petitions SET responsible_unit_id = 'u9' WHERE tenant_id = ?1 AND id = ?1 || '-3'",
    )
      .bind(scope.tenant)
      .run();
    await env.TENANT_DB_1.prepare("DELETE FROM petitions WHERE tenant_id = ?1 AND id = ?1 || '-4'")
      .bind(scope.tenant)
      .run();
    expect(await total()).toBe(4996);
    expect(summed(await digestCounts(scope, start, end))).toEqual(await truth());

    const [, , read] = digestStatements(scope, start, end);
    const query = read.toSQL();
    const plan = await queryPlan(query.sql, ...query.params);
    expect(plan).toMatch(
      /SEARCH deadline_counts USING INDEX sqlite_autoindex_deadline_counts_1 \(tenant_id=\? AND near_at<\?\)/,
    );
    const measured = await env.TENANT_DB_1.prepare(query.sql)
      .bind(...query.params)
      .all();
    console.log(`digest: ${measured.meta.rows_read} rows read at 5,000 open cases`);
    // One folded row per unit, and the buckets near or due today (3 days × 5 units).
    expect(measured.meta.rows_read).toBeLessThanOrEqual(2 * (6 + 4 * 5) + 1);
  });
});

/** A county whose `count` cases are all late, at `now`. */
async function lateCounty(code: string, count: number, now: Date) {
  const county = await onboard(code);
  await bulkPetitions({
    tenant: county.code,
    count,
    unitIds: [county.countyUnitId],
    clock: lateClock,
    dueEvery: 1,
    now: now.getTime(),
  });
  return county;
}

/** Waits for the scan queue's consumer; returns how many cases are still due. */
async function dueAfterQueue(code: string, now: Date, waitMs: number) {
  const due = () =>
    count(
      "SELECT count(*) AS n FROM petitions WHERE tenant_id = ? AND next_alert_at <= ?",
      code,
      now.getTime(),
    );
  const deadline = Date.now() + waitMs;
  while ((await due()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return due();
}

describe("more due cases than one invocation takes", () => {
  it("carries the rest on the scan queue until every due case is handled", async () => {
    const now = new Date();
    const county = await lateCounty("610401", 700, now);
    // An invocation with room for a page or two: the rest goes on the queue, whose
    // consumer has a whole invocation's round trips.
    const report = await runDeadlineScan(env, now, county.code, 1, scanBudget(16));
    expect(report.failed).toBe(0);
    expect(report.continued).toBe(1);
    expect(report.cases).toBeGreaterThan(0);
    expect(report.cases).toBeLessThan(700);
    expect(await dueAfterQueue(county.code, now, 60_000)).toBe(0);
    // Every case was handled once: one supervision per case, never two.
    expect(
      await count("SELECT count(*) AS n FROM supervisions WHERE tenant_id = ?", county.code),
    ).toBe(700);
  }, 90_000);
});

describe("an invocation whose time for due cases is spent", () => {
  it("starts no page, and hands the county's due cases to the scan queue", async () => {
    const now = new Date();
    const county = await lateCounty("610403", 20, now);
    const report = await runDeadlineScan(env, now, county.code, 1, {
      left: 600,
      until: Date.now() - 1,
    });
    expect(report.cases).toBe(0);
    expect(report.continued).toBe(1);
    expect(await dueAfterQueue(county.code, now, 30_000)).toBe(0);
  }, 60_000);
});

describe("a cron with more counties than it scans itself", () => {
  it("hands the others to the scan queue, whose consumer runs their whole scan", async () => {
    const now = new Date();
    const county = await lateCounty("610402", 40, now);
    const report = await runDeadlineScan(env, now, county.code, 0);
    expect(report.tenants).toBe(0);
    expect(report.continued).toBe(1);
    expect(await dueAfterQueue(county.code, now, 30_000)).toBe(0);
  }, 60_000);
});
