import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, cstDate } from "../../workers/domain/deadlines/index.ts";
import { runStatisticsRebuilds } from "../../workers/domain/statistics/rebuild-job.ts";
import { rebuildStep } from "../../workers/storage/statistics/rebuild.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { bulkPetitions } from "../support/bulk.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * A rebuild is filed, never run in a request or a migration: the cron carries it out a few
 * bounded steps at a time, per county, and the rollups it gives back are the ones the
 * triggers kept.
 */
let county: TestCounty;
let other: TestCounty;
const T = cstDate(new Date());
const db = env.TENANT_DB_1;

const snapshot = async (tenant: string) => {
  const { results } = await db
    .prepare(
      `SELECT scope, grain, period, key, dim, n, m FROM stat_rollup
       WHERE tenant_id = ? AND (n <> 0 OR m <> 0) ORDER BY scope, grain, period, key, dim`,
    )
    .bind(tenant)
    .all();
  return results;
};

const job = (tenant: string) =>
  db.prepare("SELECT * FROM statistics_rebuilds WHERE tenant_id = ?").bind(tenant).first<{
    phase: string;
    after_id: string;
    steps: number;
    failures: number;
    last_error: string | null;
  }>();

const figures = (c: TestCounty) =>
  call<{ rebuilding: boolean; batches: number }>(
    `/api/v1/t/${c.code}/statistics?month=${T.slice(0, 7)}`,
    { token: c.people.supervisor.token },
  );

const requestRebuild = (c: TestCounty, token = c.adminToken) =>
  call<{ requestedAt: string }>(`/api/v1/t/${c.code}/statistics/rebuild`, { token, body: {} });

beforeAll(async () => {
  county = await setUpCounty("431225", "会同县");
  other = await setUpCounty("431226", "麻阳县");
  const { clerk } = county.people;
  const a = await register(county, clerk.token, { receivedAt: addCalendarDays(T, -20) });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  expect((await act(county, clerk.token, a.body.id, "accept", { version: 1 })).status).toBe(200);
  const b = await register(county, clerk.token, { headcount: 3 });
  expect(b.status).toBe(201);
  // Enough cases for several pages of the rebuild (100 a page), spread over the units.
  await bulkPetitions({
    tenant: county.code,
    count: 250,
    unitIds: [county.office, county.bureau, county.township, county.otherTownship],
  });
  await db
    .prepare(
      `INSERT INTO supervisions (id, tenant_id, petition_id, deadline_key, due, unit_id, status, form, history, opened_at, updated_at)
       VALUES ('sup-r1', ?, ?, 'accept', ?, ?, 'open', 'phone', '[]', ?, ?)`,
    )
    .bind(county.code, b.body.id, addCalendarDays(T, -15), county.office, Date.now(), Date.now())
    .run();
  const o = await register(other, other.people.clerk.token, {});
  expect(o.status).toBe(201);
});

