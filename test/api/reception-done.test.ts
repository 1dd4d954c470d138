import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { DoneTickets, StaffQueueState } from "../../schema/realtime/reception-queue.ts";
import { call } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession, tomorrowCst } from "../support/reception.ts";

/**
 * A long day at one desk: 200 visits finished. Every change still sends each staff screen a
 * message of the same small size (the latest visits and the count), and the desk reads the
 * whole list over HTTP.
 */

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431227", "新晃侗族自治县");
});

describe("the day's finished visits", { timeout: 120_000 }, () => {
  it("stay off the staff socket past the latest few, and come whole over HTTP", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(4) });
    const base = `/api/v1/t/${county.code}/reception/sessions/${session.id}`;
    const clerk = county.people.clerk.token;
    // The first arrival through the API sets the object up; the rest straight to it, for speed.
    const first = await call(`${base}/check-in`, {
      token: clerk,
      body: { walkIn: { name: "来访人" } },
    });
    expect(first.status).toBe(200);
    const stub = env.RECEPTION_SESSION.get(
      env.RECEPTION_SESSION.idFromName(`${county.code}:${session.id}`),
    );
    for (let n = 1; n < 200; n += 1) {
      expect((await stub.checkIn({ walkIn: { label: `来访人${n}` } })).ok).toBe(true);
    }
    const numbers: number[] = [];
    for (let n = 1; n <= 200; n += 1) {
      const called = await stub.callNext();
      if (!called.ok) throw new Error(called.message);
      numbers.push(called.ticket.number);
      expect((await stub.setStatus(called.ticket.number, "no_show")).ok).toBe(true);
    }

    const socket = await exports.default.fetch(`https://lianxin.test${base}/queue/watch`, {
      headers: {
        upgrade: "websocket",
        authorization: `Bearer ${clerk}`,
        "sec-websocket-extensions": "permessage-deflate; client_max_window_bits",
      },
    });
    // Offered compression, the session declines it: its messages are small and many.
    const extensions = socket.headers.get("sec-websocket-extensions");
    expect(extensions).not.toBeNull();
    expect(extensions).not.toContain("permessage-deflate");
    const ws = socket.webSocket;
    if (!ws) throw new Error(`no WebSocket: ${socket.status}`);
    const texts: string[] = [];
    ws.addEventListener("message", (event) => {
      texts.push(String(event.data));
    });
    ws.accept();
    // One more change: the broadcast after it, as every staff screen gets it.
    expect((await call(`${base}/call-next`, { token: clerk, method: "POST" })).status).toBe(404);
    expect(
      (await call(`${base}/check-in`, { token: clerk, body: { walkIn: { name: "最后一位" } } }))
        .status,
    ).toBe(200);
    for (let i = 0; i < 100 && texts.length < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    ws.close();
    const sent = texts.at(-1) ?? "";
    const state = (JSON.parse(sent) as { state: StaffQueueState }).state;
    expect(state.doneCount).toBe(200);
    expect(state.noShows).toBe(200);
    expect(state.done.map((t) => t.number)).toEqual([...numbers].sort((x, y) => x - y).slice(-5));
    // About one ticket's worth of bytes per line: 200 of them would be some 60 KB.
    expect(sent.length).toBeLessThan(3_000);

    const page = await call<StaffQueueState>(`${base}/desk`, { token: clerk });
    expect(page.body.doneCount).toBe(200);
    expect(page.body.done).toHaveLength(5);
    const all = await call<DoneTickets>(`${base}/done`, { token: clerk });
    expect(all.status).toBe(200);
    expect(all.body.tickets.map((t) => t.number)).toEqual(numbers);
    expect(all.body.tickets.every((t) => t.status === "no_show")).toBe(true);
    // Names as the object keeps them: masked, never the name given at the desk.
    expect(JSON.stringify(all.body)).not.toContain("来访人1");
  });
});
