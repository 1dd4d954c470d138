import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

interface Hit {
  id: string;
  matchedBy: string;
  petitionerName: string;
}
const search = (params: Record<string, string>, token = county.people.clerk.token) =>
  call<{ items: Hit[]; nextCursor: string | null; error?: { message: string } }>(
    `/api/v1/t/${county.code}/search?${new URLSearchParams(params)}`,
    { token },
  );
const found = async (params: Record<string, string>, token?: string) =>
  (await search(params, token)).body.items.map((i) => i.id);

beforeAll(async () => {
  county = await setUpCounty("431224", "溆浦县");
  const clerk = county.people.clerk.token;
  const cases: [string, Record<string, unknown>][] = [
    ["wages", {}],
    [
      "pension",
      {
        categoryCode: "06.01",
        petitioner: { name: "欧阳 春花", phone: "13900001234", idNumber: "431224198506120034" },
        facts: "本人在卢峰镇某厂工作十年，单位未缴纳养老保险。",
        demands: "请求补缴养老保险。",
        hardships: undefined,
      },
    ],
    [
      "road",
      {
        categoryCode: "11.01",
        petitioner: { name: "张建国", phone: "13700005678" },
        facts: "村道被工程车压坏，雨天无法通行。",
        demands: "请求修复道路。",
        hardships: undefined,
      },
    ],
    [
      "reversed",
      {
        categoryCode: "01.07",
        petitioner: { name: "李保", phone: "13600001111" },
        facts: "保险养老问题咨询。",
        demands: "请求答复。",
        hardships: undefined,
      },
    ],
  ];
  for (const [key, overrides] of cases) {
    const reply = await register(county, clerk, overrides);
    expect(reply.status, key).toBe(201);
    ids[key] = reply.body.id;
    codes[key] = reply.body.trackingCode;
  }
});

describe("words of the case, in Chinese", () => {
  it("finds two-character terms", async () => {
    expect(await found({ q: "工资" })).toEqual([ids.wages]);
    expect(await found({ q: "道路" })).toEqual([ids.road]);
  });

  it("finds a place name and a four-character term exactly, not their characters anywhere", async () => {
    expect(await found({ q: "卢峰镇" })).toEqual([ids.pension]);
    expect(await found({ q: "养老保险" })).toEqual([ids.pension]);
    // 保险养老 has the same characters in another order: a different phrase.
    expect(await found({ q: "保险养老" })).toEqual([ids.reversed]);
  });

  it("needs every word, and finds category names", async () => {
    expect(await found({ q: "卢峰镇 工资" })).toEqual([]);
    expect(await found({ q: "拖欠 工资" })).toEqual([ids.wages]);
    expect(await found({ q: "社会保险" })).toEqual([ids.pension]);
  });

  it("asks for two characters when given one, in Chinese", async () => {
    const reply = await search({ q: "资" });
    expect(reply.status).toBe(422);
    expect(reply.body.error?.message).toBe("请至少输入两个汉字");
  });

  it("finds words of the reply once the case is answered", async () => {
    const clerk = county.people.clerk.token;
    const assigned = await act(county, clerk, ids.road ?? "", "assign", {
      toUnitId: county.bureau,
    });
    expect(assigned.status).toBe(200);
    // The holding unit's name is searchable from the hand-over.
    expect(await found({ q: "人力资源" })).toEqual([ids.road]);
    expect(await found({ q: "交通运输局" })).toEqual([]);
    const replied = await act(county, county.people.handler.token, ids.road ?? "", "reply", {
      request: "修复道路",
      factsAndReasons: "经核实，县交通运输局已安排施工队。",
      decision: "十日内修复。",
      legalBasis: "《公路法》",
      outcome: "support",
    });
    expect(replied.status).toBe(200);
    expect(await found({ q: "交通运输局" })).toEqual([ids.road]);
  });
});

