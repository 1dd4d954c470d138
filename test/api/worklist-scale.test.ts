import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { claimHandOffStatement } from "../../workers/storage/deliveries.ts";
import {
  earlierCasesQueries,
  listVisiblePetitions,
  listVisiblePetitionsStatement,
  type PetitionFilter,
} from "../../workers/storage/petitions.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import type { Viewer } from "../../workers/storage/visibility.ts";
import { bulkPetitions, queryPlan } from "../support/bulk.ts";
import { call } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
const scope = () => openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
const CASES = 4000;

beforeAll(async () => {
  county = await setUpCounty("431227", "新晃侗族自治县");
  // Thousands of cases made by SQL, spread over the office, two townships and a bureau.
  await bulkPetitions({
    tenant: county.code,
    count: CASES,
    unitIds: [county.office, county.township, county.otherTownship, county.bureau],
    idHashes: true,
  });
});

const office = (): Viewer => ({
  staffId: county.people.clerk.id,
  unitId: county.office,
  unitSubtree: [county.office, county.township, county.otherTownship, county.bureau],
  inCountyOffice: true,
});
const township = (): Viewer => ({
  staffId: county.people.townClerk.id,
  unitId: county.township,
  unitSubtree: [county.township],
  inCountyOffice: false,
});

/** Runs the list's statement as D1 would, returning its rows, plan and D1's rows read. */
async function measure(viewer: Viewer, filter: Omit<PetitionFilter, "limit">, limit = 31) {
  const query = listVisiblePetitionsStatement(scope(), viewer, { ...filter, limit });
  const plan = await queryPlan(query.sql, ...query.params);
  const result = await env.TENANT_DB_1.prepare(query.sql)
    .bind(...query.params)
    .all<{ id: string; deadline_sort: number }>();
  return { rows: result.results, plan, rowsRead: result.meta.rows_read ?? 0 };
}

