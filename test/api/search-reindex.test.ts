import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { runSearchReindex } from "../../workers/domain/search/reindex.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
let other: TestCounty;

const found = async (c: TestCounty, q: string) => {
  const reply = await call<{ items: { id: string; matchedBy: string }[] }>(
    `/api/v1/t/${c.code}/search?${new URLSearchParams({ q })}`,
    { token: c.people.clerk.token },
  );
  expect(reply.status).toBe(200);
  return reply.body.items.map((i) => `${i.id}:${i.matchedBy}`);
};

/** Makes a case look as one registered before search existed: no text row, no name hash. */
async function makeOld(id: string) {
  const row = await env.TENANT_DB_1.prepare("SELECT search_rowid FROM petitions WHERE id = ?")
    .bind(id)
    .first<{ search_rowid: number }>();
  await env.TENANT_DB_1.batch([
    env.TENANT_DB_1.prepare("DELETE FROM case_search WHERE rowid = ?").bind(row?.search_rowid),
    env.TENANT_DB_1.prepare(
      "UPDATE petitions SET search_rowid = NULL, name_hash = NULL WHERE id = ?",
    ).bind(id),
  ]);
}

/** Runs the cron's re-index step until it has nothing left to do in the county. */
async function reindexAll(code: string) {
  let cases = 0;
  for (let run = 0; run < 20; run += 1) {
    const report = await runSearchReindex(env, new Date(), code);
    expect(report.failed).toBe(0);
    cases += report.cases;
    const open = await env.TENANT_DB_1.prepare(
      "SELECT (SELECT count(*) FROM petitions WHERE tenant_id = ?1 AND search_rowid IS NULL) + (SELECT count(*) FROM search_reindex_jobs WHERE tenant_id = ?1 AND finished_at IS NULL) AS n",
    )
      .bind(code)
      .first<{ n: number }>();
    if (open?.n === 0) return cases;
  }
  throw new Error("the re-index never finished");
}

beforeAll(async () => {
  county = await setUpCounty("431225", "会同县");
  other = await setUpCounty("431229", "靖州苗族侗族自治县");
});

describe("cases registered before search", () => {
  it("are found by words and by name once the re-index has run", async () => {
    const clerk = county.people.clerk.token;
    const ids: string[] = [];
    // More than one step's worth, some in the same millisecond as an import would be.
    for (let i = 0; i < 45; i += 1) {
      const reply = await register(county, clerk, {
        petitioner: {
          name: i === 0 ? "司马 相如" : `刘${"一二三四五六七八九十"[i % 10]}`,
          phone: "13911112222",
        },
        facts: i === 0 ? "承包地被占用修建厂房，补偿款未发放。" : "某公司拖欠工资三个月。",
        hardships: undefined,
      });
      expect(reply.status).toBe(201);
      ids.push(reply.body.id);
    }
    await env.TENANT_DB_1.prepare(
      `UPDATE petitions SET registered_at = 1700000000000 WHERE id IN (SELECT value FROM json_each(?))`,
    )
      .bind(JSON.stringify(ids.slice(1, 6)))
      .run();
    for (const id of ids) await makeOld(id);
    expect(await found(county, "补偿款")).toEqual([]);
    expect(await found(county, "司马相如")).toEqual([]);

    expect(await reindexAll(county.code)).toBe(45);
    expect(await found(county, "补偿款")).toEqual([`${ids[0]}:text`]);
    expect(await found(county, "司马相如")).toEqual([`${ids[0]}:name`]);
    expect((await found(county, "拖欠工资")).length).toBeGreaterThanOrEqual(30);
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'search.reindex'",
    )
      .bind(county.code)
      .first<{ n: number }>();
    expect(audit?.n).toBe(2);
  }, 30_000);

  it("one county's failure leaves the others indexed", async () => {
    const broken = await register(county, county.people.clerk.token, {
      facts: "排水沟堵塞导致农田被淹。",
      hardships: undefined,
    });
    const fine = await register(other, other.people.clerk.token, {
      facts: "排水沟堵塞导致农田被淹。",
      hardships: undefined,
    });
    await makeOld(broken.body.id);
    await makeOld(fine.body.id);
    // A case whose stored material no longer reads: this county's step throws.
    await env.TENANT_DB_1.prepare("UPDATE petitions SET material = '{' WHERE id = ?")
      .bind(broken.body.id)
      .run();
    const first = await runSearchReindex(env, new Date(), county.code);
    const second = await runSearchReindex(env, new Date(), other.code);
    expect(first.failed).toBe(1);
    expect(second).toMatchObject({ failed: 0, cases: 1 });
    expect(await found(other, "排水沟")).toEqual([`${fine.body.id}:text`]);
    expect(await found(county, "排水沟")).toEqual([]);
  });
});

