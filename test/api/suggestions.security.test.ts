import { beforeAll, describe, expect, it } from "vitest";
import type { Suggestion, SuggestionList } from "../../schema/api/suggestions.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";
import { addStaff } from "../support/tenants.ts";

/**
 * The suggestion register probed by those it is not for: another county's office holding
 * every role, the townships and bureaus of the county (the accused one among them), the
 * office's own clerk, and an office leader recused from the case a suggestion names — none
 * may learn that a case they may not see exists.
 */
let county: TestCounty;
let other: TestCounty;
let otherEveryRole: string;
let hidden: { id: string; trackingCode: string };
let linked: Suggestion;
let plain: Suggestion;

const base = (c: TestCounty) => `/api/v1/t/${c.code}/suggestions`;
const body = (overrides: Record<string, unknown> = {}) => ({
  kind: "policy",
  unitId: county.bureau,
  sentOn: "2025-04-01",
  title: "关于完善欠薪处置联动机制的建议",
  content: "建议建立欠薪线索联动处置机制。",
  ...overrides,
});

beforeAll(async () => {
  county = await setUpCounty("431228", "芷江侗族自治县");
  other = await setUpCounty("431229", "靖州苗族侗族自治县");
  otherEveryRole = (
    await addStaff(other, {
      username: "everyone",
      roles: ["tenant_admin", "clerk", "handler", "leader", "supervisor"],
    })
  ).token;
  const made = await register(county, county.people.clerk.token);
  expect(made.status).toBe(201);
  hidden = { id: made.body.id, trackingCode: made.body.trackingCode };
  const a = await call<Suggestion>(base(county), {
    token: county.people.supervisor.token,
    body: body({ trackingCode: hidden.trackingCode }),
  });
  expect(a.status).toBe(201);
  expect(a.body.relatedCase).toEqual(hidden);
  linked = a.body;
  const b = await call<Suggestion>(base(county), {
    token: county.people.supervisor.token,
    body: body({ title: "无关联案件的建议" }),
  });
  plain = b.body;
  // The office's leader steps out of the case's audience (§28).
  const recused = await call(`/api/v1/t/${county.code}/petitions/${hidden.id}/recusals`, {
    token: county.people.leader.token,
    body: { reason: "与信访人系亲属" },
  });
  expect(recused.status).toBe(201);
});