describe("the work list at thousands of cases", () => {
  const cases: [string, () => Viewer, Omit<PetitionFilter, "limit">, RegExp][] = [
    ["the county office", office, {}, /petitions_work_idx/],
    ["the county office by state", office, { status: "registered" }, /petitions_work_status_idx/],
    [
      "the county office, overdue",
      office,
      { overdueAt: new Date(Date.now() + 40 * 86_400_000) },
      /petitions_work_idx/,
    ],
    ["a unit filter", office, { unitId: "" }, /petitions_work_unit_idx/],
    ["a township", township, {}, /petitions_work_registering_idx/],
    [
      "a township with a unit below it",
      () => ({ ...township(), unitSubtree: [county.township, county.otherTownship] }),
      { overdueAt: new Date(Date.now() + 400 * 86_400_000) },
      /petitions_work_unit_idx/,
    ],
    [
      "a township by state",
      township,
      { status: "registered" },
      /petitions_work_registering_status_idx/,
    ],
  ];
  for (const [name, viewer, filter, index] of cases) {
    it(`reads about the rows it returns: ${name}`, async () => {
      const resolved = filter.unitId === "" ? { ...filter, unitId: county.bureau } : filter;
      const first = await measure(viewer(), resolved);
      expect(first.plan).toMatch(index);
      expect(first.plan).not.toMatch(/TEMP B-TREE/);
      expect(first.rows).toHaveLength(31);
      console.log(`${name}: ${first.rowsRead} rows read for ${first.rows.length}`);
      expect(first.rowsRead).toBeLessThanOrEqual(2 * first.rows.length + 10);
      const last = first.rows.at(-1);
      if (!last) throw new Error("empty page");
      const next = await measure(viewer(), {
        ...resolved,
        after: { at: last.deadline_sort, id: last.id },
      });
      expect(next.rows).toHaveLength(31);
      expect(next.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
      expect(next.rowsRead).toBeLessThanOrEqual(2 * next.rows.length + 10);
    });
  }

  it("still lists a larger subtree right, past D1's five compound terms", async () => {
    const subtree = [county.township, county.otherTownship, county.bureau];
    const viewer = { ...township(), unitSubtree: subtree };
    const rows = await listVisiblePetitions(scope(), viewer, { limit: 60 });
    expect(rows).toHaveLength(60);
    for (const row of rows) expect(subtree).toContain(row.responsibleUnitId);
    const sorted = [...rows].sort(
      (a, b) => (a.deadlineSort ?? 0) - (b.deadlineSort ?? 0) || (a.id < b.id ? -1 : 1),
    );
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });

  it("pages through a township's cases over the API in order, each case once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const reply: {
        status: number;
        body: { items: { id: string; responsibleUnitId: string }[]; nextCursor: string | null };
      } = await call(
        `/api/v1/t/${county.code}/petitions?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token: county.people.townClerk.token },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.items).toHaveLength(50);
      for (const item of reply.body.items) expect(item.responsibleUnitId).toBe(county.township);
      seen.push(...reply.body.items.map((i) => i.id));
      cursor = reply.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(150);
  });
});

describe("repeat detection at thousands of cases", () => {
  it("reads the person's own cases of the category on its index, not the county's", async () => {
    const [byId, byPhone] = earlierCasesQueries(
      scope(),
      {
        idHash: "h5",
        phoneHash: "nobody",
        categoryCode: "01.01",
      },
      "all",
    );
    if (!byId || !byPhone) throw new Error("no query");
    const phone = byPhone.toSQL();
    expect(await queryPlan(phone.sql, ...phone.params)).toBe(
      "SEARCH petitions USING INDEX petitions_repeat_phone_idx (tenant_id=? AND phone_hash=? AND category_code=?)",
    );
    const built = byId.toSQL();
    expect(await queryPlan(built.sql, ...built.params)).toBe(
      "SEARCH petitions USING INDEX petitions_repeat_id_idx (tenant_id=? AND id_hash=? AND category_code=?)",
    );
    const result = await env.TENANT_DB_1.prepare(built.sql)
      .bind(...built.params)
      .all();
    // 4,000 cases of 97 people: this one has about 41 of them.
    expect(result.results.length).toBeGreaterThan(30);
    console.log(`repeat check: ${result.meta.rows_read} rows read for ${result.results.length}`);
    expect(result.meta.rows_read).toBeLessThanOrEqual(2 * result.results.length + 10);
  });
});

describe("registration's reads at thousands of cases", () => {
  it("tells the clerk which earlier cases they may see without leaving the person's index range", async () => {
    const [byId] = earlierCasesQueries(
      scope(),
      { idHash: "h5", phoneHash: null, categoryCode: "01.01" },
      "all",
      township(),
    );
    if (!byId) throw new Error("no query");
    const built = byId.toSQL();
    const plan = await queryPlan(built.sql, ...built.params);
    expect(plan.split("\n")[0]).toBe(
      "SEARCH petitions USING INDEX petitions_repeat_id_idx (tenant_id=? AND id_hash=? AND category_code=?)",
    );
    expect(plan).not.toMatch(/SCAN petitions/);
    const result = await env.TENANT_DB_1.prepare(built.sql)
      .bind(...built.params)
      .all<{ id: string; shown: number }>();
    const shown = result.results.filter((r) => r.shown === 1).map((r) => r.id);
    // The column is the rule itself: the same cases the township's own read returns.
    const [own] = earlierCasesQueries(
      scope(),
      { idHash: "h5", phoneHash: null, categoryCode: "01.01" },
      township(),
    );
    if (!own) throw new Error("no query");
    const visible = (await own).map((r) => r.id);
    expect(shown.sort()).toEqual(visible.sort());
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(result.results.length);
  });

  it("takes the outbox's hand-off on its index, never through every delivery", async () => {
    const now = new Date();
    const built = claimHandOffStatement(
      scope(),
      now,
      new Date(now.getTime() - 900_000),
      50,
    ).toSQL();
    const plan = await queryPlan(built.sql, ...built.params);
    expect(plan).toMatch(/deliveries_outbox_idx \(tenant_id=\? AND status=\? AND enqueued_at=\?\)/);
    expect(plan).toMatch(/deliveries_outbox_idx \(tenant_id=\? AND status=\? AND enqueued_at<\?\)/);
    expect(plan).not.toMatch(/SCAN deliveries|deliveries_tenant_created_idx/);
  });
});
