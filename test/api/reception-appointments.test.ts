import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { oneTimeCode, publishedSession } from "../support/reception.ts";

/**
 * 约访 through the public API: staff invite a case's petitioner to a slot, the link goes by
 * SMS, the petitioner confirms or asks for another time, and the office sees the answer in
 * the session's bookings; the place checks in on the day like any booking.
 */

let county: TestCounty;
let other: TestCounty;
const PHONE = "13812345678";

beforeAll(async () => {
  county = await setUpCounty("431224", "溆浦县");
  other = await setUpCounty("431225", "会同县");
  // Quiet hours would hold the invitation until morning; the test reads it at once.
  const quiet = await call(`/api/v1/t/${county.code}/settings/notifications`, {
    method: "PUT",
    token: county.adminToken,
    body: { quietHours: null },
  });
  expect(quiet.status, JSON.stringify(quiet.body)).toBe(200);
});

interface View {
  status: string;
  open: boolean;
  date: string;
  slotStart: string;
  venue: string;
  leaderName: string;
  bookingCode: string;
  note: string | null;
}

interface Prepared {
  bookings: {
    bookingCode: string;
    slotStart: string;
    topic: string;
    purpose: string | null;
    categoryName: string | null;
    appointment: { status: string; note: string | null } | null;
  }[];
}

