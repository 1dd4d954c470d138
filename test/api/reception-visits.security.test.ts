import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession } from "../support/reception.ts";
import { readSheet } from "../support/xlsx.ts";

/**
 * The accused township probes the reception register: at its own leader's reception day one
 * visitor asks for help and another accuses the township. The township's staff and leader
 * export the register and read the figures; the accusation's visit must not be there, in
 * any form, while the counts (which name no case) may include it.
 */

let county: TestCounty;
let date: string;

beforeAll(async () => {
  county = await setUpCounty("431222", "沅陵县");
  const session = await publishedSession(county, {
    leaderId: county.people.townLeader.id,
    unitId: county.township,
  });
  date = session.date;
  const desk = <T>(path: string, body?: unknown) =>
    call<T & { number: number }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
      { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
    );
  const visits = [
    { name: "求助人", purpose: "request", categoryCode: "14.02", facts: "道路损坏。" },
    {
      name: "检举人",
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
      facts: "镇里截留补助资金。",
    },
  ];
  for (const { name, ...body } of visits) {
    const t = await desk("check-in", { walkIn: { name } });
    await desk("call-next");
    const done = await desk(`tickets/${t.body.number}/complete`, {
      ...body,
      demands: "请求处理。",
      handling: "登记转办",
      petitioner: { name },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
});

const register = async (token: string, query = "") => {
  const res = await exports.default.fetch(
    `https://lianxin.test/api/v1/t/${county.code}/statistics/reception-register?quarter=${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}${query}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return {
    status: res.status,
    sheet: res.status === 200 ? readSheet(await res.arrayBuffer()) : null,
  };
};

describe("the accused township", () => {
  it("exports a register without the accusation's visit, for its clerk and its leader", async () => {
    for (const person of [county.people.townClerk, county.people.townLeader]) {
      const { status, sheet } = await register(person.token);
      expect(status).toBe(200);
      const text = JSON.stringify(sheet?.rows);
      expect(sheet?.rows).toHaveLength(2);
      expect(text).toContain("道路损坏");
      expect(text).not.toContain("截留");
      expect(text).not.toContain("检举");
      expect(text).not.toContain("04.02");
    }
  });

  it("cannot widen the register to the county or to another unit", async () => {
    expect((await register(county.people.townClerk.token, "&scope=county")).status).toBe(403);
    expect(
      (await register(county.people.townClerk.token, `&scope=tree&unitId=${county.office}`)).status,
    ).toBe(403);
  });

  it("reads counts that include the visit but name nothing about it", async () => {
    const stats = await call<{ leaders: { visits: number }[] }>(
      `/api/v1/t/${county.code}/statistics?from=${date}&to=${date}`,
      { token: county.people.townClerk.token },
    );
    expect(stats.body.leaders.map((l) => l.visits)).toEqual([2]);
    expect(JSON.stringify(stats.body)).not.toContain("accusation");
  });

  it("is the county office that sees both visits, the accusation with it", async () => {
    const { sheet } = await register(county.people.clerk.token);
    expect(sheet?.rows).toHaveLength(3);
    expect(JSON.stringify(sheet?.rows)).toContain("检举人");
  });
});
