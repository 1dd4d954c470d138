import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck, solvedChallenge } from "../support/human-check.ts";
import { oneTimeCode, publishedSession } from "../support/reception.ts";

// Written as a stranger with a script would probe the county's public edges.

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431221", "中方县");
  await humanCheck(county); // lowers the county's proof-of-work difficulty for the tests
});

const settings = (body: Record<string, unknown>) =>
  call(`/api/v1/t/${county.code}/settings/reception`, {
    method: "PUT",
    token: county.adminToken,
    body,
  });

const askCode = async (phone: string, ip: string, altcha?: string) =>
  call<{ error?: { code: string; message: string; details?: { retryAfterSeconds?: number } } }>(
    `/api/v1/t/${county.code}/public/booking-code`,
    { ip, body: { phone, altcha: altcha ?? (await humanCheck(county)) } },
  );

interface Booked {
  bookingCode: string;
  error?: { code: string; details?: unknown };
}

const bookWith = async (
  sessionId: string,
  phone: string,
  code: string,
  slotStart = "08:30",
  altcha?: string,
) =>
  call<Booked>(`/api/v1/t/${county.code}/public/bookings`, {
    ip: freshIp(),
    body: {
      sessionId,
      slotStart,
      name: "石某",
      phone,
      code,
      topic: "反映问题",
      altcha: altcha ?? (await humanCheck(county)),
    },
  });

describe("the human check", () => {
  it("is required, verified on the server and good for one request", async () => {
    const phone = "13722220001";
    const missing = await call(`/api/v1/t/${county.code}/public/booking-code`, {
      ip: freshIp(),
      body: { phone },
    });
    expect(missing.status).toBe(400);

    const forged = btoa(
      JSON.stringify({
        challenge: { parameters: { algorithm: "SHA-256", keyPrefix: "0" }, signature: "00" },
        solution: { counter: 1, derivedKey: "00" },
      }),
    );
    const refused = await askCode(phone, freshIp(), forged);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain("人机验证");

    const payload = await humanCheck(county);
    expect((await askCode(phone, freshIp(), payload)).status).toBe(202);
    const replay = await askCode("13722220002", freshIp(), payload);
    expect(replay.status).toBe(422);

    // Unsolved: the challenge with a made-up answer.
    const challenge = await call<Record<string, unknown>>(
      `/api/v1/t/${county.code}/public/challenge`,
    );
    const unsolved = btoa(
      JSON.stringify({ challenge: challenge.body, solution: { counter: 0, derivedKey: "ab" } }),
    );
    expect((await askCode("13722220003", freshIp(), unsolved)).status).toBe(422);
  });

  it("guards the online petition form too", async () => {
    const body = {
      purpose: "request",
      categoryCode: "15.01",
      petitioner: { name: "龙某", phone: "13722220009" },
      facts: "事实。",
      demands: "请求。",
    };
    const without = await call(`/api/v1/t/${county.code}/public/petitions`, {
      ip: freshIp(),
      body: { ...body, altcha: "bm90IGEgcGF5bG9hZA==" },
    });
    expect(without.status).toBe(422);
    const withCheck = await call(`/api/v1/t/${county.code}/public/petitions`, {
      ip: freshIp(),
      body: { ...body, altcha: await humanCheck(county) },
    });
    expect(withCheck.status).toBe(201);
  });

  it("raises its work with the county's difficulty setting", async () => {
    const low = await call<{ parameters: { keyPrefix: string } }>(
      `/api/v1/t/${county.code}/public/challenge`,
    );
    expect(low.body.parameters.keyPrefix).toBe("0");
    const solvedLow = await solvedChallenge(county.code);
    await settings({ proofOfWorkDifficulty: 3 });
    try {
      // A solution found at the old difficulty no longer passes.
      expect((await askCode("13722220004", freshIp(), solvedLow)).status).toBe(422);
      const high = await call<{ parameters: { keyPrefix: string } }>(
        `/api/v1/t/${county.code}/public/challenge`,
      );
      expect(high.body.parameters.keyPrefix).toBe("000");
    } finally {
      await settings({ proofOfWorkDifficulty: 1 });
    }
  });
});

