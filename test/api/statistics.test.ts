import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, cstDate } from "../../workers/domain/deadlines/index.ts";
import { call } from "../support/client.ts";
import { act, register, setUpCounty, type TestCounty } from "../support/county.ts";

/**
 * Five cases made through the API, and the figures worked out by hand:
 * - A  received T−20, visit, phone …01; accepted today: its 15-day acceptance was due T−5 → late.
 * - B  received T−3, visit, phone …02; assigned to the bureau today (due T+12 → on time),
 *      answered today (reply due T+60 → on time), evaluated: unit 满意, office 不满意; closed
 *      without review.
 * - C  received T−30, visit, 5 people, phone …03; never decided: due T−15 → due and open.
 * - D  received today, letter, an accusation about the bureau (confidential); open, due T+15.
 * - E  received today, visit, phone …01 again, same category as A: a repeat. Open, due T+15.
 */
let county: TestCounty;
const T = cstDate(new Date());
const ids: Record<string, string> = {};

const person = (phone: string) => ({ name: "李四", phone, address: "某村" });

beforeAll(async () => {
  county = await setUpCounty("431224", "溆浦县");
  const { clerk, handler } = county.people;
  const make = async (key: string, overrides: Record<string, unknown>) => {
    const r = await register(county, clerk.token, overrides);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[key] = r.body.id;
    return r.body;
  };
  await make("A", { receivedAt: addCalendarDays(T, -20), petitioner: person("13800000001") });
  const b = await make("B", {
    receivedAt: addCalendarDays(T, -3),
    petitioner: person("13800000002"),
  });
  await make("C", {
    receivedAt: addCalendarDays(T, -30),
    headcount: 5,
    petitioner: person("13800000003"),
  });
  await make("D", {
    channel: "letter",
    purpose: "accusation",
    categoryCode: "03.01",
    subjectUnitId: county.bureau,
    petitioner: person("13800000004"),
  });
  const e = await make("E", { petitioner: person("13800000001") });
  expect(e.flags.repeat).toBeDefined();

  expect((await act(county, clerk.token, ids.A as string, "accept", { version: 1 })).status).toBe(
    200,
  );
  const assigned = await act(county, clerk.token, ids.B as string, "assign", {
    toUnitId: county.bureau,
    version: 1,
  });
  expect(assigned.status).toBe(200);
  const replied = await act(county, handler.token, ids.B as string, "reply", {
    request: "请求支付拖欠工资。",
    factsAndReasons: "经查属实。",
    decision: "责令支付。",
    legalBasis: "《劳动法》第五十条。",
    outcome: "support",
  });
  expect(replied.status).toBe(200);
  const evaluated = await call(`/api/v1/t/${county.code}/public/evaluate`, {
    body: {
      trackingCode: b.trackingCode,
      phoneLast4: "0002",
      handlingUnit: "satisfied",
      office: "unsatisfied",
    },
  });
  expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
  const closed = await act(county, handler.token, ids.B as string, "close", {
    factsClear: true,
    handled: true,
    fileComplete: true,
    petitionerOpinion: "信访人表示满意。",
    method: "handled",
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
});

interface Figures {
  batches: number;
  persons: number;
  byChannel: { value: string; batches: number; persons: number }[];
  byUnit: { value: string; batches: number }[];
  byLevel: { value: string; batches: number }[];
  [rate: string]: unknown;
  definitions: Record<string, { name: string; definition: string }>;
}

const range = `from=${addCalendarDays(T, -89)}&to=${addCalendarDays(T, 90)}`;
const figures = (token: string, query = range) =>
  call<Figures>(`/api/v1/t/${county.code}/statistics?${query}`, { token });

describe("getStatistics", () => {
  it("counts batches and persons, split by channel, unit and level", async () => {
    const r = await figures(county.people.supervisor.token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ batches: 5, persons: 9 });
    expect(r.body.byChannel).toEqual([
      { value: "visit", batches: 4, persons: 8 },
      { value: "letter", batches: 1, persons: 1 },
    ]);
    // Only B moved below the office: the bureau ranks with one case.
    expect(r.body.byUnit).toEqual([{ value: county.bureau, batches: 1, persons: 1 }]);
    expect(r.body.byLevel).toEqual([{ value: "county", batches: 5, persons: 9 }]);
  });

  it("works out each rate with its numerator and denominator", async () => {
    const r = await figures(county.people.supervisor.token);
    const rate = (n: number, d: number) => ({ numerator: n, denominator: d, rate: n / d });
    // A late, B on time, C open past due; D and E are not yet due.
    expect(r.body.timelyAcceptanceRate).toEqual(rate(1, 3));
    // Only B's reply is due in the period-or-answered; A's runs to T+60, unanswered and not due.
    expect(r.body.onTimeReplyRate).toEqual(rate(1, 1));
    expect(r.body.evaluationRate).toEqual(rate(1, 1));
    expect(r.body.satisfactionRate).toEqual({ unit: rate(1, 1), office: rate(0, 1) });
    expect(r.body.repeatRate).toEqual(rate(1, 5));
    expect(r.body.firstTimeResolutionRate).toEqual(rate(1, 1));
    expect(r.body.firstPetitionClosureRate).toEqual(rate(1, 1));
    expect(r.body.definitions.timelyAcceptanceRate?.name).toBe("及时受理率");
  });

  it("narrows to a unit, and to the period that was asked", async () => {
    const bureau = await figures(
      county.people.supervisor.token,
      `${range}&scope=tree&unitId=${county.bureau}`,
    );
    expect(bureau.body).toMatchObject({ batches: 1, persons: 1 });
    const lastWeek = await figures(
      county.people.supervisor.token,
      `from=${addCalendarDays(T, -7)}&to=${T}`,
    );
    // B, D and E were received in the last week.
    expect(lastWeek.body).toMatchObject({ batches: 3, persons: 3 });
  });

  it("gives a bureau its own figures and refuses it the county's", async () => {
    const own = await figures(county.people.handler.token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ batches: 1, scope: { kind: "tree", unitId: county.bureau } });
    const county_ = await figures(county.people.handler.token, `${range}&scope=county`);
    expect(county_.status).toBe(403);
  });

  it("refuses an unclear period in the one envelope, never a 500", async () => {
    const both = await figures(county.people.supervisor.token, "month=2026-01&year=2026");
    expect(both.status).toBe(422);
    expect(JSON.stringify(both.body)).toContain("统计期间");
    const backwards = await figures(
      county.people.supervisor.token,
      "from=2026-02-01&to=2026-01-01",
    );
    expect(backwards.status).toBe(422);
    const bad = await figures(county.people.supervisor.token, "quarter=2026-Q5");
    expect(bad.status).toBe(400);
  });
});

