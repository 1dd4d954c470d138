import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { oneTimeCode, publishedSession, tomorrowCst } from "../support/reception.ts";

let county: TestCounty;

interface SlotView {
  slotStart: string;
  free: number;
  offer: string;
}

beforeAll(async () => {
  county = await setUpCounty("430121", "长沙县");
});

beforeEach(async () => {
  // Three days' notice and a five-day horizon make every kind of slot fall on whole days,
  // whatever the hour the test runs at.
  const set = await call(`/api/v1/t/${county.code}/settings/reception`, {
    method: "PUT",
    token: county.adminToken,
    body: { minimumNoticeMinutes: 3 * 24 * 60, horizonDays: 5 },
  });
  expect(set.status).toBe(200);
});

async function untilSms(phone: string, text: string) {
  for (let i = 0; i < 40; i += 1) {
    const items = (
      await call<{ items: { recipient: string; body: string }[] }>(
        `/api/v1/t/${county.code}/dev/outbox?limit=200`,
        { ip: freshIp() },
      )
    ).body.items;
    const found = items.find((m) => m.recipient === phone && m.body.includes(text));
    if (found) return found.body;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no SMS to ${phone} with ${text}`);
}

const slotsOf = async (sessionId: string) =>
  (await call<{ slots: SlotView[] }>(`/api/v1/t/${county.code}/reception/sessions/${sessionId}`))
    .body.slots;

describe("the slot list", { timeout: 60_000 }, () => {
  it("offers only what can be booked and says why the rest cannot", async () => {
    const closed = await publishedSession(county, { date: tomorrowCst(1) });
    expect(new Set((await slotsOf(closed.id)).map((s) => s.offer))).toEqual(new Set(["closed"]));

    const later = await publishedSession(county, { date: tomorrowCst(6) });
    expect(new Set((await slotsOf(later.id)).map((s) => s.offer))).toEqual(
      new Set(["not_yet_open"]),
    );

    const open = await publishedSession(county, { date: tomorrowCst(4), capacityPerSlot: 1 });
    const ip = freshIp();
    const phone = "13811119001";
    const booked = await call(`/api/v1/t/${county.code}/public/bookings`, {
      ip,
      body: {
        sessionId: open.id,
        slotStart: "09:00",
        altcha: await humanCheck(county),
        name: "谭某",
        phone,
        code: await oneTimeCode(county, phone, ip),
        topic: "反映征地补偿问题",
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const code = (booked.body as { bookingCode: string }).bookingCode;
    // The booking code goes by SMS at once, as the page says.
    const sms = await untilSms(phone, code);
    expect(sms).toContain(`预约码 ${code}`);
    const slots = await slotsOf(open.id);
    expect(slots.find((s) => s.slotStart === "09:00")).toMatchObject({ free: 0, offer: "full" });
    expect(slots.find((s) => s.slotStart === "08:30")).toMatchObject({ free: 1, offer: "open" });
  });

  it("refuses a closed slot in plain Chinese that names no field", async () => {
    const closed = await publishedSession(county, { date: tomorrowCst(1) });
    const held = await call<{ error: { message: string } }>(
      `/api/v1/t/${county.code}/public/holds`,
      { body: { sessionId: closed.id, slotStart: "08:30" } },
    );
    expect(held.status, JSON.stringify(held.body)).toBe(422);
    expect(held.body.error.message).toBe("请至少提前 4320 分钟预约");
  });
});

describe("after the visit", { timeout: 60_000 }, () => {
  it("shows the citizen the case registered for them and sends its tracking code by SMS", async () => {
    const session = await publishedSession(county, { date: tomorrowCst(4) });
    const ip = freshIp();
    const phone = "13811119002";
    const booked = await call<{ bookingCode: string; registered: unknown }>(
      `/api/v1/t/${county.code}/public/bookings`,
      {
        ip,
        body: {
          sessionId: session.id,
          slotStart: "09:30",
          altcha: await humanCheck(county),
          name: "谭某",
          phone,
          code: await oneTimeCode(county, phone, ip),
          topic: "反映征地补偿问题",
        },
      },
    );
    expect(booked.body.registered).toBeNull();
    const desk = (path: string, body?: unknown) =>
      call<{ number: number }>(
        `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
        { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
      );
    const ticket = await desk("check-in", { bookingCode: booked.body.bookingCode });
    expect((await desk("call-next")).body.number).toBe(ticket.body.number);
    const done = await call<{ petition: { trackingCode: string } }>(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/tickets/${ticket.body.number}/complete`,
      {
        token: county.people.clerk.token,
        body: {
          purpose: "request",
          categoryCode: "14.02",
          facts: "征地补偿未到位。",
          demands: "请求补偿。",
        },
      },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const trackingCode = done.body.petition.trackingCode;

    const mine = await call<{ status: string; registered: { trackingCode: string } | null }>(
      `/api/v1/t/${county.code}/public/bookings/${booked.body.bookingCode}?phoneLast4=9002`,
    );
    expect(mine.body).toMatchObject({ status: "completed", registered: { trackingCode } });
    expect(await untilSms(phone, trackingCode)).toContain(`查询码 ${trackingCode}`);

    // The wrong phone digits learn nothing, not even that the booking exists.
    const other = await call(
      `/api/v1/t/${county.code}/public/bookings/${booked.body.bookingCode}?phoneLast4=1111`,
    );
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(trackingCode);
  });
});
