import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
let neighbour: TestCounty;
let accusation: { id: string; trackingCode: string };
let plain: { id: string; trackingCode: string };

const accuser = { name: "举报人丙", phone: "13700009876", idNumber: "431224198506120034" };

const ids = async (c: TestCounty, token: string, params: Record<string, string>) => {
  const reply = await call<{ items: { id: string }[] }>(
    `/api/v1/t/${c.code}/search?${new URLSearchParams(params)}`,
    { token },
  );
  expect([200, 422]).toContain(reply.status);
  return (reply.body.items ?? []).map((i) => i.id);
};

beforeAll(async () => {
  county = await setUpCounty("431225", "会同县");
  neighbour = await setUpCounty("431226", "麻阳苗族自治县");
  const created = await register(county, county.people.clerk.token, {
    purpose: "accusation",
    categoryCode: "04.02",
    subjectUnitId: county.township,
    petitioner: accuser,
    facts: "镇干部挪用扶贫资金修建私宅。",
    demands: "请求查处挪用扶贫资金。",
  });
  accusation = created.body;
  plain = (await register(county, county.people.townClerk.token, { facts: "扶贫资金发放延迟。" }))
    .body;
});

describe("search as the accused unit", () => {
  const probes = (): Record<string, string>[] => [
    { q: accusation.trackingCode },
    { q: accuser.phone },
    { q: accuser.idNumber },
    { q: accuser.name },
    { q: "挪用扶贫资金" },
    { q: "扶贫资金" },
    { q: "私宅", purpose: "accusation" },
    { purpose: "accusation" },
    { categoryCode: "04" },
    { list: "dueSoon" },
    { sort: "deadline" },
    // Every filter beside the box, alone and together, and every work list.
    { status: "registered" },
    { channel: "visit" },
    { categoryCode: "04.02" },
    { unitId: county.office },
    { unitId: county.township },
    { registeredFrom: "2020-01-01", sort: "oldest" },
    { repeat: "first" },
    { fromAbove: "false" },
    { overdue: "true" },
    { purpose: "accusation", categoryCode: "04", registeredFrom: "2020-01-01" },
    { list: "mine" },
    { list: "toSign" },
    { list: "toReview" },
    { list: "unitOverdue" },
    { list: "dueThisWeek" },
  ];

  it("never finds the accusation about it, by any way in", async () => {
    for (const person of [county.people.townClerk, county.people.townLeader]) {
      for (const params of probes()) {
        expect(await ids(county, person.token, params), JSON.stringify(params)).not.toContain(
          accusation.id,
        );
      }
    }
    // The same words find the township's own case: the search ran, the rule hid the other.
    expect(await ids(county, county.people.townClerk.token, { q: "扶贫资金" })).toEqual([plain.id]);
  });

  it("never exports it, through any filter or list", async () => {
    for (const params of probes()) {
      if (params.q) continue;
      const reply = await call<{ text: string }>(
        `/api/v1/t/${county.code}/statistics/export?${new URLSearchParams({ ...params, source: "search" })}`,
        { token: county.people.townClerk.token },
      );
      expect(reply.status, JSON.stringify(params)).toBe(200);
      expect(reply.body.text, JSON.stringify(params)).not.toContain(accusation.trackingCode);
    }
    const own = await call<{ text: string }>(
      `/api/v1/t/${county.code}/statistics/export?source=search`,
      { token: county.people.townClerk.token },
    );
    expect(own.body.text).toContain(plain.trackingCode);
    const office = await call<{ text: string }>(
      `/api/v1/t/${county.code}/statistics/export?source=search&purpose=accusation`,
      { token: county.people.clerk.token },
    );
    expect(office.body.text).toContain(accusation.trackingCode);
  });

  it("is found by the county office", async () => {
    expect(await ids(county, county.people.clerk.token, { q: accuser.phone })).toEqual([
      accusation.id,
    ]);
    expect(await ids(county, county.people.clerk.token, { q: "挪用扶贫资金" })).toEqual([
      accusation.id,
    ]);
  });

  it("finds nothing of another county, even with its tracking code or words", async () => {
    const queries: Record<string, string>[] = [
      { q: accusation.trackingCode },
      { q: "扶贫资金" },
      { q: accuser.phone },
      {},
    ];
    for (const query of queries) {
      const found = await ids(neighbour, neighbour.people.clerk.token, query);
      expect(found).not.toContain(accusation.id);
      expect(found).not.toContain(plain.id);
    }
  });

  it("hides a case from someone who recused from it", async () => {
    const token = county.people.supervisor.token;
    expect(await ids(county, token, { q: "扶贫资金" })).toContain(plain.id);
    const recused = await call(`/api/v1/t/${county.code}/petitions/${plain.id}/recusals`, {
      token,
      body: { reason: "与信访人系亲属" },
    });
    expect(recused.status).toBe(201);
    expect(await ids(county, token, { q: "扶贫资金" })).not.toContain(plain.id);
    expect(await ids(county, token, { q: plain.trackingCode })).toEqual([]);
  });
});