describe("SMS one-time codes", { timeout: 120_000 }, () => {
  it("stop at the county's limit per address, with 429 and when to come back", async () => {
    await settings({ codesPerAddressPerDay: 3 });
    try {
      const ip = freshIp();
      const replies = [];
      // A burst from one address, each to a different phone.
      for (let i = 0; i < 8; i += 1) replies.push(await askCode(`1373333000${i}`, ip));
      const sent = replies.filter((r) => r.status === 202).length;
      expect(sent).toBe(3);
      const limited = replies.filter((r) => r.status === 429);
      expect(limited).toHaveLength(5);
      const [first] = limited;
      expect(first?.body.error?.code).toBe("RATE_LIMITED");
      expect(first?.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(first?.body.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
      // Another address is not affected.
      expect((await askCode("13733330099", freshIp())).status).toBe(202);
    } finally {
      await settings({ codesPerAddressPerDay: 20 });
    }
  });

  it("stop at the limit per phone, and one a minute", async () => {
    const phone = "13733331111";
    expect((await askCode(phone, freshIp())).status).toBe(202);
    const again = await askCode(phone, freshIp());
    expect(again.status).toBe(429);
    expect(again.body.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("stop at the county's daily ceiling", async () => {
    await settings({ codesPerCountyPerDay: 1 });
    try {
      const reply = await askCode("13733332222", freshIp());
      expect(reply.status).toBe(429);
      expect(reply.body.error?.message).toContain("上限");
    } finally {
      await settings({ codesPerCountyPerDay: 1000 });
    }
  });
});

describe("one code books one booking", { timeout: 180_000 }, () => {
  it("gives one booking to six sessions booked at once with the same code", async () => {
    const sessions = [];
    for (let i = 0; i < 6; i += 1) {
      sessions.push(await publishedSession(county, { date: futureDate(3 + i) }));
    }
    const phone = "13744440001";
    const code = await oneTimeCode(county, phone, freshIp());
    const checks = await Promise.all(sessions.map(() => humanCheck(county)));
    const replies = await Promise.all(
      sessions.map((s, i) => bookWith(s.id, phone, code, "08:30", checks[i])),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
  });

  it("holds the wrong-attempt limit under concurrency: 39 wrong at once lock the right one", async () => {
    const session = await publishedSession(county, { date: futureDate(12) });
    const phone = "13744440002";
    const code = await oneTimeCode(county, phone, freshIp());
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const checks = await Promise.all(Array.from({ length: 39 }, () => humanCheck(county)));
    const replies = await Promise.all(
      checks.map((altcha) => bookWith(session.id, phone, wrong, "08:30", altcha)),
    );
    expect(replies.every((r) => r.status === 422)).toBe(true);
    const right = await bookWith(session.id, phone, code);
    expect(right.status).toBe(422);
  });

  it("decides the monthly cap in the phone's single writer; a cancel frees a place", async () => {
    await settings({ monthlyBookingsPerPhone: 1 });
    try {
      const phone = "13744440003";
      const a = await publishedSession(county, { date: nextMonthDay(10) });
      const b = await publishedSession(county, { date: nextMonthDay(11) });
      const first = await bookWith(a.id, phone, await oneTimeCode(county, phone, freshIp()));
      expect(first.status).toBe(201);
      // A phone gets one code a minute.
      await new Promise((resolve) => setTimeout(resolve, 61_000));
      const code = await oneTimeCode(county, phone, freshIp());
      const second = await bookWith(b.id, phone, code);
      expect(second.status).toBe(409);
      const cancelled = await call(
        `/api/v1/t/${county.code}/public/bookings/${first.body.bookingCode}/cancel`,
        { ip: freshIp(), body: { phoneLast4: "0003" } },
      );
      expect(cancelled.status).toBe(200);
      // The refused booking did not spend the code: it books now that the month has room.
      expect((await bookWith(b.id, phone, code)).status).toBe(201);
    } finally {
      await settings({ monthlyBookingsPerPhone: 4 });
    }
  });
});

describe("reception bookings", { timeout: 60_000 }, () => {
  it("are audited when booked, rescheduled and cancelled, with no phone or name", async () => {
    const session = await publishedSession(county, { date: futureDate(40) });
    const phone = "13744440004";
    const booked = await bookWith(session.id, phone, await oneTimeCode(county, phone, freshIp()));
    expect(booked.status).toBe(201);
    const path = `/api/v1/t/${county.code}/public/bookings/${booked.body.bookingCode}`;
    const moved = await call(`${path}/reschedule`, {
      ip: freshIp(),
      body: { phoneLast4: "0004", slotStart: "09:00" },
    });
    expect(moved.status).toBe(200);
    expect(
      (await call(`${path}/cancel`, { ip: freshIp(), body: { phoneLast4: "0004" } })).status,
    ).toBe(200);
    const { results } = await env.TENANT_DB_1.prepare(
      "SELECT action, detail FROM audit_log WHERE tenant_id = ? AND target_id = ? ORDER BY at",
    )
      .bind(county.code, booked.body.bookingCode)
      .all<{ action: string; detail: string }>();
    expect(results.map((r) => r.action)).toEqual([
      "reception.book",
      "reception.reschedule",
      "reception.cancel",
    ]);
    expect(JSON.stringify(results)).not.toMatch(/石某|13744440004/);
  });
});

describe("tracking one case", () => {
  it("locks after a few wrong digits from any addresses, and answers like a wrong code", async () => {
    const created = await call<{ trackingCode: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      {
        ip: freshIp(),
        body: {
          purpose: "request",
          categoryCode: "15.01",
          petitioner: { name: "舒某", phone: "13755550001" },
          facts: "事实。",
          demands: "请求。",
          altcha: await humanCheck(county),
        },
      },
    );
    const track = (trackingCode: string, phoneLast4: string) =>
      call(`/api/v1/t/${county.code}/public/track`, {
        ip: freshIp(),
        body: { trackingCode, phoneLast4 },
      });
    const code = created.body.trackingCode;
    expect((await track(code, "0001")).status).toBe(200);
    const unknown = await track("ZZZZZZZZZZ", "0001");
    for (let i = 0; i < 5; i += 1) expect((await track(code, `999${i}`)).status).toBe(404);
    const locked = await track(code, "0001");
    expect(locked.status).toBe(404);
    const strip = (body: unknown) => JSON.stringify(body).replace(/"requestId":"[^"]*"/, "");
    expect(strip(locked.body)).toBe(strip(unknown.body));
  });
});

describe("bad input found by fuzzing", () => {
  it("answers an empty unit change with a clear 4xx", async () => {
    const reply = await call(`/api/v1/t/${county.code}/units/${county.township}`, {
      method: "PATCH",
      token: county.adminToken,
      body: {},
    });
    expect(reply.status).toBe(422);
  });

  it("lets a township schedule only its own leaders; the county office any", async () => {
    const body = {
      leaderId: county.people.leader.id,
      date: futureDate(30),
      startTime: "08:30",
      endTime: "11:30",
      venue: "镇政府",
      form: "fixed",
      slotMinutes: 30,
      capacityPerSlot: 2,
    };
    const township = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.townClerk.token,
      body,
    });
    expect(township.status).toBe(422);
    const own = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.townClerk.token,
      body: { ...body, leaderId: county.people.townLeader.id },
    });
    expect(own.status).toBe(201);
    const office = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.clerk.token,
      body: { ...body, leaderId: county.people.townLeader.id, unitId: county.township },
    });
    expect(office.status).toBe(201);
  });

  it("draws no ticket number for an unknown booking code", async () => {
    const session = await publishedSession(county, { date: futureDate(0) });
    const desk = (body: unknown) =>
      call<{ number: number }>(
        `/api/v1/t/${county.code}/reception/sessions/${session.id}/check-in`,
        { token: county.people.clerk.token, body },
      );
    expect((await desk({ bookingCode: "NOSUCHCODE" })).status).toBeGreaterThanOrEqual(400);
    expect((await desk({ bookingCode: "NOSUCHCODE" })).status).toBeLessThan(500);
    const walkIn = await desk({ walkIn: { name: "田某某" } });
    expect(walkIn.body.number).toBe(1);
  });
});

/** A China-time date `days` from today. */
function futureDate(days: number) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day `day` of next month: two sessions in one month, within the booking horizon. */
function nextMonthDay(day: number) {
  const today = new Date(Date.now() + 8 * 3_600_000);
  const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, day));
  return next.toISOString().slice(0, 10);
}