describe("listStatisticsCases", () => {
  const drill = (token: string, figure: string, extra = "") =>
    call<{ items: { id: string }[]; nextCursor: string | null }>(
      `/api/v1/t/${county.code}/statistics/cases?${range}&figure=${figure}${extra}`,
      { token },
    );

  it("lists the cases behind a figure, page by page", async () => {
    const first = await drill(county.people.supervisor.token, "batches", "&limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const seen = first.body.items.map((i) => i.id);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await drill(
        county.people.supervisor.token,
        "batches",
        `&limit=2&cursor=${encodeURIComponent(cursor)}`,
      );
      seen.push(...next.body.items.map((i) => i.id));
      cursor = next.body.nextCursor;
    }
    expect(seen.sort()).toEqual(Object.values(ids).sort());
    const late = await drill(county.people.supervisor.token, "acceptLate");
    expect(late.body.items.map((i) => i.id)).toEqual([ids.A]);
    const open = await drill(county.people.supervisor.token, "acceptOpen");
    expect(open.body.items.map((i) => i.id)).toEqual([ids.C]);
    const repeat = await drill(county.people.supervisor.token, "repeat");
    expect(repeat.body.items.map((i) => i.id)).toEqual([ids.E]);
    const letters = await drill(county.people.supervisor.token, "batches", "&dim=letter");
    expect(letters.body.items.map((i) => i.id)).toEqual([ids.D]);
  });

  it("rejects a forged cursor", async () => {
    const r = await drill(county.people.supervisor.token, "batches", "&cursor=bm9wZQ");
    expect(r.status).toBe(422);
  });
});

describe("getStatisticsTrend", () => {
  it("gives twelve months, oldest first, with this month's cases in the last", async () => {
    const r = await call<{ items: { month: string; batches: number; persons: number }[] }>(
      `/api/v1/t/${county.code}/statistics/trend`,
      { token: county.people.supervisor.token },
    );
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(12);
    expect(r.body.items.at(-1)?.month).toBe(T.slice(0, 7));
    const total = r.body.items.reduce((t, i) => t + i.batches, 0);
    // All five were received within the last 30 days, so within the last two months.
    expect(total).toBe(5);
  });
});

describe("exportPetitions", () => {
  const exportUrl = (query: string) =>
    `/api/v1/t/${county.code}/statistics/export?${range}&${query}`;
  const fetchRaw = (query: string, token: string) =>
    exports.default.fetch(`https://lianxin.test${exportUrl(query)}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it("writes the cases as CSV with Chinese headers, and audits the export", async () => {
    const res = await fetchRaw("format=csv", county.people.supervisor.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("查询码,收到日期,信访渠道,信访目的,内容分类,承办单位,办理状态,统计日期");
    expect(lines).toHaveLength(6);
    expect(text).not.toContain("李四");
    expect(text).not.toContain("13800000001");
    const { results } = await env.TENANT_DB_1.prepare(
      "SELECT detail FROM audit_log WHERE tenant_id = ? AND action = 'petitions.export'",
    )
      .bind(county.code)
      .all<{ detail: string }>();
    expect(results.length).toBeGreaterThan(0);
    expect(JSON.parse(results.at(-1)?.detail ?? "{}")).toMatchObject({ format: "csv", rows: 5 });
  });

  it("writes an XLSX that opens: a zip whose sheet holds the Chinese headers and the rows", async () => {
    const res = await fetchRaw("format=xlsx", county.people.supervisor.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(".xlsx");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
      ]),
    );
    const decode = (name: string) => new TextDecoder().decode(files[name] ?? new Uint8Array());
    const text = decode("xl/worksheets/sheet1.xml") + decode("xl/sharedStrings.xml");
    for (const header of ["查询码", "收到日期", "承办单位", "办理状态"])
      expect(text).toContain(header);
    expect(decode("xl/workbook.xml")).toContain("信访事项");
    expect((decode("xl/worksheets/sheet1.xml").match(/<row /g) ?? []).length).toBe(6);
  });

  it("is refused to a role that does not work cases, in the one envelope", async () => {
    const res = await fetchRaw("format=csv", county.adminToken);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });
});
