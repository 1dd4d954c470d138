import { env, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { QueueState } from "../../schema/realtime/reception-queue.ts";
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

interface Watcher {
  latest: () => QueueState | null;
  close: () => void;
}

async function watch(path: string): Promise<Watcher> {
  const res = await exports.default.fetch(`https://lianxin.test${path}`, {
    headers: { upgrade: "websocket" },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no WebSocket: ${res.status}`);
  ws.accept();
  let latest: QueueState | null = null;
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { type: string; state?: QueueState };
    if (message.type === "state" && message.state) latest = message.state;
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