describe("rebuildStatistics", () => {
  it("files a rebuild that the cron finishes in bounded steps, giving back the rollups the triggers kept", async () => {
    const maintained = await snapshot(county.code);
    expect(maintained.length).toBeGreaterThan(50);
    expect((await figures(county)).body.rebuilding).toBe(false);

    expect((await requestRebuild(county, county.people.supervisor.token)).status).toBe(403);
    const filed = await requestRebuild(county);
    expect(filed.status, JSON.stringify(filed.body)).toBe(202);
    expect(await job(county.code)).toMatchObject({ phase: "clear", after_id: "", steps: 0 });
    // Filing does no work: the figures stand, and say they are being rebuilt.
    expect(await snapshot(county.code)).toEqual(maintained);
    const during = await figures(county);
    expect(during.status).toBe(200);
    expect(during.body.rebuilding).toBe(true);
    expect((await figures(other)).body.rebuilding).toBe(false);

    // One step a run: clear, three pages of cases (252), the supervisions.
    const phases: string[] = [];
    let runs = 0;
    for (; runs < 20; runs++) {
      const row = await job(county.code);
      if (!row) break;
      phases.push(row.phase);
      const report = await runStatisticsRebuilds(env, new Date(), { stepsPerCounty: 1 });
      expect(report).toMatchObject({ failed: 0, steps: 1 });
    }
    expect(phases).toEqual(["clear", "cases", "cases", "cases", "supervisions"]);
    expect(runs).toBe(5);
    expect(await snapshot(county.code)).toEqual(maintained);
    const after = await figures(county);
    expect(after.body.rebuilding).toBe(false);
    expect(after.body.batches).toBeGreaterThan(0);

    const { results } = await db
      .prepare(
        "SELECT action, actor_id AS actor FROM audit_log WHERE tenant_id = ? AND action LIKE 'statistics.rebuild%' ORDER BY at",
      )
      .bind(county.code)
      .all<{ action: string; actor: string | null }>();
    expect(results.map((r) => r.action)).toEqual([
      "statistics.rebuild_request",
      ...Array(5).fill("statistics.rebuild"),
    ]);
  });

  it("starts over when asked again midway, and never counts a page twice", async () => {
    const maintained = await snapshot(county.code);
    expect((await requestRebuild(county)).status).toBe(202);
    await runStatisticsRebuilds(env, new Date(), { stepsPerCounty: 2 });
    const midway = await job(county.code);
    expect(midway).toMatchObject({ phase: "cases", steps: 2 });
    // A run that still holds the old cursor (an overlapping one) changes nothing.
    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    const stale = await rebuildStep(scope, { phase: "cases", after: "" }, new Date());
    expect(stale.cases).toBe(0);
    expect(await job(county.code)).toEqual(midway);
    expect((await requestRebuild(county)).status).toBe(202);
    expect(await job(county.code)).toMatchObject({ phase: "clear", steps: 0 });
    const report = await runStatisticsRebuilds(env, new Date());
    expect(report).toMatchObject({ finished: 1, failed: 0, steps: 5 });
    expect(await job(county.code)).toBeNull();
    expect(await snapshot(county.code)).toEqual(maintained);
  });

  it("goes on with the other counties when one county's rebuild fails", async () => {
    const mine = await snapshot(county.code);
    const theirs = await snapshot(other.code);
    expect(theirs.length).toBeGreaterThan(0);
    // The other county fails at its cases, as a broken shard row would make it.
    await db
      .prepare(
        `CREATE TRIGGER test_rebuild_fails BEFORE UPDATE OF rebuild_gen ON petition_stats
         WHEN new.tenant_id = '${other.code}' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      )
      .run();
    try {
      expect((await requestRebuild(other)).status).toBe(202);
      expect((await requestRebuild(county)).status).toBe(202);
      const report = await runStatisticsRebuilds(env, new Date());
      expect(report).toMatchObject({ failed: 1, finished: 1 });
      expect(await job(county.code)).toBeNull();
      expect(await snapshot(county.code)).toEqual(mine);
      const failed = await job(other.code);
      expect(failed).toMatchObject({ phase: "cases", failures: 1 });
      expect(failed?.last_error).toContain("boom");
      expect((await figures(other)).body.rebuilding).toBe(true);
    } finally {
      await db.prepare("DROP TRIGGER test_rebuild_fails").run();
    }
    // The next run takes it up again from its cursor.
    const again = await runStatisticsRebuilds(env, new Date());
    expect(again).toMatchObject({ failed: 0, finished: 1 });
    expect(await job(other.code)).toBeNull();
    expect(await snapshot(other.code)).toEqual(theirs);
  });

  it("is filed by migration 0012 for every county of the shard, and the cron finishes them", async () => {
    const mine = await snapshot(county.code);
    const theirs = await snapshot(other.code);
    const migration = env.TENANT_MIGRATIONS.find((m) => m.name.startsWith("0012_"));
    const seed = migration?.queries.at(-1) ?? "";
    expect(seed).toMatch(/^(--.*\n)*INSERT INTO `statistics_rebuilds`/);
    // What the migration does on a shard whose counties already have cases.
    await db.prepare(seed).run();
    expect(await job(county.code)).toMatchObject({ phase: "clear" });
    expect(await job(other.code)).toMatchObject({ phase: "clear" });
    expect((await figures(county)).body.rebuilding).toBe(true);
    for (let run = 0; run < 5; run++) await runStatisticsRebuilds(env, new Date());
    expect(await job(county.code)).toBeNull();
    expect(await job(other.code)).toBeNull();
    expect(await snapshot(county.code)).toEqual(mine);
    expect(await snapshot(other.code)).toEqual(theirs);
  });

  it("counts cases changed, added and supervised while it runs exactly once", async () => {
    const { clerk } = county.people;
    expect((await requestRebuild(county)).status).toBe(202);
    const step = () => runStatisticsRebuilds(env, new Date(), { stepsPerCounty: 1 });
    const touch = () =>
      db
        .prepare(
          `UPDATE petitions SET headcount = headcount + 1, updated_at = updated_at + 1
           WHERE tenant_id = ? AND id IN (?, ?, ?)`,
        )
        .bind(county.code, `${county.code}-7`, `${county.code}-150`, `${county.code}-99`)
        .run();
    // While clearing: a new case, and changes to cases.
    const fresh = await register(county, clerk.token, { headcount: 2 });
    expect(fresh.status).toBe(201);
    await touch();
    await step();
    // With a page of cases re-added: changes behind and ahead of the cursor, a new case.
    await step();
    await touch();
    expect((await register(county, clerk.token, {})).status).toBe(201);
    await db
      .prepare(
        `INSERT INTO supervisions (id, tenant_id, petition_id, deadline_key, due, unit_id, status, form, history, opened_at, updated_at)
         VALUES ('sup-r2', ?, ?, 'accept', ?, ?, 'open', 'leader', '[]', ?, ?)`,
      )
      .bind(
        county.code,
        fresh.body.id,
        addCalendarDays(T, -1),
        county.office,
        Date.now(),
        Date.now(),
      )
      .run();
    for (let run = 0; run < 10 && (await job(county.code)); run++) await step();
    expect(await job(county.code)).toBeNull();
    const meanwhile = await snapshot(county.code);
    // A rebuild with nothing going on gives the very same sums.
    expect((await requestRebuild(county)).status).toBe(202);
    await runStatisticsRebuilds(env, new Date());
    expect(await job(county.code)).toBeNull();
    expect(await snapshot(county.code)).toEqual(meanwhile);
    expect(meanwhile).not.toEqual([]);
  });
});