describe("another county's office, holding every role", () => {
  it("finds nothing of this county's register: 404, never 403", async () => {
    for (const [method, url, payload] of [
      ["GET", `${base(other)}/${linked.id}`, undefined],
      [
        "PUT",
        `${base(other)}/${linked.id}/outcome`,
        { version: 1, outcome: "adopted", answeredOn: "2025-05-01" },
      ],
    ] as const) {
      const r = await call<{ error: { code: string } }>(url, {
        method,
        token: otherEveryRole,
        ...(payload && { body: payload }),
      });
      expect(r.status, url).toBe(404);
      expect(r.body.error.code).toBe("NOT_FOUND");
    }
    // Its own token on this county's path is another county's record, too.
    const cross = await call(`${base(county)}/${linked.id}`, { token: otherEveryRole });
    expect(cross.status).toBe(404);
    const list = await call<SuggestionList>(base(other), { token: otherEveryRole });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it("cannot link this county's case: the answer is that of a code that does not exist", async () => {
    const theirs = await call<{ error: unknown }>(base(other), {
      token: otherEveryRole,
      body: body({ unitId: other.bureau, trackingCode: hidden.trackingCode }),
    });
    const none = await call<{ error: unknown }>(base(other), {
      token: otherEveryRole,
      body: body({ unitId: other.bureau, trackingCode: "XX00000000" }),
    });
    expect(theirs.status).toBe(404);
    expect(none.status).toBe(404);
    const strip = (e: unknown) => ({ ...(e as object), requestId: "" });
    expect(strip(theirs.body.error)).toEqual(strip(none.body.error));
    const unit = await call(base(other), {
      token: otherEveryRole,
      body: body({ unitId: county.bureau }),
    });
    expect(unit.status).toBe(422);
  });
});

describe("townships and bureaus", () => {
  let toTownship: Suggestion;
  let aboutAccusation: Suggestion;
  let accusation: { id: string; trackingCode: string };

  beforeAll(async () => {
    const made = await register(county, county.people.clerk.token, {
      purpose: "accusation",
      categoryCode: "03.01",
      subjectUnitId: county.bureau,
      petitioner: { name: "周九", phone: "13900000301", address: "某村" },
    });
    expect(made.status).toBe(201);
    accusation = { id: made.body.id, trackingCode: made.body.trackingCode };
    const t = await call<Suggestion>(base(county), {
      token: county.people.supervisor.token,
      body: body({ unitId: county.township, title: "致乡镇的建议" }),
    });
    expect(t.status).toBe(201);
    toTownship = t.body;
    // The office links the accusation to a suggestion it sends the very unit accused.
    const a = await call<Suggestion>(base(county), {
      token: county.people.supervisor.token,
      body: body({ title: "关于规范执法程序的建议", trackingCode: accusation.trackingCode }),
    });
    expect(a.body.relatedCase).toEqual(accusation);
    aboutAccusation = a.body;
  });

  it("read only what was sent to them, and write nothing", async () => {
    const town = {
      townLeader: county.people.townLeader.token,
      townClerk: county.people.townClerk.token,
    };
    for (const [who, token] of Object.entries(town)) {
      const list = await call<SuggestionList>(`${base(county)}?limit=100`, { token });
      expect(list.status, who).toBe(200);
      expect(list.body.items.map((s) => s.id)).toEqual([toTownship.id]);
      expect((await call(`${base(county)}/${toTownship.id}`, { token })).status).toBe(200);
      // Sent elsewhere: exactly as an id that does not exist.
      for (const id of [linked.id, "no-such-id"]) {
        const one = await call<{ error: { code: string } }>(`${base(county)}/${id}`, { token });
        expect(one.status, who).toBe(404);
        const answer = await call(`${base(county)}/${id}/outcome`, {
          method: "PUT",
          token,
          body: { version: 1, outcome: "adopted", answeredOn: "2025-05-01" },
        });
        expect(answer.status, who).toBe(404);
      }
      const own = await call(`${base(county)}/${toTownship.id}/outcome`, {
        method: "PUT",
        token,
        body: { version: 1, outcome: "adopted", answeredOn: "2025-05-01" },
      });
      expect(own.status, who).toBe(403);
      const made = await call(base(county), { token, body: body({ unitId: county.township }) });
      expect(made.status, who).toBe(403);
    }
    const report = await call(`/api/v1/t/${county.code}/statistics/annual-report?year=2025`, {
      token: county.people.townLeader.token,
    });
    expect(report.status).toBe(403);
    const still = await call<Suggestion>(`${base(county)}/${toTownship.id}`, {
      token: county.people.supervisor.token,
    });
    expect(still.body).toMatchObject({ outcome: "pending", version: 1 });
  });

  it("show the accused unit what it was sent, never the accusation behind it", async () => {
    for (const token of [county.people.handler.token, county.people.bureauLeader.token]) {
      const list = await call<SuggestionList>(`${base(county)}?limit=100`, { token });
      expect(list.status).toBe(200);
      const mine = list.body.items.find((s) => s.id === aboutAccusation.id);
      expect(mine?.relatedCase).toBeNull();
      expect(Object.keys(mine ?? {})).toEqual(Object.keys(plain));
      const one = await call<Suggestion>(`${base(county)}/${aboutAccusation.id}`, { token });
      expect(one.body.relatedCase).toBeNull();
      for (const reply of [list.body, one.body]) {
        const text = JSON.stringify(reply);
        expect(text).not.toContain(accusation.id);
        expect(text).not.toContain(accusation.trackingCode);
      }
      // Nor can the accused unit find the accusation by linking it.
      const probe = await call<{ error: unknown }>(base(county), {
        token: county.people.bureauLeader.token,
        body: body({ trackingCode: accusation.trackingCode }),
      });
      expect(probe.status).toBe(403);
    }
    // The other bureau was sent nothing.
    const other = await call<SuggestionList>(base(county), {
      token: county.people.otherHandler.token,
    });
    expect(other.body.items).toEqual([]);
  });

  it("lets the office's clerk read all but write nothing", async () => {
    const token = county.people.clerk.token;
    const list = await call<SuggestionList>(`${base(county)}?limit=100`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => s.id)).toEqual(
      expect.arrayContaining([linked.id, toTownship.id, aboutAccusation.id]),
    );
    expect((await call(base(county), { token, body: body() })).status).toBe(403);
  });
});

describe("an office leader recused from the linked case", () => {
  const token = () => county.people.leader.token;

  it("sees the suggestion as naming no case, in the list and on its own", async () => {
    const list = await call<SuggestionList>(`${base(county)}?limit=100`, { token: token() });
    expect(list.status).toBe(200);
    const mine = list.body.items.find((s) => s.id === linked.id);
    expect(mine?.relatedCase).toBeNull();
    // Exactly what a suggestion that names no case looks like.
    expect(Object.keys(mine ?? {})).toEqual(Object.keys(plain));
    const one = await call<Suggestion>(`${base(county)}/${linked.id}`, { token: token() });
    expect(one.status).toBe(200);
    expect(one.body.relatedCase).toBeNull();
    const report = await call(`/api/v1/t/${county.code}/statistics/annual-report?year=2025`, {
      token: token(),
    });
    expect(report.status).toBe(200);
    for (const reply of [list.body, one.body, report.body]) {
      const text = JSON.stringify(reply);
      expect(text).not.toContain(hidden.id);
      expect(text).not.toContain(hidden.trackingCode);
    }
    // The supervisor, who may see the case, still sees the link.
    const seen = await call<Suggestion>(`${base(county)}/${linked.id}`, {
      token: county.people.supervisor.token,
    });
    expect(seen.body.relatedCase).toEqual(hidden);
  });

  it("cannot link it: the same 404 as a code that does not exist, and nothing written", async () => {
    const before = await call<SuggestionList>(`${base(county)}?limit=100`, {
      token: county.people.supervisor.token,
    });
    const theirs = await call<{ error: unknown }>(base(county), {
      token: token(),
      body: body({ trackingCode: hidden.trackingCode }),
    });
    const none = await call<{ error: unknown }>(base(county), {
      token: token(),
      body: body({ trackingCode: "XX00000000" }),
    });
    expect(theirs.status).toBe(404);
    const strip = (e: unknown) => ({ ...(e as object), requestId: "" });
    expect(strip(theirs.body.error)).toEqual(strip(none.body.error));
    const after = await call<SuggestionList>(`${base(county)}?limit=100`, {
      token: county.people.supervisor.token,
    });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("records the answer without learning the case", async () => {
    const r = await call<Suggestion>(`${base(county)}/${linked.id}/outcome`, {
      method: "PUT",
      token: token(),
      body: { version: 1, outcome: "partlyAdopted", answeredOn: "2025-05-01" },
    });
    expect(r.status).toBe(200);
    expect(r.body.relatedCase).toBeNull();
    expect(JSON.stringify(r.body)).not.toContain(hidden.trackingCode);
  });
});