describe("what a petitioner tells the window", () => {
  it("finds by tracking code, phone, ID number and the exact name", async () => {
    const byCode = await search({ q: codes.pension ?? "" });
    expect(byCode.body.items.map((i) => [i.id, i.matchedBy])).toEqual([
      [ids.pension, "trackingCode"],
    ]);
    expect((await search({ q: "139 0000 1234" })).body.items[0]).toMatchObject({
      id: ids.pension,
      matchedBy: "phone",
    });
    expect((await search({ q: "431224198506120034" })).body.items[0]).toMatchObject({
      id: ids.pension,
      matchedBy: "idNumber",
    });
    // Spaces in a name are not part of it.
    expect((await search({ q: "欧阳春花" })).body.items[0]).toMatchObject({
      id: ids.pension,
      matchedBy: "name",
    });
    expect(await found({ q: "欧阳" })).toEqual([]);
  });

  it("keeps personal data out of the text index", async () => {
    const rows = await env.TENANT_DB_1.prepare("SELECT body FROM case_search").all<{
      body: string;
    }>();
    const text = rows.results.map((r) => r.body).join(" ");
    expect(text).toContain("工资");
    for (const secret of ["欧阳", "春花", "建国", "13900001234", "431224198506120034"]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("filters and work lists", () => {
  it("narrows by status, category, channel and repeat, sorted and paged", async () => {
    expect(await found({ status: "replied" })).toEqual([ids.road]);
    expect((await found({ categoryCode: "06" })).sort()).toEqual([ids.wages, ids.pension].sort());
    expect(await found({ categoryCode: "06", channel: "online" })).toEqual([]);
    const first = await search({ sort: "oldest", limit: "2" });
    expect(first.body.items.map((i) => i.id)).toEqual([ids.wages, ids.pension]);
    const second = await search({
      sort: "oldest",
      limit: "2",
      cursor: first.body.nextCursor ?? "",
    });
    expect(second.body.items.map((i) => i.id)).toEqual([ids.road, ids.reversed]);
    expect(second.body.nextCursor).toBeNull();
    expect((await found({ sort: "newest" }))[0]).toBe(ids.reversed);
  });

  it("narrows by registration date, and exports the filtered list with the same filter", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await found({ registeredFrom: today, registeredTo: today })).length).toBe(4);
    expect(await found({ registeredTo: "2020-01-01" })).toEqual([]);
    const exported = await call<{ text: string }>(
      `/api/v1/t/${county.code}/statistics/export?${new URLSearchParams({
        source: "search",
        categoryCode: "06",
        sort: "oldest",
      })}`,
      { token: county.people.clerk.token },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain(
      encodeURIComponent(`信访事项_查找_${today}.csv`),
    );
    const lines = exported.body.text.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(codes.wages);
    expect(lines[2]).toContain(codes.pension);
    // No personal data leaves in the file.
    expect(exported.body.text).not.toContain("欧阳");
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT detail FROM audit_log WHERE tenant_id = ? AND action = 'petitions.export' ORDER BY seq DESC LIMIT 1",
    )
      .bind(county.code)
      .first<{ detail: string }>();
    expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({
      source: "search",
      filters: { categoryCode: "06", sort: "oldest" },
      rows: 2,
    });
  });

  it("gives a leader their cases and those waiting for their signature", async () => {
    const leader = county.people.leader;
    const owned = await act(county, county.people.supervisor.token, ids.wages ?? "", "owner", {
      leaderId: leader.id,
    });
    expect(owned.status).toBe(200);
    expect(await found({ list: "mine" }, leader.token)).toContain(ids.wages);
    expect(await found({ list: "toSign" }, leader.token)).toContain(ids.wages);
    expect(
      (await act(county, leader.token, ids.wages ?? "", "sign-off", { note: "同意" })).status,
    ).toBe(200);
    expect(await found({ list: "toSign" }, leader.token)).not.toContain(ids.wages);
    expect(await found({ list: "mine" }, county.people.supervisor.token)).not.toContain(ids.wages);
  });

  it("gives the county office the completion reports waiting for its review (待我审核)", async () => {
    const toReview = (token: string) => found({ list: "toReview" }, token);
    // The road case was assigned to the bureau and answered there.
    expect(await toReview(county.people.clerk.token)).toEqual([ids.road]);
    expect(await toReview(county.people.supervisor.token)).toEqual([ids.road]);
    expect(await toReview(county.people.handler.token)).toEqual([]);
    expect(await toReview(county.people.townClerk.token)).toEqual([]);
    const accepted = await act(
      county,
      county.people.clerk.token,
      ids.road ?? "",
      "report-acceptance",
      {
        note: "同意",
      },
    );
    expect(accepted.status).toBe(200);
    expect(await toReview(county.people.clerk.token)).toEqual([]);
  });

  it("lists the unit's overdue cases and those due within three days", async () => {
    const now = Date.now();
    const set = (id: string, at: number) =>
      env.TENANT_DB_1.prepare("UPDATE petitions SET next_deadline_at = ? WHERE id = ?")
        .bind(at, id)
        .run();
    await set(ids.pension ?? "", now - 86_400_000);
    await set(ids.reversed ?? "", now + 86_400_000);
    expect(await found({ list: "unitOverdue" })).toEqual([ids.pension]);
    expect(await found({ list: "dueSoon" })).toEqual([ids.reversed]);
    expect(await found({ overdue: "true" })).toEqual([ids.pension]);
  });

  it("lists the cases due within seven days, nearest first, for the office and the unit", async () => {
    const now = Date.now();
    const set = (id: string, at: number) =>
      env.TENANT_DB_1.prepare("UPDATE petitions SET next_deadline_at = ? WHERE id = ?")
        .bind(at, id)
        .run();
    // In 1, 5, 6 and 8 days: the week's list holds the first three, nearest first, and
    // 即将到期 (3 days) only the first. The road case is the bureau's: its home sees only it.
    await set(ids.reversed ?? "", now + 86_400_000);
    await set(ids.road ?? "", now + 5 * 86_400_000);
    await set(ids.wages ?? "", now + 6 * 86_400_000);
    await set(ids.pension ?? "", now + 8 * 86_400_000);
    expect(await found({ list: "dueThisWeek" })).toEqual([ids.reversed, ids.road, ids.wages]);
    expect(await found({ list: "dueThisWeek" }, county.people.handler.token)).toEqual([ids.road]);
    expect(await found({ list: "dueThisWeek" }, county.people.townClerk.token)).toEqual([]);
    expect(await found({ list: "dueSoon" })).toEqual([ids.reversed]);
  });
});
