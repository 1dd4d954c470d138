import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { QueueState, ServerMessage } from "../../schema/realtime/reception-queue.ts";
import { expandQueue } from "../../web/src/shared/public-queue.ts";
import type { ReceptionSession } from "../../workers/reception/session-object.ts";
import { call, freshIp } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { oneTimeCode, publishedSession, tomorrowCst } from "../support/reception.ts";

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("430121", "长沙县");
});

const stubOf = (sessionId: string) =>
  env.RECEPTION_SESSION.get(env.RECEPTION_SESSION.idFromName(`${county.code}:${sessionId}`));

async function book(
  sessionId: string,
  phone: string,
  slotStart = "08:30",
  extra: Record<string, unknown> = {},
) {
  const ip = freshIp();
  const code = await oneTimeCode(county, phone, ip);
  return call<{
    bookingCode: string;
    slotStart: string;
    qrSvg: string;
    error?: { code: string; details?: { nearestFree: string[] } };
  }>(`/api/v1/t/${county.code}/public/bookings`, {
    ip,
    body: {
      sessionId,
      slotStart,
      altcha: await humanCheck(county),
      name: "谭某",
      phone,
      code,
      topic: "反映征地补偿问题",
      headcount: 1,
      ...extra,
    },
  });
}

describe("the schedule", () => {
  // A month ahead of any run of the suite with no public holiday in it (a fixed date in the
  // past is refused: sessions are scheduled ahead).
  it("creates a series on the county calendar and publishes it", async () => {
    const created = await call<{ sessions: { date: string; status: string }[] }>(
      `/api/v1/t/${county.code}/reception/sessions`,
      {
        token: county.people.clerk.token,
        body: {
          leaderId: county.people.leader.id,
          date: "2027-03-02",
          startTime: "08:30",
          endTime: "11:30",
          venue: "县信访局",
          form: "fixed",
          slotMinutes: 30,
          capacityPerSlot: 1,
          repeat: { rule: { kind: "weekly", weekdays: [2, 4] }, until: "2027-03-31" },
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.sessions.map((s) => s.date)).toEqual([
      "2027-03-02",
      "2027-03-04",
      "2027-03-09",
      "2027-03-11",
      "2027-03-16",
      "2027-03-18",
      "2027-03-23",
      "2027-03-25",
      "2027-03-30",
    ]);
    expect(created.body.sessions.every((s) => s.status === "draft")).toBe(true);

    const before = await call<{ sessions: unknown[] }>(
      `/api/v1/t/${county.code}/reception/sessions?from=2027-03-01&to=2027-03-31`,
    );
    expect(before.body.sessions).toHaveLength(0);
    await call(`/api/v1/t/${county.code}/reception/sessions/publish`, {
      token: county.people.clerk.token,
      body: { from: "2027-03-01", to: "2027-03-31" },
    });
    const after = await call<{ sessions: { leaderName: string; formLabel: string }[] }>(
      `/api/v1/t/${county.code}/reception/sessions?from=2027-03-01&to=2027-03-31`,
    );
    expect(after.body.sessions).toHaveLength(9);
    expect(after.body.sessions[0]).toMatchObject({
      leaderName: "测试leader",
      formLabel: "定点接访",
    });

    const ics = await call<{ text: string }>(`/api/v1/t/${county.code}/reception/calendar.ics`);
    expect(ics.headers.get("content-type")).toMatch(/text\/calendar/);
    expect(ics.body.text.match(/BEGIN:VEVENT/g)).toHaveLength(9);
    expect(ics.body.text).toContain("DTSTART;TZID=Asia/Shanghai:20270302T083000");
  });

  it("refuses a leader who is not a leader and a window with no slot", async () => {
    const notLeader = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.clerk.token,
      body: {
        leaderId: county.people.clerk.id,
        date: tomorrowCst(3),
        startTime: "08:30",
        endTime: "11:30",
        venue: "x",
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 1,
      },
    });
    expect(notLeader.status).toBe(422);
    const noSlot = await call(`/api/v1/t/${county.code}/reception/sessions`, {
      token: county.people.clerk.token,
      body: {
        leaderId: county.people.leader.id,
        date: tomorrowCst(3),
        startTime: "11:00",
        endTime: "10:00",
        venue: "x",
        form: "fixed",
        slotMinutes: 30,
        capacityPerSlot: 1,
      },
    });
    expect(noSlot.status).toBe(422);
  });
});

