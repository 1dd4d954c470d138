import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DRILL_FIGURES } from "../../schema/reference/statistics.ts";
import { grainRanges } from "../../workers/domain/statistics/period.ts";
import type { FigureScope } from "../../workers/domain/statistics/scope.ts";
import { listFigureCases } from "../../workers/storage/statistics/drill.ts";
import { figureQueries, readFigureRows } from "../../workers/storage/statistics/figures.ts";
import { CLEAR_ROLLUPS_SQL } from "../../workers/storage/statistics/rebuild.ts";
import { rollupTriggers } from "../../workers/storage/statistics/rollup-sql.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import type { Viewer } from "../../workers/storage/visibility.ts";

/**
 * What a year of figures costs at scale, on SQLite's own numbers: rows read by the one
 * batch, and the plans of the drill-down's queries.
 */
const TENANT = "431298";
const scope = openTenantScope(env, { code: TENANT, shard: "TENANT_DB_1" });
const db = env.TENANT_DB_1;

/** A county's rollups: ~115 key/dims per month at the county, 30 units, and a year of days. */
async function seedYear() {
  const units = Array.from({ length: 30 }, (_, i) => `unit-${i}`);
  const keys = [
    ["received", ""],
    ...["letter", "visit", "online", "phone", "fax", "reception"].map((d) => ["channel", d]),
    ...["suggestion", "appeal", "request", "accusation", "other"].map((d) => ["purpose", d]),
    ...Array.from({ length: 16 }, (_, i) => ["category1", String(i + 1).padStart(2, "0")]),
    ...Array.from({ length: 60 }, (_, i) => ["category", `0${(i % 9) + 1}.${10 + i}`]),
    ["level", "county"],
    ["level", "skip"],
    ["repeat", ""],
    ...["onTime", "late", "open"].flatMap((d) => [
      ["acceptDue", d],
      ["replyDue", d],
      ["firstReplyDue", d],
    ]),
    ["evalEligible", "done"],
    ["evalEligible", "pending"],
    ["satUnit", "1"],
    ["satUnit", "0"],
    ["satOffice", "1"],
    ["satOffice", "0"],
    ["closed", "first"],
    ["closed", "reviewed"],
    ...Array.from({ length: 8 }, (_, i) => ["owned", `leader-${i}`]),
    ["supOpened", "phone"],
    ["supResolved", ""],
  ];
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);
  const rows: unknown[][] = [];
  for (const [key, dim] of keys) rows.push(["t:root", "y", "2025", key, dim, 1200, 1560]);
  for (const u of units) rows.push([`t:${u}`, "y", "2025", "received", "", 36, 48]);
  for (const month of months) {
    for (const [key, dim] of keys) rows.push(["t:root", "m", month, key, dim, 100, 130]);
    for (const u of units) {
      rows.push([`t:${u}`, "m", month, "received", "", 3, 4]);
      rows.push([`t:${u}`, "m", month, "channel", "visit", 3, 4]);
    }
  }
  // Day rows of the same year and other scopes: a year's question must not read them.
  for (let d = 0; d < 365; d++) {
    const day = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
    for (const [key, dim] of keys.slice(0, 10)) rows.push(["t:root", "d", day, key, dim, 3, 4]);
    rows.push(["u:root", "d", day, "received", "", 3, 4]);
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .prepare(
        `INSERT INTO stat_rollup (tenant_id, scope, grain, period, key, dim, n, m)
         SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
         FROM json_each(?2) WHERE 1 ON CONFLICT DO NOTHING`,
      )
      .bind(TENANT, JSON.stringify(rows.slice(i, i + 500)))
      .run();
  }
  return { units, keys, total: rows.length };
}

