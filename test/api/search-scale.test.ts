import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { matchExpression } from "../../workers/domain/search/tokens.ts";
import {
  browse,
  type SearchFilter,
  searchByKey,
  searchText,
} from "../../workers/storage/search.ts";
import { casesAfter, UNINDEXED_SQL } from "../../workers/storage/search-reindex.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import type { Viewer } from "../../workers/storage/visibility.ts";

/**
 * A search reads in proportion to what it returns, not to the county's history: measured
 * with D1's own rows_read on a county of a few thousand cases, and held to the budget the
 * issue sets for 100,000 (≤ 5 × rows returned + 100), with SQLite's query plans.
 */
const TENANT = "431298";
const CASES = 3000;
const scope = openTenantScope(env, { code: TENANT, shard: "TENANT_DB_1" });
const office: Viewer = {
  staffId: "s-office",
  unitId: "u-office",
  unitSubtree: ["u-office"],
  inCountyOffice: true,
};
const township: Viewer = {
  staffId: "s-town",
  unitId: "u-3",
  unitSubtree: ["u-3"],
  inCountyOffice: false,
};
const NOW = Date.UTC(2026, 10, 1);

type Query = { toSQL(): { sql: string; params: unknown[] } };
async function measure(query: Query) {
  const { sql, params } = query.toSQL();
  const result = await env.TENANT_DB_1.prepare(sql)
    .bind(...params)
    .all();
  const plan = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return {
    rows: result.results.length,
    read: result.meta.rows_read,
    plan: plan.results.map((r) => r.detail).join("\n"),
  };
}
const budget = (rows: number) => 5 * rows + 100;