/** The link's token from the invitation SMS in the development outbox, as a tester reads it. */
async function invitationToken(phone: string, seen: Set<string>): Promise<string> {
  for (let i = 0; i < 60; i += 1) {
    const { items } = (
      await call<{ items: { id: string; recipient: string; body: string }[] }>(
        `/api/v1/t/${county.code}/dev/outbox?limit=200`,
        { ip: freshIp() },
      )
    ).body;
    const message = items.find(
      (m) => m.recipient === phone && !seen.has(m.id) && /约您/.test(m.body),
    );
    const token = message && /reception\/appointment#([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    if (message && token) {
      seen.add(message.id);
      return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no invitation for ${phone} in the outbox`);
}

const invite = (
  session: string,
  body: Record<string, unknown>,
  token = county.people.leader.token,
  code = county.code,
) =>
  call<{ id: string; bookingCode: string; status: string; smsQueued: boolean }>(
    `/api/v1/t/${code}/reception/sessions/${session}/appointments`,
    { token, body },
  );

const citizen = (path: string, body: Record<string, unknown>, code = county.code) =>
  call<View & { error?: { code: string; message: string } }>(
    `/api/v1/t/${code}/public/appointment${path}`,
    { ip: freshIp(), body },
  );

const prepared = (session: string) =>
  call<Prepared>(`/api/v1/t/${county.code}/reception/sessions/${session}/bookings`, {
    token: county.people.clerk.token,
  });

describe("appointments (约访)", { timeout: 90_000 }, () => {
  const seen = new Set<string>();

  it("invite, SMS, confirm or ask for another time, seen in the bookings and checked in", async () => {
    const created = await register(county, county.people.clerk.token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = await publishedSession(county);

    const invited = await invite(session.id, { petitionId: created.body.id, slotStart: "09:00" });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body).toMatchObject({ status: "invited", smsQueued: true });
    const token = await invitationToken(PHONE, seen);
    expect(token.length).toBeGreaterThanOrEqual(22);

    const opened = await citizen("", { token });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({
      status: "invited",
      open: true,
      date: session.date,
      slotStart: "09:00",
      venue: "县信访局一楼接待大厅",
      bookingCode: invited.body.bookingCode,
    });

    // In the session's bookings at once, as an appointment awaiting its answer.
    let list = await prepared(session.id);
    expect(list.status).toBe(200);
    const row = () => list.body.bookings.find((b) => b.bookingCode === invited.body.bookingCode);
    expect(row()).toMatchObject({ slotStart: "09:00", appointment: { status: "invited" } });

    const asked = await citizen("/another-time", { token, note: "那天要去医院，下午或下周都可以" });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.status).toBe("reschedule_requested");
    list = await prepared(session.id);
    expect(row()?.appointment).toEqual(
      expect.objectContaining({
        status: "reschedule_requested",
        note: "那天要去医院，下午或下周都可以",
      }),
    );

    // The office invites again to another slot: the place moves, the old link stops working.
    const again = await invite(session.id, {
      trackingCode: created.body.trackingCode,
      slotStart: "10:30",
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({
      id: invited.body.id,
      bookingCode: invited.body.bookingCode,
    });
    const fresh = await invitationToken(PHONE, seen);
    expect((await citizen("", { token })).status).toBe(404);
    const confirmed = await citizen("/confirm", { token: fresh });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: "confirmed", slotStart: "10:30", note: null });
    list = await prepared(session.id);
    expect(
      list.body.bookings.filter((b) => b.bookingCode === invited.body.bookingCode),
    ).toHaveLength(1);
    expect(row()).toMatchObject({ slotStart: "10:30", appointment: { status: "confirmed" } });

    // On the day the desk checks the booking code in like any booking.
    const checkIn = await call(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/check-in`,
      { token: county.people.clerk.token, body: { bookingCode: invited.body.bookingCode } },
    );
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    const after = await citizen("", { token: fresh });
    expect(after.body.open).toBe(false);
    const late = await citizen("/confirm", { token: fresh });
    expect(late.status).toBe(409);
  });

  it("tells the inviter of each answer in the inbox, and the office can call it off", async () => {
    const created = await register(county, county.people.clerk.token, {
      petitioner: { name: "周某", phone: "13812340003" },
    });
    const session = await publishedSession(county);
    const invited = await invite(session.id, { petitionId: created.body.id, slotStart: "10:00" });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const token = await invitationToken("13812340003", seen);

    const answers = async (token: string) =>
      (
        await call<{ items: { event: string; body: string; petitionId: string | null }[] }>(
          `/api/v1/t/${county.code}/notifications`,
          { token },
        )
      ).body.items.filter(
        (n) => n.event === "reception.answered" && n.petitionId === created.body.id,
      );
    expect(await answers(county.people.leader.token)).toEqual([]);
    expect((await citizen("/another-time", { token, note: "下周一上午方便" })).status).toBe(200);
    let told = await answers(county.people.leader.token);
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(created.body.trackingCode);
    expect(told[0]?.body).toContain("申请另约时间");
    // The petitioner's note stays on the bookings list; the inbox says only what happened.
    expect(told[0]?.body).not.toContain("下周一上午方便");
    expect((await citizen("/confirm", { token })).status).toBe(200);
    told = await answers(county.people.leader.token);
    expect(told.map((n) => n.body).join()).toContain("已确认参加");
    expect(told).toHaveLength(2);
    // Only the inviter is told: the clerk who did not invite hears nothing.
    expect(await answers(county.people.clerk.token)).toEqual([]);

    // The office calls it off: the place is given back, the link says so, the SMS goes.
    const cancelUrl = `/api/v1/t/${county.code}/reception/sessions/${session.id}/appointments/${invited.body.id}/cancel`;
    const bad = await call(cancelUrl, {
      token: county.people.clerk.token,
      body: { reason: "x".repeat(61) },
    });
    expect(bad.status).toBe(400);
    const cancelled = await call<{ status: string; smsQueued: boolean }>(cancelUrl, {
      token: county.people.clerk.token,
      body: { reason: "领导临时公出" },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", smsQueued: true });
    const page = await citizen("", { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ status: "cancelled", open: false });
    expect((await citizen("/confirm", { token })).status).toBe(409);
    const list = await prepared(session.id);
    expect(list.body.bookings.map((b) => b.bookingCode)).not.toContain(invited.body.bookingCode);
    let sms: { recipient: string; body: string } | undefined;
    for (let i = 0; i < 60 && !sms; i += 1) {
      const { items } = (
        await call<{ items: { recipient: string; body: string }[] }>(
          `/api/v1/t/${county.code}/dev/outbox?limit=200`,
          { ip: freshIp() },
        )
      ).body;
      sms = items.find((m) => m.recipient === "13812340003" && /约访已取消/.test(m.body));
      if (!sms) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(sms?.body).toContain("领导临时公出");
    const audit = await env.TENANT_DB_1.prepare(
      "SELECT actor_id FROM audit_log WHERE tenant_id = ? AND action = ? AND target_id = ?",
    )
      .bind(county.code, "reception.appointment.cancel", invited.body.id)
      .first<{ actor_id: string }>();
    expect(audit?.actor_id).toBe(county.people.clerk.id);

    // Once is enough; another county's staff and ids learn nothing.
    const twice = await call(cancelUrl, { token: county.people.clerk.token, body: {} });
    expect(twice.status).toBe(409);
    const foreign = await call(
      `/api/v1/t/${other.code}/reception/sessions/${session.id}/appointments/${invited.body.id}/cancel`,
      { token: other.people.clerk.token, body: {} },
    );
    expect(foreign.status).toBe(404);

    // The freed place can be given again: a fresh invitation books it anew.
    const again = await invite(session.id, { petitionId: created.body.id, slotStart: "10:00" });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ id: invited.body.id, status: "invited" });
    expect(again.body.bookingCode).not.toBe(invited.body.bookingCode);
  });

  it("answers a forged or expired link in plain Chinese, never 500", async () => {
    const forged = await citizen("", { token: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(forged.status).toBe(404);
    expect(forged.body.error?.message).toMatch(/约访链接无效或已过期/);
    const short = await citizen("/confirm", { token: "abc" });
    expect(short.status).toBe(400);
    const empty = await citizen("/another-time", { token: "AAAAAAAAAAAAAAAAAAAAAA", note: "" });
    expect(empty.status).toBe(400);

    const created = await register(county, county.people.clerk.token, {
      petitioner: { name: "李某", phone: "13812340001" },
    });
    const session = await publishedSession(county);
    const invited = await invite(session.id, { petitionId: created.body.id, slotStart: "09:30" });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const token = await invitationToken("13812340001", seen);
    await env.TENANT_DB_1.prepare(
      "UPDATE reception_appointments SET expires_at = ? WHERE tenant_id = ? AND id = ?",
    )
      .bind(Date.now() - 1000, county.code, invited.body.id)
      .run();
    const expired = await citizen("/confirm", { token });
    expect(expired.status).toBe(404);
    expect(expired.body.error?.message).toMatch(/约访链接无效或已过期/);
  });

  it("answers 404 for another county's session or case, and a case the inviter may not see", async () => {
    const created = await register(county, county.people.clerk.token, {
      petitioner: { name: "赵某", phone: "13812340002" },
    });
    const session = await publishedSession(county);
    const body = { petitionId: created.body.id, slotStart: "10:00" };

    const elsewhere = await invite(session.id, body, other.people.leader.token, other.code);
    expect(elsewhere.status).toBe(404);
    const theirSession = await publishedSession(other);
    const theirCase = await invite(theirSession.id, body, other.people.leader.token, other.code);
    expect(theirCase.status).toBe(404);
    expect(JSON.stringify(theirCase.body)).not.toContain(created.body.trackingCode);

    // The county office's case, registered there: a township's leader may not see it.
    const township = await publishedSession(county, {
      leaderId: county.people.townLeader.id,
      unitId: county.township,
    });
    const hidden = await invite(township.id, body, county.people.townLeader.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ error: { code: "NOT_FOUND" } });

    // A slot that does not exist, and a case without a phone, are clear 422s.
    const noSlot = await invite(session.id, { ...body, slotStart: "07:00" });
    expect(noSlot.status).toBe(422);
    const noPhone = await register(county, county.people.clerk.token, {
      petitioner: { name: "钱某" },
    });
    const unreachable = await invite(session.id, {
      petitionId: noPhone.body.id,
      slotStart: "10:00",
    });
    expect(unreachable.status).toBe(422);
  });
});

