import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Suggestion, SuggestionList } from "../../schema/api/suggestions.ts";
import {
  listSuggestions,
  yearCountsQuery,
  yearItemsQuery,
} from "../../workers/storage/suggestions.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * The county office's register of its own suggestions (§41 (三)) through the API: what it
 * takes, how it pages, how an answer is recorded onto the version read, and what the annual
 * report makes of it. Days are fixed in a past year, so nothing depends on today.
 */
let county: TestCounty;
let related: { id: string; trackingCode: string };

const path = (rest = "") => `/api/v1/t/${county.code}/suggestions${rest}`;
const create = (token: string, body: Record<string, unknown>) =>
  call<Suggestion & { error?: { code: string; message: string; details?: unknown } }>(path(), {
    token,
    body,
  });
const sample = (overrides: Record<string, unknown> = {}) => ({
  kind: "improvement",
  unitId: county.bureau,
  sentOn: "2025-03-10",
  title: "关于规范劳动保障监察投诉受理的建议",
  content: "建议人社局统一投诉受理窗口，明确办理时限。",
  ...overrides,
});

beforeAll(async () => {
  county = await setUpCounty("431226", "麻阳苗族自治县");
  const made = await register(county, county.people.clerk.token);
  expect(made.status).toBe(201);
  related = { id: made.body.id, trackingCode: made.body.trackingCode };
});

describe("registering a suggestion", () => {
  it("registers it pending, with the case that prompted it, audited", async () => {
    const r = await create(
      county.people.supervisor.token,
      sample({ trackingCode: related.trackingCode.toLowerCase() }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      kind: "improvement",
      unitId: county.bureau,
      sentOn: "2025-03-10",
      outcome: "pending",
      answeredOn: null,
      outcomeNote: null,
      relatedCase: related,
      createdBy: county.people.supervisor.id,
      version: 1,
    });
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT action, actor_id AS actor FROM audit_log WHERE tenant_id = ? AND target_id = ?",
    )
      .bind(county.code, r.body.id)
      .all<{ action: string; actor: string }>();
    expect(audit.results).toEqual([
      { action: "suggestion.create", actor: county.people.supervisor.id },
    ]);
    const got = await call<Suggestion>(path(`/${r.body.id}`), {
      token: county.people.clerk.token,
    });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(r.body);
  });

  it("explains bad input in Chinese and writes nothing", async () => {
    const token = county.people.leader.token;
    const before = await call<SuggestionList>(path("?limit=100"), { token });
    const empty = await create(token, sample({ title: "  " }));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.error?.details)).toContain("请填写标题");
    const long = await create(token, sample({ content: "长".repeat(4001) }));
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.error?.details)).toContain("建议内容不能超过 4000 字");
    const kind = await create(token, sample({ kind: "accountability" }));
    expect(kind.status).toBe(400);
    const elsewhere = await create(token, sample({ unitId: "no-such-unit" }));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error?.message).toBe("请选择本县的单位");
    const future = await create(token, sample({ sentOn: "2999-01-01" }));
    expect(future.status).toBe(422);
    const noCase = await create(token, sample({ trackingCode: "NOSUCHCODE" }));
    expect(noCase.status).toBe(404);
    expect(noCase.body.error?.code).toBe("NOT_FOUND");
    const after = await call<SuggestionList>(path("?limit=100"), { token });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("is written only by the office's leaders, 督办员 and administrators", async () => {
    const clerk = await create(county.people.clerk.token, sample());
    expect(clerk.status).toBe(403);
    expect(clerk.body.error?.code).toBe("FORBIDDEN");
    const admin = await create(county.adminToken, sample({ sentOn: "2025-01-02" }));
    expect(admin.status).toBe(201);
  });
});

