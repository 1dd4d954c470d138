import { env, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  QueueState,
  ServerMessage,
  StaffQueueState,
} from "../../schema/realtime/reception-queue.ts";
import { queueOf } from "../../web/src/shared/public-queue.ts";
import { slotInstant } from "../../workers/domain/reception/session.ts";
import { call, freshIp } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { oneTimeCode, publishedSession, tomorrowCst } from "../support/reception.ts";

/**
 * A whole day at one desk: 60 tickets, booked and walk-in, each called once, in the order the
 * queue showed just before the call, with three watchers (the board, two phones) in step.
 */

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431226", "麻阳苗族自治县");
});

interface Watcher<S extends QueueState = QueueState> {
  latest: () => S | null;
  close: () => void;
}

/** A screen on the queue: the public's (board, phone), or a desk's when `token` is staff's. */
async function watch<S extends QueueState = QueueState>(
  path: string,
  token?: string,
): Promise<Watcher<S>> {
  const res = await exports.default.fetch(`https://lianxin.test${path}`, {
    headers: { upgrade: "websocket", ...(token && { authorization: `Bearer ${token}` }) },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no WebSocket: ${res.status}`);
  ws.accept();
  let latest: S | null = null;
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as ServerMessage;
    // Staff get their state by name; the public its short form, expanded as boards do.
    if (message.type === "staffState") latest = message.state as QueueState as S;
    else latest = (queueOf(message, "") as S | null) ?? latest;
  });
  return { latest: () => latest, close: () => ws.close() };
}

async function until<T>(read: () => T | null, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = read();
    if (value !== null && ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`watcher not in step: ${JSON.stringify(read())}`);
}

describe("a day at the desk", { timeout: 120_000 }, () => {
  it("calls 60 tickets once each, in the order shown, with every watcher in step", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(2) });
    const base = `/api/v1/t/${county.code}/reception/sessions/${session.id}`;
    const desk = <T>(path: string, body?: unknown) =>
      call<T>(`${base}/${path}`, {
        token: county.people.clerk.token,
        method: "POST",
        ...(body !== undefined && { body }),
      });

    const codes: string[] = [];
    for (const [i, slot] of ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00"].entries()) {
      const phone = `1390000${String(1000 + i)}`;
      const ip = freshIp();
      const booked = await call<{ bookingCode: string }>(
        `/api/v1/t/${county.code}/public/bookings`,
        {
          ip,
          body: {
            sessionId: session.id,
            slotStart: slot,
            altcha: await humanCheck(county),
            name: `预约${i}`,
            phone,
            code: await oneTimeCode(county, phone, ip),
            topic: "反映问题",
          },
        },
      );
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      codes.push(booked.body.bookingCode);
    }
    // Arrivals through the day: a booked citizen after every nine walk-ins.
    for (let n = 0; n < 60; n += 1) {
      const code = n % 10 === 9 ? codes[(n - 9) / 10] : undefined;
      const arrival = code ? { bookingCode: code } : { walkIn: { name: `现场${n}` } };
      const ticket = await desk<{ number: number }>("check-in", arrival);
      expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
    }

    const watchers = await Promise.all([1, 2, 3].map(() => watch(`${base}/queue/watch`)));
    const board = watchers[0] as Watcher;
    await until(board.latest, (s) => s.waiting.length === 60);

    const called: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const shown = board.latest()?.waiting[0]?.number;
      const next = await desk<{ number: number }>("call-next");
      expect(next.status).toBe(200);
      // The call follows the order every screen showed.
      expect(next.body.number).toBe(shown);
      called.push(next.body.number);
      const states = await Promise.all(
        watchers.map((w) =>
          until(
            w.latest,
            (s) => s.nowServing?.number === next.body.number && s.waiting.length === 59 - i,
          ),
        ),
      );
      const orders = states.map((s) => s.waiting.map((t) => t.number).join(","));
      expect(new Set(orders).size).toBe(1);
      // The visit ends (a no-show stands in for the registration tested elsewhere).
      expect((await desk(`tickets/${next.body.number}/no-show`)).status).toBe(200);
      await Promise.all(watchers.map((w) => until(w.latest, (s) => s.nowServing === null)));
    }
    expect(new Set(called).size).toBe(60);
    expect([...called].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const w of watchers) w.close();
  });

  it("wakes at an early arrival's slot time to send every screen the new order", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(3) });
    const phone = "13900002001";
    const ip = freshIp();
    const booked = await call<{ bookingCode: string }>(`/api/v1/t/${county.code}/public/bookings`, {
      ip,
      body: {
        sessionId: session.id,
        slotStart: "10:00",
        altcha: await humanCheck(county),
        name: "早到者",
        phone,
        code: await oneTimeCode(county, phone, ip),
        topic: "反映问题",
      },
    });
    expect(booked.status).toBe(201);
    const checkIn = await call(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/check-in`,
      {
        token: county.people.clerk.token,
        body: { bookingCode: booked.body.bookingCode },
      },
    );
    expect(checkIn.status).toBe(200);
    const stub = env.RECEPTION_SESSION.get(
      env.RECEPTION_SESSION.idFromName(`${county.code}:${session.id}`),
    );
    const expected = slotInstant(session.date, "10:00").getTime();
    let alarm: number | null = null;
    for (let i = 0; i < 50 && alarm !== expected; i += 1) {
      alarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(alarm).toBe(expected);
  });
});

