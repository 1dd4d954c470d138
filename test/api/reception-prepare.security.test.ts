import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { oneTimeCode, publishedSession, tomorrowCst } from "../support/reception.ts";

/**
 * Preparing for a township leader's reception day: the leader sees who booked, what they
 * will raise and their earlier cases, but never an accusation against the township, not
 * even as a count; another unit and another county see nothing.
 */

let county: TestCounty;
let other: TestCounty;
const PHONE = "13911118888";

beforeAll(async () => {
  county = await setUpCounty("431221", "中方县");
  other = await setUpCounty("431225", "会同县");
});

async function register(body: Record<string, unknown>) {
  const created = await call<{ trackingCode: string }>(`/api/v1/t/${county.code}/petitions`, {
    token: county.people.clerk.token,
    body: {
      channel: "visit",
      receivedAt: new Date().toISOString(),
      petitioner: { name: "谭某某", phone: PHONE },
      facts: "事实经过。",
      demands: "诉求。",
      ...body,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.trackingCode;
}

interface Prepared {
  bookings: {
    bookingCode: string;
    name: string;
    topic: string;
    earlierCases: { trackingCode: string; categoryName: string }[];
  }[];
}

describe("the day's bookings before the day", { timeout: 60_000 }, () => {
  it("show the leader the topic and earlier cases, without an accusation against the unit", async () => {
    const request = await register({
      purpose: "request",
      categoryCode: "14.02",
      unitId: county.township,
    });
    const accusation = await register({
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
    });
    const session = await publishedSession(county, {
      leaderId: county.people.townLeader.id,
      unitId: county.township,
      date: tomorrowCst(3),
    });
    const ip = freshIp();
    const booked = await call<{ bookingCode: string }>(`/api/v1/t/${county.code}/public/bookings`, {
      ip,
      body: {
        sessionId: session.id,
        slotStart: "09:00",
        altcha: await humanCheck(county),
        name: "谭某某",
        phone: PHONE,
        code: await oneTimeCode(county, PHONE, ip),
        topic: "征地补偿款至今未发放",
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const path = `/api/v1/t/${county.code}/reception/sessions/${session.id}/bookings`;

    const leader = await call<Prepared>(path, { token: county.people.townLeader.token });
    expect(leader.status, JSON.stringify(leader.body)).toBe(200);
    expect(leader.body.bookings).toHaveLength(1);
    const [first] = leader.body.bookings;
    expect(first).toMatchObject({
      bookingCode: booked.body.bookingCode,
      name: "谭某某",
      topic: "征地补偿款至今未发放",
    });
    const codes = first?.earlierCases.map((e) => e.trackingCode) ?? [];
    expect(codes).toContain(request);
    expect(codes).not.toContain(accusation);
    expect(JSON.stringify(leader.body)).not.toContain(accusation);
    expect(first?.earlierCases).toHaveLength(1);

    // The county office prepares every session; it sees the request too.
    const office = await call<Prepared>(path, { token: county.people.clerk.token });
    expect(office.body.bookings[0]?.earlierCases.map((e) => e.trackingCode)).toContain(request);

    // Another unit's staff and another county learn nothing.
    const bureau = await call(path, { token: county.people.bureauLeader.token });
    expect(bureau.status).toBe(403);
    expect(JSON.stringify(bureau.body)).not.toContain(booked.body.bookingCode);
    const elsewhere = await call(
      `/api/v1/t/${other.code}/reception/sessions/${session.id}/bookings`,
      { token: other.people.clerk.token },
    );
    expect(elsewhere.status).toBe(404);
    const anonymous = await call(path);
    expect(anonymous.status).toBe(401);
  });
});
