import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cstDate } from "../../workers/domain/deadlines/index.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";
import { readSheet } from "../support/xlsx.ts";

/**
 * 《领导干部接待群众来访情况统计表》 through the API for a leader who received nobody in the
 * quarter but owns a case (包案): no visit recorded a 职务, so the sheet shows the leader's
 * present one (issue 11: the fallback was only unit-tested).
 */
let county: TestCounty;
const today = cstDate(new Date());
const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;

beforeAll(async () => {
  county = await setUpCounty("431202", "鹤城区");
  const titled = await call(`/api/v1/t/${county.code}/staff/${county.people.leader.id}`, {
    method: "PATCH",
    token: county.adminToken,
    body: { position: "县委常委、政法委书记" },
  });
  expect(titled.status, JSON.stringify(titled.body)).toBe(200);
  const made = await register(county, county.people.clerk.token);
  expect(made.status).toBe(201);
  const owned = await act(county, county.people.supervisor.token, made.body.id, "owner", {
    leaderId: county.people.leader.id,
  });
  expect(owned.status, JSON.stringify(owned.body)).toBe(200);
});

describe("the statistics sheet's 职务", () => {
  it("falls back to the leader's present 职务 when no visit of the quarter recorded one", async () => {
    const res = await exports.default.fetch(
      `https://lianxin.test/api/v1/t/${county.code}/statistics/reception-statistics?quarter=${quarter}`,
      { headers: { authorization: `Bearer ${county.people.supervisor.token}` } },
    );
    expect(res.status).toBe(200);
    const sheet = readSheet(await res.arrayBuffer());
    const header = sheet.rows[0] ?? [];
    const at = (name: string) => header.indexOf(name);
    const line = sheet.rows.find((r) => r[at("领导姓名")] === `测试leader`);
    expect(line, JSON.stringify(sheet.rows)).toBeDefined();
    expect(line?.[at("职务")]).toBe("县委常委、政法委书记");
    expect(line?.[at("接待批次")]).toBe("0");
    expect(line?.[at("包案件数")]).toBe("1");
  });
});