// One-time codes travel the real delivery path (queue → consumer → dev outbox): allow time.
describe("booking", { timeout: 60_000 }, () => {
  it("books with a one-time code, shows it by code, and cancels it", async () => {
    const session = await publishedSession(county);
    const booked = await book(session.id, "13811110001");
    expect(booked.status).toBe(201);
    expect(booked.body.bookingCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(booked.body.qrSvg).toContain("<svg");

    const shown = await call(
      `/api/v1/t/${county.code}/public/bookings/${booked.body.bookingCode}?phoneLast4=0001`,
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ status: "active", slotStart: "08:30", name: "谭*" });
    expect(
      (
        await call(
          `/api/v1/t/${county.code}/public/bookings/${booked.body.bookingCode}?phoneLast4=9999`,
        )
      ).status,
    ).toBe(404);

    const again = await book(session.id, "13811110001", "09:00");
    expect(again.body, JSON.stringify(again.body)).toMatchObject({ error: { code: "CONFLICT" } });

    const cancelled = await call(
      `/api/v1/t/${county.code}/public/bookings/${booked.body.bookingCode}/cancel`,
      {
        body: { phoneLast4: "0001" },
      },
    );
    expect(cancelled.body).toMatchObject({ status: "cancelled" });
  });

  it("refuses a wrong one-time code", async () => {
    const session = await publishedSession(county);
    await oneTimeCode(county, "13811110002");
    const reply = await call(`/api/v1/t/${county.code}/public/bookings`, {
      body: {
        sessionId: session.id,
        slotStart: "08:30",
        altcha: await humanCheck(county),
        name: "甲",
        phone: "13811110002",
        code: "000000",
        topic: "x",
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { details: [{ path: "code" }] } });
  });

  it("answers a full slot with 409 SLOT_FULL and the nearest free slots", async () => {
    const session = await publishedSession(county, { capacityPerSlot: 1 });
    expect((await book(session.id, "13811110003", "09:00")).status).toBe(201);
    const full = await book(session.id, "13811110004", "09:00");
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({
      code: "SLOT_FULL",
      details: { nearestFree: ["08:30", "09:30", "10:00"] },
    });
  });

  it("gives exactly 10 bookings to 1,000 simultaneous attempts on 10 slots of one place", async () => {
    const session = await publishedSession(county, {
      capacityPerSlot: 1,
      startTime: "08:00",
      endTime: "13:00",
    });
    const stub = stubOf(session.id);
    const slots = [
      "08:00",
      "08:30",
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "12:00",
      "12:30",
    ];
    const attempts = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        stub.book({
          slotStart: slots[i % 10] ?? "08:00",
          phoneHash: `phone-${i}`,
          partySealed: "sealed",
          label: `市民${i}`,
          topic: "测试",
          headcount: 1,
        }),
      ),
    );
    const won = attempts.filter((a) => a.ok);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((a) => (a.ok ? a.booking.slotStart : ""))).size).toBe(10);
    expect(attempts.filter((a) => !a.ok && a.reason === "SLOT_FULL")).toHaveLength(990);
  });
});

