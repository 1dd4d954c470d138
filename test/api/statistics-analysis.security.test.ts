import { beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, cstDate } from "../../workers/domain/deadlines/index.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * The backlog and the analysis pages, probed as the accused unit and as the unit holding
 * an accusation without being named on it. An accusation about the bureau, 40 days old and
 * assigned to the other bureau (nobody designated), is in the backlog: counted in the other
 * bureau's figures, listed to nobody there, and invisible in every form to the bureau.
 */
const T = cstDate(new Date());
let county: TestCounty;
let accusation: { id: string; trackingCode: string };
let ordinary: string;

beforeAll(async () => {
  county = await setUpCounty("431229", "靖州苗族侗族自治县");
  const { clerk } = county.people;
  const set = await call(`/api/v1/t/${county.code}/settings/oversight`, {
    method: "PUT",
    token: county.adminToken,
    body: { backlogDays: 30 },
  });
  expect(set.status).toBe(200);
  const made = await register(county, clerk.token, {
    receivedAt: addCalendarDays(T, -40),
    purpose: "accusation",
    categoryCode: "03.01",
    subjectUnitId: county.bureau,
    petitioner: { name: "周九", phone: "13900000301", address: "某村" },
  });
  expect(made.status).toBe(201);
  accusation = { id: made.body.id, trackingCode: made.body.trackingCode };
  const plain = await register(county, clerk.token, {
    receivedAt: addCalendarDays(T, -40),
    petitioner: { name: "吴十", phone: "13900000302", address: "某村" },
  });
  ordinary = plain.body.id;
  for (const id of [accusation.id, ordinary]) {
    const r = await act(county, clerk.token, id, "assign", { toUnitId: county.otherBureau });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
});

const get = <T>(token: string, path: string) =>
  call<T>(`/api/v1/t/${county.code}${path}`, { token });

describe("the backlog as the unit holding an accusation it is not named on", () => {
  it("counts the accusation and lists only the ordinary case", async () => {
    const token = county.people.otherHandler.token;
    const figures = await get<{ backlog: { total: number } }>(token, "/statistics");
    expect(figures.body.backlog.total).toBe(2);
    const list = await get<{ items: { id: string }[] }>(token, "/statistics/backlog");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.id)).toEqual([ordinary]);
    const drill = await get<{ items: { id: string }[] }>(token, "/statistics/cases?figure=backlog");
    expect(drill.body.items.map((i) => i.id)).toEqual([ordinary]);
    expect(JSON.stringify([list.body, drill.body])).not.toContain(accusation.trackingCode);
  });
});

describe("as the accused unit", () => {
  const accused = () => [county.people.handler.token, county.people.bureauLeader.token];

  it("sees no backlog of its own and cannot ask for the county's or the holder's", async () => {
    for (const token of accused()) {
      const own = await get<{ items: unknown[]; nextCursor: string | null }>(
        token,
        "/statistics/backlog",
      );
      expect(own.status).toBe(200);
      expect(own.body.items).toEqual([]);
      const figures = await get<{ backlog: { total: number } }>(token, "/statistics");
      expect(figures.body.backlog.total).toBe(0);
      for (const path of [
        "/statistics/backlog?scope=county",
        `/statistics/backlog?scope=tree&unitId=${county.otherBureau}`,
        `/statistics/cases?figure=backlog&scope=tree&unitId=${county.otherBureau}`,
        "/statistics/assessment?scope=county",
        "/statistics/hot-issues?scope=county",
      ]) {
        const r = await get(token, path);
        expect(r.status, path).toBe(403);
      }
    }
  });

  it("is refused the annual report, whose units complained about count accusations", async () => {
    for (const token of accused()) {
      const r = await get(token, "/statistics/annual-report");
      expect(r.status).toBe(403);
    }
    // The county office sees the bureau complained about, as a count.
    const office = await get<{ complainedUnits: { value: string; batches: number }[] }>(
      county.people.supervisor.token,
      `/statistics/annual-report?year=${addCalendarDays(T, -40).slice(0, 4)}`,
    );
    expect(office.body.complainedUnits).toEqual([{ value: county.bureau, batches: 1, persons: 1 }]);
  });

  it("finds nothing of the accusation in its own analysis pages", async () => {
    for (const token of accused()) {
      for (const path of ["/statistics/assessment", "/statistics/hot-issues"]) {
        const r = await get(token, path);
        expect(r.status, path).toBe(200);
        const text = JSON.stringify(r.body);
        expect(text).not.toContain(accusation.trackingCode);
        expect(text).not.toContain(accusation.id);
        expect(text).not.toContain("03.01");
      }
    }
  });
});
