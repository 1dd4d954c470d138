import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  closedFromVisits,
  leaderReceptionDays,
  listVisibleVisits,
} from "../../workers/storage/reception-visits.ts";
import { figureQueries } from "../../workers/storage/statistics/figures.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call } from "../support/client.ts";
import { act, setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession, tomorrowCst } from "../support/reception.ts";
import { readSheet } from "../support/xlsx.ts";

/**
 * Visits made at the desk land in the register, count per leader, and come out as the two
 * quarterly sheets — every number below worked by hand from the visits made here.
 */

let county: TestCounty;
let date: string;
let today: string;
/** The quarter of the reception day, and whether today (cases registered, 督办) falls in it too. */
let quarter: string;
let sameQuarter: boolean;
const quarterOf = (day: string) =>
  `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const petitions: string[] = [];

beforeAll(async () => {
  county = await setUpCounty("431281", "洪江市");
  date = tomorrowCst(2);
  today = tomorrowCst(0);
  quarter = quarterOf(date);
  sameQuarter = quarterOf(today) === quarter;
  const session = await publishedSession(county, { date });
  const desk = <T>(path: string, body?: unknown) =>
    call<T & { number: number }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
      { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
    );
  const visits = [
    {
      name: "张三",
      body: {
        purpose: "request",
        categoryCode: "14.02",
        facts: "征地补偿未到位。",
        demands: "请求补偿。",
        handling: "=现场答复：转县自然资源局核实",
      },
    },
    {
      name: "李四",
      body: {
        purpose: "suggestion",
        categoryCode: "06.02",
        headcount: 3,
        facts: "工资拖欠。",
        demands: "请求支付。",
      },
    },
  ];
  for (const v of visits) {
    const t = await desk("check-in", { walkIn: { name: v.name } });
    expect((await desk("call-next")).body.number).toBe(t.body.number);
    const done = await desk<{ petition: { id: string } }>(`tickets/${t.body.number}/complete`, {
      ...v.body,
      petitioner: { name: v.name },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    petitions.push(done.body.petition.id);
  }
});

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

const raw = (path: string, token: string) =>
  exports.default.fetch(`https://lianxin.test/api/v1/t/${county.code}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe("the visit record", () => {
  it("keeps one row per visit, the petitioner sealed", async () => {
    const { results } = await env.TENANT_DB_1.prepare(
      "SELECT * FROM reception_visits WHERE tenant_id = ? ORDER BY ticket_number",
    )
      .bind(county.code)
      .all<Record<string, unknown>>();
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({
      date,
      leader_id: county.people.leader.id,
      headcount: 1,
      purpose: "request",
      category_code: "14.02",
      summary: "征地补偿未到位。 诉求：请求补偿。",
      handling: "=现场答复：转县自然资源局核实",
      petition_id: petitions[0],
    });
    expect(results[1]).toMatchObject({ headcount: 3, handling: null });
    expect(JSON.stringify(results)).not.toContain("张三");
    expect(JSON.stringify(results)).not.toContain("李四");
  });
});