describe("the day's queue", { timeout: 60_000 }, () => {
  it("checks in, calls in order, survives eviction, and registers the visit as a petition", async () => {
    const session = await publishedSession(county);
    const first = await book(session.id, "13811110005", "08:30");
    const second = await book(session.id, "13811110006", "09:00");
    const desk = (path: string, body?: unknown) =>
      call<{ number: number; label: string; status: string; error?: unknown }>(
        `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
        { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
      );
    const t2 = await desk("check-in", { bookingCode: second.body.bookingCode });
    const mine = await call<{ status: string; ticketNumber: number }>(
      `/api/v1/t/${county.code}/public/bookings/${second.body.bookingCode}?phoneLast4=0006`,
    );
    expect(mine.body).toMatchObject({ status: "checked_in", ticketNumber: t2.body.number });
    const t1 = await desk("check-in", { bookingCode: first.body.bookingCode });
    const walkIn = await desk("check-in", { walkIn: { name: "临时来访者" } });
    expect([t2.body.number, t1.body.number, walkIn.body.number]).toEqual([1, 2, 3]);

    await evictDurableObject(stubOf(session.id));
    const queue = await call<{ waiting: { number: number }[] }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/queue`,
    );
    // The session is days away: both booked citizens came early and wait for their slots
    // (08:30 before 09:00), so the walk-in goes first.
    expect(queue.body.waiting.map((t) => t.number)).toEqual([3, 2, 1]);

    const [a, b] = await Promise.all([desk("call-next"), desk("call-next")]);
    expect(new Set([a.body.number, b.body.number]).size).toBe(2);

    const done = await call<{
      ticket: { status: string; petitionId: string };
      petition: { channel: string; ownerLeaderId: string; petitioner: { name: string } };
    }>(`/api/v1/t/${county.code}/reception/sessions/${session.id}/tickets/2/complete`, {
      token: county.people.clerk.token,
      body: {
        purpose: "request",
        categoryCode: "14.02",
        facts: "征地补偿未到位。",
        demands: "请求补偿。",
      },
    });
    expect(done.status).toBe(200);
    expect(done.body.ticket.status).toBe("completed");
    expect(done.body.petition).toMatchObject({
      channel: "reception",
      ownerLeaderId: county.people.leader.id,
      petitioner: { name: "谭某" },
    });

    const recall = (n: number) => desk(`tickets/${n}/recall`);
    const called = [a.body.number, b.body.number].find((n) => n !== 2) ?? 1;
    await recall(called);
    const third = await recall(called);
    expect(third.body.status).toBe("no_show");

    const state = await call<{ served: number; noShows: number }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/queue`,
    );
    expect(state.body).toMatchObject({ served: 1, noShows: 1 });
  });

  it("streams the state to watchers over a WebSocket, numbers only for the public", async () => {
    const session = await publishedSession(county);
    const base = `/api/v1/t/${county.code}/reception/sessions/${session.id}`;
    const clerk = county.people.clerk.token;
    for (const name of ["王五", "赵六"]) {
      await call(`${base}/check-in`, { token: clerk, body: { walkIn: { name, topic: "宅基地" } } });
    }
    await call(`${base}/call-next`, { token: clerk, method: "POST" });
    const response = await exports.default.fetch(`https://lianxin.test${base}/queue/watch`, {
      headers: { upgrade: "websocket" },
    });
    expect(response.status).toBe(101);
    const ws = response.webSocket;
    if (!ws) throw new Error("no WebSocket");
    const first = new Promise<string>((resolve) =>
      ws.addEventListener("message", (event) => resolve(String(event.data))),
    );
    ws.accept();
    const text = await first;
    ws.close();
    for (const secret of ["王", "赵", "宅基地", "walk_in", "label"])
      expect(text).not.toContain(secret);
    const message = JSON.parse(text) as ServerMessage;
    if (message.type !== "queue") throw new Error(`not the public form: ${text}`);
    // The short form is the HTTP answer's state, which a board shows while its socket is down.
    const named = await call<QueueState>(`${base}/queue`);
    expect(expandQueue(message.q, session.id)).toEqual(named.body);
    expect(named.body.nowServing?.number).toBe(1);
    expect(named.body.waiting.map((t) => t.number)).toEqual([2]);
  });

  it("keeps another unit's staff off the desk", async () => {
    const session = await publishedSession(county);
    const reply = await call(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/call-next`,
      {
        token: county.people.townClerk.token,
        method: "POST",
      },
    );
    expect(reply.status).toBe(403);
  });
});

describe("the object itself", () => {
  it("keeps its queue in SQLite storage", async () => {
    const session = await publishedSession(county);
    await call(`/api/v1/t/${county.code}/reception/sessions/${session.id}/check-in`, {
      token: county.people.clerk.token,
      body: { walkIn: { name: "甲" } },
    });
    const rows = await runInDurableObject(
      stubOf(session.id),
      (_instance: ReceptionSession, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM tickets").one().n,
    );
    expect(rows).toBe(1);
  });
});

describe("reminders", { timeout: 60_000 }, () => {
  it("text everyone booked the day before, once", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(1) });
    const booked = await book(session.id, "13811110009", "10:00");
    expect(booked.status).toBe(201);
    const { runDeadlineScan } = await import("../../workers/domain/notify/scan.ts");
    const morning = new Date(`${tomorrowCst(0)}T09:00:00+08:00`);
    const first = await runDeadlineScan(env, morning, county.code);
    const second = await runDeadlineScan(env, morning, county.code);
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    expect(second.reminders).toBe(0);
    const rows = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE tenant_id = ? AND event = 'reception.reminder' AND idempotency_key LIKE ?",
    )
      .bind(county.code, `reminder:${booked.body.bookingCode}:%`)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });
});

describe("the county's live monitor", () => {
  it("is for the county office, over a WebSocket", async () => {
    const office = await call(`/api/v1/t/${county.code}/reception/monitor/watch`, {
      token: county.people.clerk.token,
      headers: { upgrade: "websocket" },
    });
    expect(office.status).toBe(101);
    const township = await call(`/api/v1/t/${county.code}/reception/monitor/watch`, {
      token: county.people.townClerk.token,
      headers: { upgrade: "websocket" },
    });
    expect(township.status).toBe(403);
  });

  it("collects every session's numbers as they change", async () => {
    const session = await publishedSession(county, {
      date: tomorrowCst(0),
      startTime: "20:00",
      endTime: "23:00",
    });
    await call(`/api/v1/t/${county.code}/reception/sessions/${session.id}/check-in`, {
      token: county.people.clerk.token,
      body: { walkIn: { name: "乙" } },
    });
    // Sessions report coalesced summaries, at most one per half second.
    const monitor = env.TENANT_MONITOR.get(env.TENANT_MONITOR.idFromName(county.code));
    await vi.waitFor(
      async () => {
        const snapshot = await monitor.snapshot(session.date);
        expect(snapshot.sessions).toContainEqual(
          expect.objectContaining({ sessionId: session.id, waiting: 1 }),
        );
      },
      { timeout: 3_000, interval: 100 },
    );
  });
});

describe("the county's reception rules", () => {
  it("are settings the admin changes and desks pick up", async () => {
    const current = await call<{ maxCalls: number; walkInEvery: number }>(
      `/api/v1/t/${county.code}/settings/reception`,
      {
        token: county.people.clerk.token,
      },
    );
    expect(current.body).toMatchObject({
      maxCalls: 3,
      walkInEvery: 3,
      monthlyBookingsPerPhone: 4,
      horizonDays: 90,
    });
    const byClerk = await call(`/api/v1/t/${county.code}/settings/reception`, {
      method: "PUT",
      token: county.people.clerk.token,
      body: { maxCalls: 2 },
    });
    expect(byClerk.status).toBe(403);
    const changed = await call<{ maxCalls: number }>(
      `/api/v1/t/${county.code}/settings/reception`,
      {
        method: "PUT",
        token: county.adminToken,
        body: { maxCalls: 1 },
      },
    );
    expect(changed.body.maxCalls).toBe(1);
    const session = await publishedSession(county, {
      date: tomorrowCst(0),
      startTime: "21:00",
      endTime: "23:30",
    });
    const desk = (path: string, body?: unknown) =>
      call<{ number: number; status: string }>(
        `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
        {
          token: county.people.clerk.token,
          method: "POST",
          ...(body !== undefined && { body }),
        },
      );
    await desk("check-in", { walkIn: { name: "丙" } });
    const called = await desk("call-next");
    const recalled = await desk(`tickets/${called.body.number}/recall`);
    expect(recalled.body.status).toBe("no_show");
    await call(`/api/v1/t/${county.code}/settings/reception`, {
      method: "PUT",
      token: county.adminToken,
      body: { maxCalls: 3 },
    });
  });
});