beforeAll(async () => {
  // Cases i = 1..CASES: every 10th about wages, every 100th in 卢峰镇; units u-0..u-9;
  // owner leader "s-leader" on every 50th; deadlines spread around NOW.
  await env.TENANT_DB_1.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO petitions (id, tenant_id, tracking_code, version, status, channel, purpose, category_code,
       confidential, received_on, registered_at, registering_unit_id, responsible_unit_id, owner_leader_id,
       headcount, anonymous, material, attachments, flags, deadlines, next_deadline_at, search_rowid,
       created_at, updated_at)
     SELECT 'p' || i, ?, 'T' || i, 1, CASE WHEN i % 7 = 0 THEN 'closed' ELSE 'accepted' END, 'visit', 'request', '06.02',
       CASE WHEN i % 13 = 0 THEN 1 ELSE 0 END, '2026-01-01', ? + i * 60000, 'u-' || (i % 10), 'u-' || (i % 10),
       CASE WHEN i % 50 = 0 THEN 's-leader' ELSE NULL END,
       1, 0, '{"facts":"x","demands":"y"}', '[]', '{"firstPetition":true}', '{}',
       CASE WHEN i % 7 = 0 THEN NULL ELSE ? + (i - ?) * 3600000 END, (? + i * 60000) * 1000, ?, ?
     FROM n`,
  )
    .bind(CASES, TENANT, NOW - CASES * 60000, NOW, CASES / 2, NOW - CASES * 60000, NOW, NOW)
    .run();
  await env.TENANT_DB_1.prepare(
    `INSERT INTO case_search (rowid, body)
     SELECT search_rowid,
       'c${TENANT}道路 c${TENANT}修复' ||
       CASE WHEN CAST(substr(id, 2) AS INTEGER) % 10 = 0 THEN ' c${TENANT}拖欠 c${TENANT}欠工 c${TENANT}工资' ELSE '' END ||
       CASE WHEN CAST(substr(id, 2) AS INTEGER) % 100 = 0 THEN ' c${TENANT}卢峰 c${TENANT}峰镇' ELSE '' END
     FROM petitions WHERE tenant_id = ?`,
  )
    .bind(TENANT)
    .run();
});

const text = (q: string) => {
  const terms = matchExpression(TENANT, q);
  if (!terms.ok) throw new Error(terms.reason);
  return terms.match;
};

describe(`search at ${CASES} cases`, () => {
  it("reads within budget for words, newest first from the index", async () => {
    const figures: Record<string, unknown> = {};
    for (const [name, viewer, q] of [
      ["工资 (1 in 10), office", office, "工资"],
      ["卢峰镇 (1 in 100), office", office, "卢峰镇"],
      ["道路 (every case), office", office, "道路"],
      ["工资, township", township, "工资"],
    ] as const) {
      const m = await measure(searchText(scope, viewer, text(q), {}, undefined, 31));
      figures[name] = { rows: m.rows, rowsRead: m.read };
      expect(m.plan, name).not.toMatch(/USE TEMP B-TREE/);
      expect(m.plan, name).toMatch(/SCAN case_search VIRTUAL TABLE/);
      if (viewer === office) expect(m.read, name).toBeLessThanOrEqual(budget(m.rows));
    }
    console.info("search rows read:", JSON.stringify(figures));
  });

  it("finds by key through its index", async () => {
    const m = await measure(searchByKey(scope, office, "trackingCode", "T1500", {}));
    expect(m.rows).toBe(1);
    expect(m.read).toBeLessThanOrEqual(budget(1));
    expect(m.plan).toMatch(/USING INDEX petitions_tenant_tracking_uq/);
    const byName = await measure(searchByKey(scope, office, "name", "h", {}));
    expect(byName.plan).toMatch(/USING INDEX petitions_tenant_name_hash_idx/);
  });

  it("serves each filter from its own index, newest or oldest first, within budget", async () => {
    const figures: Record<string, unknown> = {};
    const day = (ms: number) => new Date(ms);
    const filters: [string, SearchFilter, RegExp][] = [
      ["status", { status: "closed" }, /petitions_filter_status_idx/],
      ["channel", { channel: "visit" }, /petitions_filter_channel_idx/],
      ["purpose", { purpose: "request" }, /petitions_filter_purpose_idx/],
      ["category", { categoryCode: "06.02" }, /petitions_filter_category_idx/],
      ["class", { categoryCode: "06" }, /petitions_filter_class_idx/],
      ["unit", { unitId: "u-3" }, /petitions_filter_unit_idx/],
      ["owner", { ownerLeaderId: "s-leader" }, /petitions_filter_owner_idx/],
      ["repeat", { repeat: "repeat" }, /petitions_filter_repeat_idx/],
      ["first", { repeat: "first" }, /petitions_filter_first_idx/],
      ["from above", { fromAbove: true }, /petitions_filter_above_idx/],
      ["own", { fromAbove: false }, /petitions_tenant_source_idx/],
      [
        "dates",
        { registeredFrom: day(NOW - 2000 * 60000), registeredBefore: day(NOW - 1000 * 60000) },
        /petitions_tenant_registered_idx \(tenant_id=\? AND registered_at>\? AND registered_at<\?\)/,
      ],
      [
        "unit and dates",
        { unitId: "u-3", registeredFrom: day(NOW - 2000 * 60000) },
        /petitions_filter_unit_idx \(tenant_id=\? AND responsible_unit_id=\? AND registered_at>\?\)/,
      ],
    ];
    for (const [name, filter, index] of filters) {
      for (const order of ["newest", "oldest"] as const) {
        const m = await measure(browse(scope, office, order, filter, {}, undefined, 31));
        figures[`${name} ${order}`] = { rows: m.rows, rowsRead: m.read };
        expect(m.plan, name).toMatch(index);
        expect(m.plan, name).not.toMatch(/USE TEMP B-TREE/);
        expect(m.read, name).toBeLessThanOrEqual(budget(m.rows));
      }
    }
    console.info("filter rows read:", JSON.stringify(figures));
    // A later page starts at its cursor: it reads its own rows, not the pages before it.
    const first = await browse(scope, office, "newest", { unitId: "u-3" }, {}, undefined, 31);
    const last = first.at(-1);
    if (!last) throw new Error("empty page");
    const deep = await measure(
      browse(
        scope,
        office,
        "newest",
        { unitId: "u-3" },
        {},
        // 200 of the unit's cases further down (one in ten cases is the unit's, a minute apart).
        { at: (last.petition.registeredAt as Date).getTime() - 200 * 10 * 60000, row: 0 },
        31,
      ),
    );
    expect(deep.rows).toBe(31);
    console.info(`a page 200 cases down: ${deep.read} rows read for ${deep.rows}`);
    expect(deep.read).toBeLessThanOrEqual(2 * deep.rows + 10);
  });

  it("re-indexes from indexes: the unindexed cases, and a job's next page", async () => {
    const unindexed = await measure({
      toSQL: () => ({ sql: UNINDEXED_SQL, params: [TENANT, 40] }),
    });
    expect(unindexed.plan).toMatch(/USING INDEX petitions_unindexed_idx/);
    expect(unindexed.plan).not.toMatch(/TEMP B-TREE/);
    expect(unindexed.read).toBe(0);
    const page = await measure(casesAfter(scope, { at: NOW - 1000 * 60000, row: 2000 }, 250));
    expect(page.plan).toMatch(/USING INDEX petitions_tenant_registered_idx/);
    expect(page.plan).not.toMatch(/TEMP B-TREE/);
    expect(page.rows).toBe(250);
    expect(page.read).toBeLessThanOrEqual(budget(page.rows));
  });

  it("browses and serves the work lists from indexes, within budget", async () => {
    const figures: Record<string, unknown> = {};
    const cases = {
      newest: browse(scope, office, "newest", {}, {}, undefined, 31),
      deadline: browse(scope, office, "deadline", {}, {}, undefined, 31),
      mine: browse(scope, office, "deadline", {}, { ownerLeaderId: "s-leader" }, undefined, 31),
      unitOverdue: browse(
        scope,
        office,
        "deadline",
        {},
        { unitId: "u-3", deadlineBefore: new Date(NOW) },
        undefined,
        31,
      ),
      toReview: browse(scope, office, "oldest", {}, { awaitingReport: true }, undefined, 31),
      dueSoon: browse(
        scope,
        office,
        "deadline",
        {},
        { deadlineFrom: new Date(NOW), deadlineBefore: new Date(NOW + 3 * 86_400_000) },
        undefined,
        31,
      ),
      dueThisWeek: browse(
        scope,
        office,
        "deadline",
        {},
        { deadlineFrom: new Date(NOW), deadlineBefore: new Date(NOW + 7 * 86_400_000) },
        undefined,
        31,
      ),
      unitDueThisWeek: browse(
        scope,
        office,
        "deadline",
        {},
        {
          unitId: "u-3",
          deadlineFrom: new Date(NOW),
          deadlineBefore: new Date(NOW + 7 * 86_400_000),
        },
        undefined,
        31,
      ),
      // A later page of it starts at its cursor in the same index.
      unitDueThisWeekNext: browse(
        scope,
        office,
        "deadline",
        {},
        {
          unitId: "u-3",
          deadlineFrom: new Date(NOW),
          deadlineBefore: new Date(NOW + 7 * 86_400_000),
        },
        { at: NOW + 3 * 86_400_000, row: 0 },
        31,
      ),
    };
    const indexes: Record<keyof typeof cases, RegExp> = {
      newest: /petitions_tenant_registered_idx/,
      deadline: /petitions_tenant_deadline_idx/,
      mine: /petitions_tenant_owner_deadline_idx/,
      unitOverdue: /petitions_tenant_unit_deadline_idx/,
      toReview: /petitions_awaiting_report_idx/,
      dueSoon: /petitions_tenant_deadline_idx/,
      dueThisWeek: /petitions_tenant_deadline_idx/,
      unitDueThisWeek: /petitions_tenant_unit_deadline_idx/,
      unitDueThisWeekNext: /petitions_tenant_unit_deadline_idx/,
    };
    for (const [name, query] of Object.entries(cases) as [keyof typeof cases, Query][]) {
      const m = await measure(query);
      figures[name] = { rows: m.rows, rowsRead: m.read };
      expect(m.plan, name).toMatch(indexes[name]);
      expect(m.plan, name).not.toMatch(/USE TEMP B-TREE/);
      expect(m.read, name).toBeLessThanOrEqual(budget(m.rows));
      // A unit's week reads its own cases only, from its cursor: not the county's week.
      if (name.startsWith("unitDueThisWeek")) expect(m.read, name).toBeLessThanOrEqual(m.rows + 2);
    }
    console.info("browse rows read:", JSON.stringify(figures));
  });
});