describe("the register's list", () => {
  beforeAll(async () => {
    for (const [sentOn, kind] of [
      ["2025-05-01", "policy"],
      ["2025-05-01", "policy"],
      ["2025-11-20", "improvement"],
      ["2024-12-31", "policy"],
    ] as const) {
      const r = await create(county.people.leader.token, sample({ sentOn, kind }));
      expect(r.status).toBe(201);
    }
  });

  it("pages newest sent first by keyset, without repeats or gaps", async () => {
    const token = county.people.clerk.token;
    const all = await call<SuggestionList>(path("?limit=100"), { token });
    expect(all.status).toBe(200);
    const order = all.body.items.map((s) => [s.sentOn, s.id].join(" "));
    expect(order).toEqual([...order].sort().reverse());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: SuggestionList } = await call<SuggestionList>(
        path(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
        { token },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((s) => s.id));
    const bad = await call(path("?cursor=bm9wZQ"), { token });
    expect(bad.status).toBe(422);
    const year = await call<{ error: { details: unknown } }>(path("?year=25"), { token });
    expect(year.status).toBe(400);
    expect(JSON.stringify(year.body.error.details)).toContain("年份应在 2000 至 2100 之间");
  });

  it("filters by year and outcome", async () => {
    const token = county.people.clerk.token;
    const of2024 = await call<SuggestionList>(path("?year=2024"), { token });
    expect(of2024.body.items.map((s) => s.sentOn)).toEqual(["2024-12-31"]);
    const of2025 = await call<SuggestionList>(path("?year=2025&outcome=pending"), { token });
    expect(of2025.body.items.every((s) => s.sentOn.startsWith("2025-"))).toBe(true);
    expect(of2025.body.items.length).toBeGreaterThanOrEqual(5);
    const adopted = await call<SuggestionList>(path("?outcome=adopted"), { token });
    expect(adopted.body.items.every((s) => s.outcome === "adopted")).toBe(true);
  });

  it("reads the list and the year's count by the sent-date index", async () => {
    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    const viewer = {
      staffId: county.people.leader.id,
      unitId: county.office,
      unitSubtree: [county.office],
      inCountyOffice: true,
    };
    const plan = async (q: { sql: string; params: unknown[] }) =>
      (
        await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
          .bind(...q.params)
          .all<{ detail: string }>()
      ).results
        .map((r) => r.detail)
        .join("\n");
    // The office reads the year; a township reads what was sent to it, on the same index.
    for (const units of [null, [county.township]]) {
      const list = await plan(
        listSuggestions(scope, viewer, {
          units,
          year: 2025,
          outcome: "pending",
          after: { sentOn: "2025-06-01", id: "x" },
          limit: 31,
        }).toSQL(),
      );
      expect(list).toMatch(/SEARCH office_suggestions USING INDEX office_suggestions_sent_idx/);
      expect(list).toMatch(/SEARCH petitions USING INDEX sqlite_autoindex_petitions_1/);
      expect(list).not.toMatch(/SCAN office_suggestions|SCAN petitions\b|TEMP B-TREE FOR ORDER/);
    }
    for (const q of [yearCountsQuery(scope, "2025"), yearItemsQuery(scope, "2025", 200)]) {
      const text = await plan(q.toSQL());
      expect(text).toMatch(/SEARCH office_suggestions USING INDEX office_suggestions_sent_idx/);
      expect(text).not.toMatch(/SCAN office_suggestions/);
    }
  });
});

