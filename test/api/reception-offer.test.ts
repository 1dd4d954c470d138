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
