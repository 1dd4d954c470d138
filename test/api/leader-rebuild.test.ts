import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  LEADER_REBUILD_INSERTS,
  LEADER_REBUILD_PAGES,
} from "../../workers/storage/statistics/leader-rebuild.ts";
import { call } from "../support/client.ts";
import { act, setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession, tomorrowCst } from "../support/reception.ts";

/**
 * The per-leader counts (visits, 回访, 督办) rebuilt from their sources equal those the
 * triggers kept — even after the case's owner leader changed and the leader lost the role,
 * since 回访 and 督办 count for whoever the live triggers credited at the time.
 */

let county: TestCounty;
let date: string;
let today: string;
const petitions: string[] = [];

const REPLY = {
  request: "请求支付拖欠工资。",
  factsAndReasons: "经查属实。",
  decision: "责令于 15 日内支付。",
  legalBasis: "《保障农民工工资支付条例》。",
  outcome: "support",
};
const CLOSE = {
  factsClear: true,
  handled: true,
  fileComplete: true,
  petitionerOpinion: "表示满意。",
  method: "handled",
};

beforeAll(async () => {
  county = await setUpCounty("431202", "鹤城区");
  date = tomorrowCst(2);
  today = tomorrowCst(0);
  const session = await publishedSession(county, { date });
  const desk = <T>(path: string, body?: unknown) =>
    call<T & { number: number }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
      { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
    );
  for (const [name, headcount] of [
    ["王五", 1],
    ["赵六", 4],
  ] as const) {
    const t = await desk("check-in", { walkIn: { name } });
    expect((await desk("call-next")).body.number).toBe(t.body.number);
    const done = await desk<{ petition: { id: string } }>(`tickets/${t.body.number}/complete`, {
      purpose: "request",
      categoryCode: "06.02",
      headcount,
      facts: "工资拖欠。",
      demands: "请求支付。",
      petitioner: { name },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    petitions.push(done.body.petition.id);
  }
  // 批示督办 by the leader on the first case; the second (the leader's 包案) is closed and
  // followed up (回访).
  const opened = await call(`/api/v1/t/${county.code}/petitions/${petitions[0]}/supervision`, {
    token: county.people.leader.token,
    body: { form: "instruction", due: date },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const { clerk, handler, leader } = county.people;
  const id = petitions[1] ?? "";
  const steps: [string, string, Record<string, unknown>][] = [
    [clerk.token, "assign", { toUnitId: county.bureau, instructions: "请办理。", version: 1 }],
    [handler.token, "reply", REPLY],
    [leader.token, "sign-off", { note: "同意结案" }],
    [handler.token, "close", CLOSE],
    [leader.token, "follow-up", { note: "回访，已支付。" }],
  ];
  for (const [token, path, body] of steps) {
    const done = await act(county, token, id, path, body);
    expect(done.status, `${path}: ${JSON.stringify(done.body)}`).toBe(200);
  }
});

const snapshot = async () => {
  const { results } = await env.TENANT_DB_1.prepare(
    `SELECT scope, grain, period, key, leader_id, n, m FROM leader_rollup
     WHERE tenant_id = ? ORDER BY scope, grain, period, key, leader_id`,
  )
    .bind(county.code)
    .all();
  return results;
};

const rebuild = async () => {
  let cursor: string | undefined;
  let calls = 0;
  const rows: number[] = [];
  for (;;) {
    const step = await call<{ done: boolean; rows: number; nextCursor: string | null }>(
      `/api/v1/t/${county.code}/statistics/rebuild-leaders`,
      { token: county.adminToken, body: cursor ? { cursor } : {} },
    );
    expect(step.status, JSON.stringify(step.body)).toBe(200);
    calls++;
    rows.push(step.body.rows);
    if (step.body.done) break;
    cursor = step.body.nextCursor ?? undefined;
  }
  return { calls, rows };
};

describe("rebuildLeaderCounts", () => {
  it("keeps who each 回访 and 督办 counted for", async () => {
    const { results } = await env.TENANT_DB_1.prepare(
      "SELECT key, leader_id, unit_id, date FROM leader_credits WHERE tenant_id = ? ORDER BY key",
    )
      .bind(county.code)
      .all();
    // 回访 on the bureau's case today; 督办 on the office's case, opened today.
    expect(results).toEqual([
      { key: "followUps", leader_id: county.people.leader.id, unit_id: county.bureau, date: today },
      {
        key: "supervised",
        leader_id: county.people.leader.id,
        unit_id: county.office,
        date: today,
      },
    ]);
  });

  it("gives back exactly the counts the triggers kept, after the owner and role changed", async () => {
    const maintained = await snapshot();
    // Hand-worked, the county tree by year: 2 visits of 5 people on the reception day's year,
    // 1 回访 and 1 督办 this year.
    const county_ = (key: string, period: string) =>
      maintained.find(
        (r) =>
          r.scope === `t:${county.office}` &&
          r.grain === "y" &&
          r.key === key &&
          r.period === period,
      );
    expect(county_("visits", date.slice(0, 4))).toMatchObject({ n: 2, m: 5 });
    expect(county_("followUps", today.slice(0, 4))).toMatchObject({ n: 1, m: 0 });
    expect(county_("supervised", today.slice(0, 4))).toMatchObject({ n: 1, m: 0 });
    // 4 scopes (unit and its trees) × 3 grains per source: the bureau's 回访 has the
    // bureau's, its tree and the county's tree; what exists is what the triggers wrote.
    expect(maintained.length).toBeGreaterThan(12);

    // Later: the case is handed to another leader and the leader leaves the role; the counts
    // drift (a row lost, one wrong). The rebuild must still credit the leader as at the time.
    await env.TENANT_DB_1.batch([
      env.TENANT_DB_1.prepare(
        "UPDATE petitions SET owner_leader_id = ? WHERE tenant_id = ? AND id = ?",
      ).bind(county.people.townLeader.id, county.code, petitions[1]),
      env.TENANT_DB_1.prepare(
        `UPDATE staff SET roles = '["clerk"]' WHERE tenant_id = ? AND id = ?`,
      ).bind(county.code, county.people.leader.id),
      env.TENANT_DB_1.prepare(
        "DELETE FROM leader_rollup WHERE tenant_id = ? AND key = 'followUps' AND grain = 'd'",
      ).bind(county.code),
      env.TENANT_DB_1.prepare(
        "UPDATE leader_rollup SET n = 99 WHERE tenant_id = ? AND key = 'visits' AND grain = 'y'",
      ).bind(county.code),
    ]);
    expect(await snapshot()).not.toEqual(maintained);

    const refused = await call(`/api/v1/t/${county.code}/statistics/rebuild-leaders`, {
      token: county.people.supervisor.token,
      body: {},
    });
    expect(refused.status).toBe(403);

    // Clear, the two visits, the two credits.
    expect(await rebuild()).toEqual({ calls: 3, rows: [0, 2, 2] });
    expect(await snapshot()).toEqual(maintained);
    // Run again: the same, not doubled.
    await rebuild();
    expect(await snapshot()).toEqual(maintained);

    const { results } = await env.TENANT_DB_1.prepare(
      "SELECT detail FROM audit_log WHERE tenant_id = ? AND action = 'statistics.rebuildLeaders'",
    )
      .bind(county.code)
      .all();
    expect(results).toHaveLength(6);
  });

  it("rejects a forged cursor", async () => {
    const r = await call(`/api/v1/t/${county.code}/statistics/rebuild-leaders`, {
      token: county.adminToken,
      body: { cursor: btoa(JSON.stringify({ phase: "visits", session: 1 })) },
    });
    expect(r.status).toBe(422);
  });

  it("reads each page, and adds it, by its primary key range", async () => {
    const plan = async (sql: string, params: unknown[]) =>
      (
        await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all<{ detail: string }>()
      ).results
        .map((r) => r.detail)
        .join("\n");
    for (const [name, sql] of Object.entries(LEADER_REBUILD_PAGES)) {
      const text = await plan(sql, [county.code, "", ""]);
      expect(text, name).toMatch(
        /USING (COVERING )?INDEX sqlite_autoindex_\w+_1 \(tenant_id=\? AND \(/,
      );
      expect(text, name).not.toMatch(/TEMP B-TREE|SCAN/);
    }
    for (const [name, sql] of Object.entries(LEADER_REBUILD_INSERTS)) {
      const text = await plan(sql, [county.code, "", "", "~", "~"]);
      expect(text, name).toMatch(
        /SEARCH (reception_visits|leader_credits) USING (COVERING )?INDEX sqlite_autoindex_\w+_1 \(tenant_id=\? AND \(/,
      );
      expect(text, name).not.toMatch(/SCAN (reception_visits|leader_credits|units)/);
    }
  });
});