describe("renaming a unit", () => {
  it("re-indexes the cases naming it through the job, not in the request", async () => {
    const reply = await register(other, other.people.clerk.token, {
      facts: "低保资格被取消。",
      hardships: undefined,
    });
    expect(
      (
        await act(other, other.people.clerk.token, reply.body.id, "assign", {
          toUnitId: other.otherBureau,
        })
      ).status,
    ).toBe(200);
    expect(await found(other, "民政局")).toEqual([`${reply.body.id}:text`]);
    const renamed = await call(`/api/v1/t/${other.code}/units/${other.otherBureau}`, {
      method: "PATCH",
      token: other.adminToken,
      body: { name: "县民政和社会事务局" },
    });
    expect(renamed.status).toBe(200);
    // The request only files the job: the case still reads under the old name.
    expect(await found(other, "社会事务")).toEqual([]);
    const job = await env.TENANT_DB_1.prepare(
      "SELECT kind, target, finished_at FROM search_reindex_jobs WHERE tenant_id = ?",
    )
      .bind(other.code)
      .first();
    expect(job).toMatchObject({ kind: "unit", target: other.otherBureau, finished_at: null });

    await reindexAll(other.code);
    expect(await found(other, "社会事务")).toEqual([`${reply.body.id}:text`]);
    expect(await found(other, "民政局")).toEqual([]);
  });

  it("an admin can ask for the whole county to be re-indexed", async () => {
    const asked = await call<{ id: string; kind: string }>(
      `/api/v1/t/${other.code}/search/reindex`,
      { token: other.adminToken, body: {} },
    );
    expect(asked.status).toBe(202);
    expect(asked.body.kind).toBe("all");
    const clerk = await call(`/api/v1/t/${other.code}/search/reindex`, {
      token: other.people.clerk.token,
      body: {},
    });
    expect(clerk.status).toBe(403);
    const cases = await reindexAll(other.code);
    const total = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM petitions WHERE tenant_id = ?",
    )
      .bind(other.code)
      .first<{ n: number }>();
    expect(cases).toBe(total?.n);
    expect(await found(other, "排水沟")).toHaveLength(1);
  });
});

describe("correcting the record", () => {
  it("re-indexes the words, the category and the name in the same write", async () => {
    const clerk = county.people.clerk.token;
    const reply = await register(county, clerk, {
      petitioner: { name: "欧阳修", phone: "13922223333" },
      facts: "鱼塘被污染。",
      hardships: undefined,
    });
    expect(await found(county, "鱼塘")).toEqual([`${reply.body.id}:text`]);
    const corrected = await call<{ version: number }>(
      `/api/v1/t/${county.code}/petitions/${reply.body.id}/correction`,
      {
        token: clerk,
        body: {
          version: reply.body.version,
          reason: "登记时记错",
          facts: "养殖场排污导致鱼塘死鱼。",
          categoryCode: "11.03",
          petitionerName: "欧阳秀",
        },
      },
    );
    expect(corrected.status).toBe(200);
    expect(await found(county, "养殖场")).toEqual([`${reply.body.id}:text`]);
    expect(await found(county, "环境保护")).toEqual([`${reply.body.id}:text`]);
    expect(await found(county, "鱼塘被污染")).toEqual([]);
    expect(await found(county, "欧阳秀")).toEqual([`${reply.body.id}:name`]);
    expect(await found(county, "欧阳修")).toEqual([]);
    const again = await call(`/api/v1/t/${county.code}/petitions/${reply.body.id}/correction`, {
      token: clerk,
      body: { version: reply.body.version, reason: "再改", facts: "旧版本" },
    });
    expect(again.status).toBe(409);
    // The unit the case does not concern cannot tell it exists.
    const outsider = await call(`/api/v1/t/${county.code}/petitions/${reply.body.id}/correction`, {
      token: county.people.townClerk.token,
      body: { version: corrected.body.version, reason: "探测", facts: "探测" },
    });
    expect(outsider.status).toBe(404);
  });
});