describe("a year of figures", () => {
  it("reads one rollup row per key in one batch, never the month or day rows", async () => {
    const seeded = await seedYear();
    expect(seeded.total).toBeGreaterThan(5_000);
    const year = { from: "2025-01-01", to: "2025-12-31" };
    let round = 0;
    const counted = {
      ...scope,
      d1: new Proxy(db, {
        get(target, prop, receiver) {
          if (prop === "batch") round++;
          if (prop === "exec") round++;
          const value = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
    };
    const rows = await readFigureRows(counted, {
      scope: "t:root",
      ranges: grainRanges(year),
      openRanges: grainRanges(year),
      childScopes: seeded.units.map((u) => `t:${u}`),
      sessionUnits: null,
      ...year,
    });
    expect(round).toBe(1);
    // Year rows: the keys, 3 open-due counts (absent here), 30 units, 8 leaders' names.
    const expected = seeded.keys.length + 30 + 8;
    console.info(
      `statistics cost: a year of county figures read ${rows.rowsRead} rows (${seeded.keys.length} key/dims, 30 units; ${seeded.total} rollup rows stored)`,
    );
    // D1 also counts the json_each rows of the unit list and each index step: allow twice.
    expect(rows.rowsRead).toBeLessThanOrEqual(expected * 2);
    // A from–to year (not a calendar one) reads its months and edge days: still small.
    const odd = await readFigureRows(scope, {
      scope: "t:root",
      ranges: grainRanges({ from: "2025-01-15", to: "2025-12-20" }),
      openRanges: [],
      childScopes: seeded.units.map((u) => `t:${u}`),
      sessionUnits: null,
      from: "2025-01-15",
      to: "2025-12-20",
    });
    console.info(`statistics cost: 15 Jan – 20 Dec read ${odd.rowsRead} rows`);
    // Its 37 edge days are read day by day: the price of an arbitrary range, still bounded.
    expect(odd.rowsRead).toBeLessThanOrEqual(3_000);
    const received = rows.sums.find((r) => r.key === "received");
    expect(received).toMatchObject({ n: 1200, m: 1560 });
    expect(rows.children).toHaveLength(30);
  });

  it("serves each rollup statement from the primary key", async () => {
    const year = { from: "2025-01-01", to: "2025-12-31" };
    const queries = figureQueries(TENANT, {
      scope: "t:root",
      ranges: grainRanges({ from: "2025-01-03", to: "2025-12-31" }),
      openRanges: grainRanges(year),
      childScopes: ["t:a", "t:b"],
      sessionUnits: ["a"],
      ...year,
    });
    for (const q of queries) {
      const { results } = await db
        .prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
        .bind(...q.binds)
        .all<{ detail: string }>();
      const text = results.map((r) => r.detail).join("\n");
      expect(text).not.toMatch(/SCAN (stat_rollup|r|reception_sessions|statistics_rebuilds)\b/);
      expect(text).toMatch(
        /SEARCH (stat_rollup|r|reception_sessions|statistics_rebuilds) USING (COVERING )?(INDEX|PRIMARY KEY)/,
      );
    }
  });
});

describe("the drill-down", () => {
  const viewer: Viewer = {
    staffId: "s1",
    unitId: "u1",
    unitSubtree: ["u1"],
    inCountyOffice: false,
  };
  const county: FigureScope = {
    kind: "county",
    unitId: "root",
    key: "t:root",
    units: null,
    children: [],
  };

  it("walks a day index of petition_stats and probes each case by primary key", async () => {
    // The backlog is listed from its own partial indexes (statistics-analysis.test.ts).
    for (const figure of DRILL_FIGURES.filter((f) => f !== "backlog")) {
      for (const figureScope of [county, { ...county, kind: "tree" as const, unitId: "u1" }]) {
        const { sql, params } = listFigureCases(scope, viewer, {
          figure,
          period: { from: "2025-01-01", to: "2025-12-31" },
          scope: figureScope,
          today: "2025-06-01",
          limit: 31,
        }).toSQL();
        const { results } = await db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all<{ detail: string }>();
        const text = results.map((r) => r.detail).join("\n");
        expect(text, figure).toMatch(
          /SEARCH petition_stats USING (COVERING )?INDEX petition_stats_\w+_idx/,
        );
        expect(text, figure).toMatch(/SEARCH petitions USING INDEX sqlite_autoindex_petitions_1/);
        expect(text, figure).not.toMatch(/SCAN petitions\b|SCAN petition_stats\b|TEMP B-TREE/);
      }
    }
  });
});

describe("the triggers", () => {
  it("upsert into a WITHOUT ROWID table, which the rebuild clears by primary key", async () => {
    const table = await db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'stat_rollup'")
      .first<{ sql: string }>();
    expect(table?.sql).toMatch(/WITHOUT ROWID$/);
    const plan = await db
      .prepare(`EXPLAIN QUERY PLAN ${CLEAR_ROLLUPS_SQL}`)
      .bind(TENANT)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join("\n");
    expect(details).toMatch(/SEARCH stat_rollup USING PRIMARY KEY \(tenant_id=\?/);
    expect(details).not.toMatch(/SCAN stat_rollup/);
  });

  it("are exactly the text the rebuild and the drill-down were written against", async () => {
    const { results } = await db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'stat_%' OR name LIKE 'petition_stats_%') ORDER BY name",
      )
      .all<{ name: string; sql: string }>();
    const expected = rollupTriggers()
      .map((t) => ({ name: /`(\w+)`/.exec(t)?.[1] ?? "", sql: t.replace(/;$/, "") }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(results.map((r) => r.name)).toEqual(expected.map((e) => e.name));
    for (const [i, row] of results.entries()) {
      expect(row.sql.replace(/;$/, "")).toBe(expected[i]?.sql);
    }
  });
});