describe("booking over HTTP under contention", { timeout: 90_000 }, () => {
  it("gives each of ten one-place slots to exactly one of 30 citizens booking at once, with no 5xx", async () => {
    const session = await publishedSession(county, {
      capacityPerSlot: 1,
      startTime: "08:00",
      endTime: "13:00",
    });
    const phones = Array.from({ length: 30 }, (_, i) => `1390000${String(i).padStart(4, "0")}`);
    const codes = await Promise.all(phones.map((phone) => oneTimeCode(county, phone, freshIp())));
    const checks = await Promise.all(phones.map(() => humanCheck(county)));
    const slots = [
      "08:00",
      "08:30",
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "12:00",
      "12:30",
    ];
    const replies = await Promise.all(
      phones.map((phone, i) =>
        call<{ error?: { code: string } }>(`/api/v1/t/${county.code}/public/bookings`, {
          ip: freshIp(),
          body: {
            sessionId: session.id,
            slotStart: slots[i % 10],
            altcha: checks[i],
            name: "市民",
            phone,
            code: codes[i],
            topic: "测试",
          },
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(
      replies.filter((r) => r.status === 409 && r.body.error?.code === "SLOT_FULL"),
    ).toHaveLength(20);
  });

  it("refuses a slot beyond the 90-day horizon", async () => {
    const far = new Date(Date.now() + 8 * 3_600_000 + 100 * 86_400_000).toISOString().slice(0, 10);
    const session = await publishedSession(county, { date: far });
    const code = await oneTimeCode(county, "13811110010");
    const reply = await call(`/api/v1/t/${county.code}/public/bookings`, {
      body: {
        sessionId: session.id,
        slotStart: "08:30",
        altcha: await humanCheck(county),
        name: "甲",
        phone: "13811110010",
        code,
        topic: "x",
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { details: [{ path: "slotStart" }] } });
  });
});
