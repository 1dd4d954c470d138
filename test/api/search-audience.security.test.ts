import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { reindexCounty } from "../../workers/domain/search/reindex.ts";
import { audienceSql, wordsOfBodySql } from "../../workers/storage/search-audience.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * A word search narrowed by the audience tokens in the full-text rows (issue 13 follow-up),
 * probed as a unit that should not find a case, and as one that must: a token left behind
 * must not reveal a case, and a token missing must not hide one. Every change of who may see
 * a case is followed through the search box.
 */
let county: TestCounty;

const found = async (token: string, q: string) => {
  const reply = await call<{ items: { id: string }[] }>(
    `/api/v1/t/${county.code}/search?${new URLSearchParams({ q })}`,
    { token },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items.map((i) => i.id);
};

const bodyOf = async (petitionId: string) =>
  (
    await env.TENANT_DB_1.prepare(
      "SELECT s.body FROM case_search AS s JOIN petitions AS p ON p.search_rowid = s.rowid WHERE p.tenant_id = ? AND p.id = ?",
    )
      .bind(county.code, petitionId)
      .first<{ body: string }>()
  )?.body ?? "";

beforeAll(async () => {
  county = await setUpCounty("431227", "新晃侗族自治县");
});

describe("word search by audience", () => {
  it("does not find another unit's case, nor one forwarded away from the township", async () => {
    const { clerk, townClerk, townLeader, handler } = county.people;
    const created = await register(county, clerk.token, { facts: "山塘水库渗漏威胁下游农田。" });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Registered by the county office and held there: no township finds it by its words.
    for (const person of [townClerk, townLeader]) {
      expect(await found(person.token, "水库渗漏")).not.toContain(id);
    }
    expect(await found(clerk.token, "水库渗漏")).toEqual([id]);

    const toTown = await act(county, clerk.token, id, "assign", { toUnitId: county.township });
    expect(toTown.status).toBe(200);
    expect(await found(townClerk.token, "水库渗漏")).toEqual([id]);

    // The township objects, the case returns to the office, which hands it to the bureau:
    // the township neither holds nor registered it any more.
    const back = await act(county, townClerk.token, id, "object", { reason: "不属本镇管辖" });
    expect(back.status).toBe(200);
    expect(await found(townClerk.token, "水库渗漏")).not.toContain(id);
    const away = await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    expect(away.status).toBe(200);
    for (const person of [townClerk, townLeader]) {
      expect(await found(person.token, "水库渗漏")).not.toContain(id);
      expect(await found(person.token, "下游农田")).not.toContain(id);
    }
    expect(await found(handler.token, "水库渗漏")).toEqual([id]);
    // Even a township token left in its row would not show it: the rule judges every match.
    await env.TENANT_DB_1.prepare(
      `UPDATE case_search SET body = body || ' a' || ?1 || 'u' || hex(?2)
       WHERE rowid = (SELECT search_rowid FROM petitions WHERE tenant_id = ?1 AND id = ?3)`,
    )
      .bind(county.code, county.township, id)
      .run();
    expect(await found(townClerk.token, "水库渗漏")).not.toContain(id);
  });

  it("finds a case for a unit added to assist on it, at once", async () => {
    const { clerk, otherHandler } = county.people;
    const created = await register(county, clerk.token, { facts: "敬老院屋顶漏雨无人维修。" });
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    expect(await found(otherHandler.token, "屋顶漏雨")).not.toContain(id);
    const added = await call(`/api/v1/t/${county.code}/petitions/${id}/assisting-units`, {
      token: clerk.token,
      body: { unitId: county.otherBureau },
    });
    expect(added.status).toBe(200);
    expect(await found(otherHandler.token, "屋顶漏雨")).toEqual([id]);
  });

  it("finds a confidential case only for its handler; never for the accused unit", async () => {
    const { clerk, handler, bureauLeader, townClerk, townLeader } = county.people;
    const created = await register(county, clerk.token, {
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
      petitioner: { name: "举报人丁", phone: "13700001111", idNumber: "431224198506120034" },
      facts: "镇干部截留危房改造补助。",
      demands: "请求查处截留危房改造补助。",
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    // Held by the bureau, handled by no one yet: nobody there finds it.
    for (const person of [handler, bureauLeader]) {
      expect(await found(person.token, "危房改造")).not.toContain(id);
    }
    const designated = await act(county, clerk.token, id, "handler", { handlerId: handler.id });
    expect(designated.status).toBe(200);
    expect(await found(handler.token, "危房改造")).toEqual([id]);
    expect(await found(bureauLeader.token, "危房改造")).not.toContain(id);
    for (const person of [townClerk, townLeader]) {
      expect(await found(person.token, "危房改造")).not.toContain(id);
      expect(await found(person.token, "截留")).not.toContain(id);
    }
    // The row names its handler, not the units, so the accused unit is not even a candidate.
    expect(await bodyOf(id)).not.toContain(hex(county.township));
    expect(await bodyOf(id)).toContain(hex(handler.id));
  });

  it("finds rows written before the tokens while the re-index fills them, and after", async () => {
    const { townClerk } = county.people;
    const created = await register(county, townClerk.token, { facts: "村道塌方阻断通行。" });
    const id = created.body.id;
    // As migration 0022 found it: the row's words without tokens, and an audience job filed.
    await env.TENANT_DB_1.prepare(
      `UPDATE case_search SET body = substr(body, 1, instr(body, ' a' || ?1) - 1)
       WHERE rowid = (SELECT search_rowid FROM petitions WHERE tenant_id = ?1 AND id = ?2)`,
    )
      .bind(county.code, id)
      .run();
    expect(await bodyOf(id)).not.toMatch(new RegExp(` a${county.code}`));
    await env.TENANT_DB_1.prepare(
      "INSERT INTO search_reindex_jobs (tenant_id, id, kind, requested_at) VALUES (?, 'search-audience-0022', 'audience', ?)",
    )
      .bind(county.code, Date.now())
      .run();
    expect(await found(townClerk.token, "村道塌方")).toEqual([id]);
    // A full rebuild asked for meanwhile does not cut the fill short.
    const rebuild = await call(`/api/v1/t/${county.code}/search/reindex`, {
      token: county.adminToken,
      body: {},
    });
    expect(rebuild.status).toBe(202);
    const kinds = await env.TENANT_DB_1.prepare(
      "SELECT kind FROM search_reindex_jobs WHERE tenant_id = ? AND finished_at IS NULL ORDER BY kind",
    )
      .bind(county.code)
      .all<{ kind: string }>();
    expect(kinds.results.map((k) => k.kind)).toEqual(["all", "audience"]);
    expect(await found(townClerk.token, "村道塌方")).toEqual([id]);

    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    for (let step = 0; step < 10; step += 1) {
      const open = await env.TENANT_DB_1.prepare(
        "SELECT count(*) AS n FROM search_reindex_jobs WHERE tenant_id = ? AND finished_at IS NULL",
      )
        .bind(county.code)
        .first<{ n: number }>();
      if (open?.n === 0) break;
      await reindexCounty(env, scope, new Date());
    }
    expect(await bodyOf(id)).toContain(hex(county.township));
    // The job is done, the search narrowed again, and the case still found.
    expect(await found(townClerk.token, "村道塌方")).toEqual([id]);
    expect(await found(county.people.otherHandler.token, "村道塌方")).not.toContain(id);
  });
});

describe("the tokens' triggers (migration 0022)", () => {
  it("compute the audience exactly as the statements that write whole rows do", async () => {
    const triggers = await env.TENANT_DB_1.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search_audience%' ORDER BY name",
    ).all<{ name: string; sql: string }>();
    const text = Object.fromEntries(triggers.results.map((t) => [t.name, t.sql]));
    expect(Object.keys(text)).toEqual([
      "assisting_units_search_audience_delete",
      "assisting_units_search_audience_insert",
      "petitions_search_audience",
    ]);
    expect(text.petitions_search_audience).toContain(audienceSql("new"));
    expect(text.petitions_search_audience).toContain(wordsOfBodySql("body", "new.tenant_id"));
    for (const name of ["insert", "delete"]) {
      const sql = text[`assisting_units_search_audience_${name}`];
      expect(sql).toContain(audienceSql("p"));
      expect(sql).toContain(wordsOfBodySql("case_search.body", "p.tenant_id"));
    }
  });
});

/** An id as its audience token spells it (SQLite's `hex()`, upper case). */
function hex(id: string) {
  return [...new TextEncoder().encode(id)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
}