describe("per-leader counts", () => {
  it("counts sessions, visits, persons, owned, supervised and follow-ups by hand", async () => {
    // 批示督办 by the leader on the first visit's case: one case supervised.
    const opened = await call(`/api/v1/t/${county.code}/petitions/${petitions[0]}/supervision`, {
      token: county.people.leader.token,
      body: { form: "instruction", due: date },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    // The second case (the leader's 包案) goes the whole way and is followed up (回访) today.
    const id = petitions[1] ?? "";
    const { clerk, handler, leader } = county.people;
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
    const stats = await call<{ leaders: Record<string, unknown>[] }>(
      `/api/v1/t/${county.code}/statistics?from=${today}&to=${date}`,
      { token: county.people.supervisor.token },
    );
    expect(stats.status).toBe(200);
    expect(stats.body.leaders).toEqual([
      {
        leaderId: county.people.leader.id,
        name: expect.any(String),
        sessions: 1,
        visits: 2,
        visitors: 4,
        casesOwned: 2,
        casesSupervised: 1,
        followUps: 1,
      },
    ]);
    // The township's own figures have none of the office's visits.
    const town = await call<{ leaders: unknown[] }>(
      `/api/v1/t/${county.code}/statistics?from=${today}&to=${date}`,
      { token: county.people.townClerk.token },
    );
    expect(town.body.leaders).toEqual([]);
  });

  it("shows the leader their reception days with their counts", async () => {
    const mine = await call<{ items: unknown[] }>(`/api/v1/t/${county.code}/reception/my-days`, {
      token: county.people.leader.token,
    });
    expect(mine.body.items).toEqual([
      { date, sessionId: expect.any(String), visits: 2, persons: 4 },
    ]);
    const notMine = await call<{ items: unknown[] }>(`/api/v1/t/${county.code}/reception/my-days`, {
      token: county.people.townLeader.token,
    });
    expect(notMine.body.items).toEqual([]);
  });
});

describe("the quarterly sheets", () => {
  it("writes the register with Chinese headers, formula-safe, names for who must contact", async () => {
    const res = await raw(
      `/statistics/reception-register?quarter=${quarter}`,
      county.people.clerk.token,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(".xlsx");
    const sheet = readSheet(await res.arrayBuffer());
    expect(sheet.name).toBe("来访登记表");
    expect(sheet.rows[0]).toEqual([
      "序号",
      "接访日期",
      "接访领导",
      "职务",
      "来访人",
      "来访人数",
      "信访目的",
      "内容分类",
      "来访事由",
      "处理意见",
      "登记查询码",
      "办理情况",
    ]);
    expect(sheet.rows).toHaveLength(3);
    const [first, second] = sheet.rows.slice(1);
    expect(first?.slice(0, 2)).toEqual(["1", date]);
    expect(first?.[4]).toBe("张三");
    expect(first?.[6]).toBe("求决");
    expect(first?.[8]).toBe("征地补偿未到位。 诉求：请求补偿。");
    // A cell a spreadsheet would run as a formula stays text.
    expect(first?.[9]).toBe("'=现场答复：转县自然资源局核实");
    expect(second?.[4]).toBe("李四");
    expect(second?.[5]).toBe("3");

    // The supervisor may export but does not contact petitioners: masked names.
    const masked = readSheet(
      await (
        await raw(
          `/statistics/reception-register?quarter=${quarter}`,
          county.people.supervisor.token,
        )
      ).arrayBuffer(),
    );
    expect(masked.rows.slice(1).map((r) => r[4])).toEqual(["张*", "李*"]);

    const { results } = await env.TENANT_DB_1.prepare(
      "SELECT detail FROM audit_log WHERE tenant_id = ? AND action = 'reception.register.export'",
    )
      .bind(county.code)
      .all<{ detail: string }>();
    expect(results).toHaveLength(2);
    expect(JSON.parse(results[0]?.detail ?? "{}")).toMatchObject({ rows: 2 });
  });

  it("writes the statistics sheet per leader with a total", async () => {
    // The 职务 the visits recorded on the day, not the leader's present one.
    await env.TENANT_DB_1.prepare(
      "UPDATE reception_visits SET leader_position = '县委副书记' WHERE tenant_id = ?",
    )
      .bind(county.code)
      .run();
    await env.TENANT_DB_1.prepare(
      "UPDATE staff SET position = '县长' WHERE tenant_id = ? AND id = ?",
    )
      .bind(county.code, county.people.leader.id)
      .run();
    const res = await raw(
      `/statistics/reception-statistics?quarter=${quarter}`,
      county.people.supervisor.token,
    );
    expect(res.status).toBe(200);
    const sheet = readSheet(await res.arrayBuffer());
    expect(sheet.name).toBe("情况统计表");
    expect(sheet.rows[0]).toEqual([
      "序号",
      "领导姓名",
      "职务",
      "接访天次",
      "接待批次",
      "接待人次",
      "包案件数",
      "接访事项办结数",
      "督办件数",
      "回访次数",
    ]);
    // Cases (包案) count on the day they were received, 督办 on the day it opened and 回访 on
    // its day: today, in the reception day's quarter unless the quarter turns in between.
    const owned = sameQuarter ? "2" : "0";
    const supervised = sameQuarter ? "1" : "0";
    // The second visit's case is closed; its 回访 was today.
    const line = ["1", "2", "4", owned, "1", supervised, supervised];
    expect(sheet.rows.slice(1).map((r) => r.slice(3))).toEqual([line, line]);
    expect(sheet.rows[1]?.[2]).toBe("县委副书记");
    expect(sheet.rows[2]?.slice(0, 3)).toEqual(["", "合计", ""]);
  });

  it("refuses roles that do not work cases, and a township asking for the county", async () => {
    expect((await raw("/statistics/reception-register", county.adminToken)).status).toBe(403);
    const county_ = await raw(
      "/statistics/reception-statistics?scope=county",
      county.people.townClerk.token,
    );
    expect(county_.status).toBe(403);
  });
});

describe("the plans", () => {
  it("reads the register by the date index and each case by its key", async () => {
    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    const viewer = {
      staffId: county.people.townClerk.id,
      unitId: county.township,
      unitSubtree: [county.township],
      inCountyOffice: false,
    };
    const q = listVisibleVisits(scope, viewer, {
      from: "2026-01-01",
      to: "2026-03-31",
      units: [county.township],
      limit: 500,
    }).toSQL();
    const plan = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    const text = plan.results.map((r) => r.detail).join("\n");
    expect(text).toMatch(/reception_visits USING INDEX reception_visits_date_idx/);
    expect(text).toMatch(/SEARCH petitions USING INDEX sqlite_autoindex_petitions_1/);
    expect(text).not.toMatch(/SCAN reception_visits|SCAN petitions\b|TEMP B-TREE/);
  });

  it("reads a leader's days by the leader index, grouped in its order, and the closed count by the date index", async () => {
    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    const plan = async (q: { sql: string; params: unknown[] }) =>
      (
        await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
          .bind(...q.params)
          .all<{ detail: string }>()
      ).results
        .map((r) => r.detail)
        .join("\n");
    const days = await plan(leaderReceptionDays(scope, "leader-1", "2026-01-01", 20).toSQL());
    expect(days).toMatch(/SEARCH reception_visits USING INDEX reception_visits_leader_idx/);
    expect(days).not.toMatch(/TEMP B-TREE|SCAN/);
    const closed = await plan(
      closedFromVisits(scope, { from: "2026-01-01", to: "2026-03-31", units: null }).toSQL(),
    );
    expect(closed).toMatch(/SEARCH reception_visits USING INDEX reception_visits_date_idx/);
    expect(closed).toMatch(
      /SEARCH petition_stats USING PRIMARY KEY|sqlite_autoindex_petition_stats_1/,
    );
    expect(closed).not.toMatch(/SCAN reception_visits|SCAN petition_stats/);
  });

  it("reads per-leader counts by the rollup's key", async () => {
    const queries = figureQueries(county.code, {
      scope: `t:${county.office}`,
      ranges: [{ grain: "y", from: "2026", to: "2026" }],
      openRanges: [],
      childScopes: [],
      sessionUnits: null,
      from: "2026-01-01",
      to: "2026-12-31",
    }).filter((q) => q.part === "leaders");
    expect(queries).toHaveLength(1);
    const q = queries[0];
    if (!q) return;
    const plan = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .bind(...q.binds)
      .all<{ detail: string }>();
    const text = plan.results.map((r) => r.detail).join("\n");
    expect(text).toMatch(/SEARCH r USING INDEX sqlite_autoindex_leader_rollup_1/);
    expect(text).not.toMatch(/SCAN/);
  });
});
