import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * Probing the figures as the units an accusation must be hidden from: an accusation about
 * the bureau, assigned to the other bureau without designating anyone there, counts in the
 * other bureau's figures, but no one there, and no one who stepped aside, can list it.
 */
let county: TestCounty;
let other: TestCounty;
let accusation: string;
let ordinary: string;
let accusationCode: string;
let plainCode: string;

beforeAll(async () => {
  county = await setUpCounty("431222", "沅陵县");
  other = await setUpCounty("431223", "辰溪县");
  const { clerk } = county.people;
  const made = await register(county, clerk.token, {
    purpose: "accusation",
    categoryCode: "03.01",
    subjectUnitId: county.bureau,
    petitioner: { name: "赵六", phone: "13900000001" },
  });
  expect(made.status).toBe(201);
  accusation = made.body.id;
  accusationCode = made.body.trackingCode;
  const assigned = await act(county, clerk.token, accusation, "assign", {
    toUnitId: county.otherBureau,
    version: 1,
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  const plain = await register(county, clerk.token, {
    petitioner: { name: "钱七", phone: "13900000002" },
  });
  ordinary = plain.body.id;
  plainCode = plain.body.trackingCode;
  expect(
    (
      await act(county, clerk.token, ordinary, "assign", {
        toUnitId: county.otherBureau,
        version: 1,
      })
    ).status,
  ).toBe(200);
});

const drill = (c: TestCounty, token: string, query = "") =>
  call<{ items: { id: string }[] }>(`/api/v1/t/${c.code}/statistics/cases?${query}`, { token });
const figures = (c: TestCounty, token: string, query = "") =>
  call<{ batches: number }>(`/api/v1/t/${c.code}/statistics?${query}`, { token });

describe("an accusation in the figures", () => {
  it("is counted for the unit holding it, and listed to no one there", async () => {
    const token = county.people.otherHandler.token;
    const own = await figures(county, token);
    expect(own.status).toBe(200);
    expect(own.body.batches).toBe(2);
    for (const figure of ["batches", "acceptOnTime"]) {
      const listed = await drill(county, token, `figure=${figure}`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i) => i.id)).toEqual([ordinary]);
    }
    const narrowed = await drill(county, token, "dim=accusation");
    expect(narrowed.body.items).toEqual([]);
    const file = await call<{ text: string }>(
      `/api/v1/t/${county.code}/statistics/export?format=csv`,
      {
        token,
      },
    );
    expect(file.status).toBe(200);
    const lines = file.body.text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(file.body.text).toContain(plainCode);
    expect(file.body.text).not.toContain(accusationCode);
  });

  it("is never listed to the accused bureau, which cannot reach the county's scope either", async () => {
    const token = county.people.handler.token;
    expect((await drill(county, token, "scope=county")).status).toBe(403);
    expect((await figures(county, token, "scope=county")).status).toBe(403);
    const aside = await drill(county, token, `scope=tree&unitId=${county.otherBureau}`);
    expect(aside.status).toBe(403);
    const own = await drill(county, token);
    expect(JSON.stringify(own.body)).not.toContain(accusation);
  });

  it("drops out of the drill-down of someone who steps aside, and stays in the count", async () => {
    const token = county.people.supervisor.token;
    const before = await drill(county, token);
    expect(before.body.items.map((i) => i.id)).toContain(accusation);
    const recused = await call(`/api/v1/t/${county.code}/petitions/${accusation}/recusals`, {
      token,
      body: { reason: "与被检举人系亲属" },
    });
    expect(recused.status).toBe(201);
    const after = await drill(county, token);
    expect(after.body.items.map((i) => i.id)).toEqual([ordinary]);
    expect((await figures(county, token)).body.batches).toBe(2);
  });
});

describe("another county", () => {
  it("is unreachable with this county's session, and its units are not found", async () => {
    const token = county.people.supervisor.token;
    expect([401, 404]).toContain((await figures(other, token)).status);
    expect([401, 404]).toContain((await drill(other, token)).status);
    const foreignUnit = await figures(county, token, `scope=tree&unitId=${other.bureau}`);
    expect(foreignUnit.status).toBe(404);
    const rebuild = await call(`/api/v1/t/${other.code}/statistics/rebuild`, {
      token: county.adminToken,
      body: {},
    });
    expect([401, 404]).toContain(rebuild.status);
  });
});