describe("a joint reception day (联合接访)", { timeout: 180_000 }, () => {
  it("three desks call 60 tickets once each, each in its own order, with every screen in step", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(4) });
    const base = `/api/v1/t/${county.code}/reception/sessions/${session.id}`;
    const desks = await call<{ desks: { number: number; unitId: string; unitName: string }[] }>(
      `${base}/desks`,
      {
        token: county.people.clerk.token,
        method: "PUT",
        body: {
          desks: [
            { unitId: county.bureau, leaderId: county.people.bureauLeader.id },
            { unitId: county.township, leaderId: county.people.townLeader.id },
          ],
        },
      },
    );
    expect(desks.status, JSON.stringify(desks.body)).toBe(200);
    expect(desks.body.desks.map((d) => [d.number, d.unitId])).toEqual([
      [1, county.office],
      [2, county.bureau],
      [3, county.township],
    ]);
    // Each desk is worked by its own unit: the county office, the bureau, the township.
    const staffOf: Record<number, string> = {
      1: county.people.clerk.token,
      2: county.people.bureauLeader.token,
      3: county.people.townClerk.token,
    };
    const leaderOf: Record<number, string> = {
      1: county.people.leader.id,
      2: county.people.bureauLeader.id,
      3: county.people.townLeader.id,
    };
    const unitOf: Record<number, string> = {
      1: county.office,
      2: county.bureau,
      3: county.township,
    };
    const post = <T>(deskNumber: number, path: string, body?: unknown) =>
      call<T>(`${base}/${path}`, {
        token: staffOf[deskNumber] as string,
        method: "POST",
        ...(body !== undefined && { body }),
      });

    const codes: string[] = [];
    for (const [i, slot] of ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00"].entries()) {
      const phone = `1390003${String(1000 + i)}`;
      const ip = freshIp();
      const booked = await call<{ bookingCode: string }>(
        `/api/v1/t/${county.code}/public/bookings`,
        {
          ip,
          body: {
            sessionId: session.id,
            slotStart: slot,
            altcha: await humanCheck(county),
            name: `联合预约${i}`,
            phone,
            code: await oneTimeCode(county, phone, ip),
            topic: "反映问题",
          },
        },
      );
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      codes.push(booked.body.bookingCode);
    }
    // Everyone arrives at the office's desk (the triage desk, 分流台), which sends two in
    // three on: desk by desk, a booked citizen after every nine walk-ins.
    const deskFor = (n: number) => (n % 3) + 1;
    for (let n = 0; n < 60; n += 1) {
      const code = n % 10 === 9 ? codes[(n - 9) / 10] : undefined;
      const arrival = code ? { bookingCode: code } : { walkIn: { name: `联合现场${n}` } };
      const ticket = await post<{ number: number; desk: number }>(1, "check-in", arrival);
      expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
      expect(ticket.body.desk).toBe(1);
      if (deskFor(n) !== 1) {
        const routed = await post<{ desk: number }>(1, `tickets/${ticket.body.number}/route`, {
          desk: deskFor(n),
        });
        expect(routed.status, JSON.stringify(routed.body)).toBe(200);
        expect(routed.body.desk).toBe(deskFor(n));
      }
    }

    // The board, two phones, and each desk's screen.
    const board = await watch(`${base}/queue/watch`);
    const phones = await Promise.all([1, 2].map(() => watch(`${base}/queue/watch`)));
    const screens = await Promise.all(
      [1, 2, 3].map((d) => watch<StaffQueueState>(`${base}/queue/watch`, staffOf[d])),
    );
    const watchers: Watcher[] = [board, ...phones, ...screens];
    await Promise.all(watchers.map((w) => until(w.latest, (s) => s.waiting.length === 60)));
    // A desk of another unit sees names at its own desk only.
    const bureauScreen = screens[1]?.latest() as StaffQueueState;
    for (const t of bureauScreen.waiting) expect(t.label === "").toBe(t.desk !== 2);

    const called: number[] = [];
    const calledAt: Record<number, number[]> = { 1: [], 2: [], 3: [] };
    let left = 60;
    for (let round = 0; left > 0; round += 1) {
      const d = (round % 3) + 1;
      const shown = board.latest()?.waiting.filter((t) => t.desk === d)[0]?.number;
      if (shown === undefined) continue;
      const next = await post<{ number: number; desk: number }>(d, `call-next?desk=${d}`);
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      // Each desk calls the first of its own queue as every screen showed it.
      expect(next.body.number).toBe(shown);
      expect(next.body.desk).toBe(d);
      called.push(next.body.number);
      calledAt[d]?.push(next.body.number);
      left -= 1;
      const states = await Promise.all(
        watchers.map((w) =>
          until(
            w.latest,
            (s) =>
              s.desks?.find((x) => x.number === d)?.nowServing?.number === next.body.number &&
              s.waiting.length === left,
          ),
        ),
      );
      const orders = states.map((s) => s.waiting.map((t) => `${t.desk}:${t.number}`).join(","));
      expect(new Set(orders).size).toBe(1);
      if (round < 3) {
        // One visit per desk is registered: the case goes to the desk's unit and leader.
        const done = await post<{
          petition: { registeringUnitId: string; ownerLeaderId: string | null };
        }>(d, `tickets/${next.body.number}/complete`, {
          purpose: "request",
          categoryCode: "06.02",
          facts: "联合接访登记的诉求。",
          demands: "请求解决。",
        });
        expect(done.status, JSON.stringify(done.body)).toBe(200);
        expect(done.body.petition.registeringUnitId).toBe(unitOf[d]);
        expect(done.body.petition.ownerLeaderId).toBe(leaderOf[d]);
      } else {
        expect((await post(d, `tickets/${next.body.number}/no-show`)).status).toBe(200);
      }
      await Promise.all(
        watchers.map((w) =>
          until(w.latest, (s) => s.desks?.find((x) => x.number === d)?.nowServing === null),
        ),
      );
    }
    expect(new Set(called).size).toBe(60);
    expect([...called].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(calledAt[1]).toHaveLength(20);
    expect(calledAt[2]).toHaveLength(20);
    expect(calledAt[3]).toHaveLength(20);
    // Nobody is left at any desk, and no desk may call another's.
    const empty = await post<{ error: { code: string } }>(2, "call-next?desk=2");
    expect(empty.status).toBe(404);
    const other = await post<{ error: { code: string } }>(2, "call-next?desk=1");
    expect(other.status).toBe(403);
    // The register records each visit against the desk that received it.
    const { results: visits } = await env.TENANT_DB_1.prepare(
      "SELECT unit_id AS unitId, leader_id AS leaderId FROM reception_visits WHERE tenant_id = ? AND session_id = ? ORDER BY ticket_number",
    )
      .bind(county.code, session.id)
      .all<{ unitId: string; leaderId: string }>();
    expect(visits).toHaveLength(3);
    for (const d of [1, 2, 3]) {
      expect(
        visits.filter((v) => v.unitId === unitOf[d] && v.leaderId === leaderOf[d]),
      ).toHaveLength(1);
    }
    for (const w of watchers) w.close();
  });
});