describe("recording the unit's answer", () => {
  it("records 采纳 onto the version read and refuses a stale one", async () => {
    const made = await create(county.people.supervisor.token, sample({ sentOn: "2025-06-01" }));
    const id = made.body.id;
    const answer = { version: 1, outcome: "adopted", answeredOn: "2025-07-15", note: "已采纳" };
    const done = await call<Suggestion>(path(`/${id}/outcome`), {
      method: "PUT",
      token: county.people.leader.token,
      body: answer,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      outcome: "adopted",
      answeredOn: "2025-07-15",
      outcomeNote: "已采纳",
      version: 2,
    });
    const stale = await call<{ error: { code: string } }>(path(`/${id}/outcome`), {
      method: "PUT",
      token: county.people.supervisor.token,
      body: { ...answer, outcome: "notAdopted" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    const early = await call(path(`/${id}/outcome`), {
      method: "PUT",
      token: county.people.supervisor.token,
      body: { ...answer, version: 2, answeredOn: "2025-05-31" },
    });
    expect(early.status).toBe(422);
    const pending = await call(path(`/${id}/outcome`), {
      method: "PUT",
      token: county.people.supervisor.token,
      body: { ...answer, version: 2, outcome: "pending" },
    });
    expect(pending.status).toBe(400);
    const clerk = await call(path(`/${id}/outcome`), {
      method: "PUT",
      token: county.people.clerk.token,
      body: { ...answer, version: 2 },
    });
    expect(clerk.status).toBe(403);
    const missing = await call(path("/no-such-suggestion/outcome"), {
      method: "PUT",
      token: county.people.leader.token,
      body: answer,
    });
    expect(missing.status).toBe(404);
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT action FROM audit_log WHERE tenant_id = ? AND target_id = ? ORDER BY seq",
    )
      .bind(county.code, id)
      .all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["suggestion.create", "suggestion.outcome"]);
  });
});

describe("the annual report's §41 (三)", () => {
  it("counts the year's suggestions by kind and answer and lists them", async () => {
    const c2 = await setUpCounty("431227", "新晃侗族自治县");
    const token = c2.people.supervisor.token;
    const base = `/api/v1/t/${c2.code}/suggestions`;
    const made: Suggestion[] = [];
    for (const [sentOn, kind, title] of [
      ["2025-02-01", "improvement", "甲"],
      ["2025-04-01", "policy", "乙"],
      ["2025-04-02", "policy", "丙"],
      ["2025-09-09", "improvement", "丁"],
      ["2024-06-01", "improvement", "往年"],
    ] as const) {
      const r = await call<Suggestion>(base, {
        token,
        body: { kind, sentOn, title, unitId: c2.township, content: "内容" },
      });
      expect(r.status).toBe(201);
      made.push(r.body);
    }
    const answers = [
      [made[0], "adopted"],
      [made[1], "partlyAdopted"],
      [made[2], "notAdopted"],
    ] as const;
    for (const [s, outcome] of answers) {
      const r = await call(`${base}/${s?.id}/outcome`, {
        method: "PUT",
        token,
        body: { version: 1, outcome, answeredOn: "2025-10-01" },
      });
      expect(r.status).toBe(200);
    }
    const report = await call<{
      officeSuggestions: {
        all: Record<string, number>;
        byKind: Record<string, Record<string, number>>;
        items: { title: string; unitId: string; outcome: string; kind: string }[];
      };
    }>(`/api/v1/t/${c2.code}/statistics/annual-report?year=2025`, { token });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.officeSuggestions.all).toEqual({
      total: 4,
      pending: 1,
      adopted: 1,
      partlyAdopted: 1,
      notAdopted: 1,
    });
    expect(report.body.officeSuggestions.byKind).toEqual({
      improvement: { total: 2, pending: 1, adopted: 1, partlyAdopted: 0, notAdopted: 0 },
      policy: { total: 2, pending: 0, adopted: 0, partlyAdopted: 1, notAdopted: 1 },
    });
    expect(report.body.officeSuggestions.items.map((i) => [i.title, i.outcome])).toEqual([
      ["甲", "adopted"],
      ["乙", "partlyAdopted"],
      ["丙", "notAdopted"],
      ["丁", "pending"],
    ]);
    expect(report.body.officeSuggestions.items[0]?.unitId).toBe(c2.township);
    const empty = await call<{ officeSuggestions: { all: { total: number }; items: unknown[] } }>(
      `/api/v1/t/${c2.code}/statistics/annual-report?year=2023`,
      { token },
    );
    expect(empty.body.officeSuggestions.all.total).toBe(0);
    expect(empty.body.officeSuggestions.items).toEqual([]);
  });
});