describe("what a booking is about", { timeout: 60_000 }, () => {
  it("keeps the purpose and category the citizen chose, for the leader to prepare", async () => {
    const session = await publishedSession(county);
    const codes = new Map<string, string>();
    const book = async (phone: string, extra: Record<string, unknown>) => {
      const ip = freshIp();
      // A refused category is refused before the code is spent: the same code books after.
      const code = codes.get(phone) ?? (await oneTimeCode(county, phone, ip));
      codes.set(phone, code);
      return call<{ bookingCode: string }>(`/api/v1/t/${county.code}/public/bookings`, {
        ip,
        body: {
          sessionId: session.id,
          slotStart: "11:00",
          altcha: await humanCheck(county),
          name: "孙某",
          phone,
          code,
          topic: "拖欠工资三个月",
          ...extra,
        },
      });
    };
    const unknown = await book("13812340011", { purpose: "request", categoryCode: "99.99" });
    expect(unknown.status).toBe(422);
    const booked = await book("13812340011", { purpose: "request", categoryCode: "06.02" });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const plain = await book("13812340012", {});
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);

    const list = await prepared(session.id);
    const of = (code: string) => list.body.bookings.find((b) => b.bookingCode === code);
    expect(of(booked.body.bookingCode)).toMatchObject({
      topic: "拖欠工资三个月",
      purpose: "request",
      categoryName: expect.stringMatching(/.+/),
      appointment: null,
    });
    expect(of(plain.body.bookingCode)).toMatchObject({ purpose: null, categoryName: null });
  });
});
