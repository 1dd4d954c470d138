import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { appointmentsOfBookings, listFieldCases } from "../../workers/storage/appointments.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession } from "../support/reception.ts";

/**
 * 下访 / 带案下访: a session held at a village in a township, the cases taken along shown to
 * whoever runs the day through the visibility rule, and nothing for another county.
 */

let county: TestCounty;
let other: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431228", "芷江侗族自治县");
  other = await setUpCounty("431229", "靖州苗族侗族自治县");
});

interface Cases {
  cases: { petitionId: string; trackingCode: string; categoryName: string }[];
}

const path = (session: string, code = county.code) =>
  `/api/v1/t/${code}/reception/sessions/${session}/field-cases`;

describe("field reception (下访)", { timeout: 60_000 }, () => {
  it("is held at a village of a township and takes visible cases along", async () => {
    const refused = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.clerk.token,
      body: {
        leaderId: county.people.townLeader.id,
        unitId: county.township,
        townshipId: county.bureau,
        date: "2099-03-03",
        startTime: "09:00",
        endTime: "11:00",
        venue: "某村村委会",
        form: "field",
        slotMinutes: 30,
        capacityPerSlot: 2,
      },
    });
    expect(refused.status).toBe(422);

    const session = await publishedSession(county, {
      leaderId: county.people.townLeader.id,
      unitId: county.township,
      townshipId: county.township,
      venue: "红星村村委会（村部一楼）",
      form: "field",
    });
    const shown = await call<{ sessions: { id: string; townshipName: string | null }[] }>(
      `/api/v1/t/${county.code}/reception/sessions?from=${session.date}&to=${session.date}`,
    );
    expect(shown.body.sessions.find((s) => s.id === session.id)?.townshipName).toBeTruthy();

    // A case of the township and an accusation against it, both registered by the office.
    const ordinary = await register(county, county.people.clerk.token, {
      unitId: county.township,
      petitioner: { name: "村民甲", phone: "13600000001" },
    });
    const accusation = await register(county, county.people.clerk.token, {
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
      petitioner: { name: "村民乙", phone: "13600000002" },
    });
    expect([ordinary.status, accusation.status]).toEqual([201, 201]);
    const office = county.people.clerk.token;
    const leader = county.people.townLeader.token;

    const added = await call<Cases>(path(session.id), {
      token: office,
      body: { trackingCode: ordinary.body.trackingCode },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await call(path(session.id), { token: office, body: { petitionId: ordinary.body.id } });
    const both = await call<Cases>(path(session.id), {
      token: office,
      body: { petitionId: accusation.body.id },
    });
    expect(both.body.cases.map((c) => c.trackingCode)).toEqual([
      ordinary.body.trackingCode,
      accusation.body.trackingCode,
    ]);

    // The township's leader runs the day: the accusation against the township is not there.
    const onTheDay = await call<Cases>(path(session.id), { token: leader });
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.body.cases.map((c) => c.trackingCode)).toEqual([ordinary.body.trackingCode]);
    expect(JSON.stringify(onTheDay.body)).not.toContain(accusation.body.trackingCode);
    // … nor can they add or remove it, as if it did not exist.
    const probe = await call(path(session.id), {
      token: leader,
      body: { petitionId: accusation.body.id },
    });
    expect(probe.status).toBe(404);
    const removeHidden = await call(`${path(session.id)}/${accusation.body.id}`, {
      method: "DELETE",
      token: leader,
    });
    expect(removeHidden.status).toBe(404);

    // Another unit does not run this day; another county does not see it at all.
    expect((await call(path(session.id), { token: county.people.bureauLeader.token })).status).toBe(
      403,
    );
    expect(
      (await call(path(session.id, other.code), { token: other.people.clerk.token })).status,
    ).toBe(404);
    const theirs = await publishedSession(other, { form: "field" });
    const crossCase = await call(path(theirs.id, other.code), {
      token: other.people.clerk.token,
      body: { petitionId: ordinary.body.id },
    });
    expect(crossCase.status).toBe(404);

    const removed = await call<Cases>(`${path(session.id)}/${ordinary.body.id}`, {
      method: "DELETE",
      token: office,
    });
    expect(removed.body.cases.map((c) => c.trackingCode)).toEqual([accusation.body.trackingCode]);
  });

  it("lets the office change a field session's township after creation", async () => {
    const session = await publishedSession(county, {
      leaderId: county.people.townLeader.id,
      unitId: county.township,
      townshipId: county.township,
      venue: "青山村村委会",
      form: "field",
    });
    const change = (
      body: Record<string, unknown>,
      code = county.code,
      token = county.people.clerk.token,
    ) =>
      call<{
        session: { townshipId: string | null; townshipName: string | null; venue: string };
        told: number;
      }>(`/api/v1/t/${code}/reception/sessions/${session.id}`, { method: "PATCH", token, body });

    // One petitioner is booked (by invitation), to see who is told of what.
    await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: { quietHours: null },
    });
    const created = await register(county, county.people.clerk.token, {
      petitioner: { name: "村民丙", phone: "13600000003" },
    });
    const invited = await call(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/appointments`,
      {
        token: county.people.clerk.token,
        body: { petitionId: created.body.id, slotStart: "09:00" },
      },
    );
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);

    const moved = await change({ townshipId: county.otherTownship });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.session.townshipId).toBe(county.otherTownship);
    expect(moved.body.session.townshipName).toBeTruthy();
    // The venue names the place citizens go to; the township alone tells no one.
    expect(moved.body.told).toBe(0);
    const venue = await change({ venue: "白沙村村部" });
    expect(venue.body.told).toBe(1);
    expect(venue.body.session.townshipId).toBe(county.otherTownship);

    expect((await change({ townshipId: county.bureau })).status).toBe(422);
    expect((await change({ townshipId: "no-such-unit" })).status).toBe(422);
    const cleared = await change({ townshipId: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.session).toMatchObject({ townshipId: null, townshipName: null });
    expect(
      (await change({ townshipId: county.township }, other.code, other.people.clerk.token)).status,
    ).toBe(404);

    // A session that is not held in the field has no township to set.
    const fixed = await publishedSession(county);
    const refused = await call(`/api/v1/t/${county.code}/reception/sessions/${fixed.id}`, {
      method: "PATCH",
      token: county.people.clerk.token,
      body: { townshipId: county.township },
    });
    expect(refused.status).toBe(422);
  });

  it("reads the cases taken along and a session's appointments through their keys", async () => {
    const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
    const viewer = { staffId: "s", unitId: "u", unitSubtree: ["u"], inCountyOffice: false };
    const queries = [
      {
        query: listFieldCases(scope, viewer, "session").toSQL(),
        index:
          /reception_field_cases USING (PRIMARY KEY|INDEX sqlite_autoindex_reception_field_cases)/,
      },
      {
        query: appointmentsOfBookings(scope, viewer, ["A", "B"]).toSQL(),
        index: /reception_appointments USING INDEX reception_appointments_booking_idx/,
      },
    ];
    for (const { query, index } of queries) {
      const plan = await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .bind(...query.params)
        .all<{ detail: string }>();
      expect(plan.results.map((r) => r.detail).join("\n")).toMatch(index);
    }
  });
});
