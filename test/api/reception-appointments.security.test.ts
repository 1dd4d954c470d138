import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";
import { publishedSession } from "../support/reception.ts";

/**
 * 约访 as the accused unit and as someone holding a link would probe it: the link shows a
 * time and a place and nothing of the case; one link answers for its own appointment only;
 * the accused unit can neither invite the accuser nor host the appointment, nor read it.
 */

let county: TestCounty;
let other: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("431226", "麻阳苗族自治县");
  other = await setUpCounty("431227", "新晃侗族自治县");
  await call(`/api/v1/t/${county.code}/settings/notifications`, {
    method: "PUT",
    token: county.adminToken,
    body: { quietHours: null },
  });
});

const FACTS = "某镇党委书记收受工程款回扣二十万元";

/** The link's token from the invitation SMS in the development outbox. */
async function linkFor(phone: string): Promise<string> {
  for (let i = 0; i < 60; i += 1) {
    const outbox = (
      await call<{ items: { recipient: string; body: string }[] }>(
        `/api/v1/t/${county.code}/dev/outbox?limit=200`,
        { ip: freshIp() },
      )
    ).body.items;
    const message = outbox.find((m) => m.recipient === phone && /约您/.test(m.body));
    const token = message && /appointment#([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no invitation for ${phone}`);
}

const invite = (sessionId: string, body: Record<string, unknown>, token: string) =>
  call<{ id: string; bookingCode: string }>(
    `/api/v1/t/${county.code}/reception/sessions/${sessionId}/appointments`,
    { token, body },
  );

const open = (token: string, code = county.code) =>
  call<Record<string, unknown>>(`/api/v1/t/${code}/public/appointment`, {
    ip: freshIp(),
    body: { token },
  });

describe("appointments as an attacker or the accused would probe", { timeout: 90_000 }, () => {
  it("keep an accusation from the accused unit and the link free of the case", async () => {
    const accusation = await register(county, county.people.clerk.token, {
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
      facts: FACTS,
      demands: "请求查处。",
      petitioner: { name: "举报人甲", phone: "13700000001" },
    });
    expect(accusation.status, JSON.stringify(accusation.body)).toBe(201);
    const petitionId = accusation.body.id;

    // The accused township's leader cannot tell the case exists.
    const townSession = await publishedSession(county, {
      leaderId: county.people.townLeader.id,
      unitId: county.township,
    });
    const byAccused = await invite(
      townSession.id,
      { petitionId, slotStart: "09:00" },
      county.people.townLeader.token,
    );
    expect(byAccused.status).toBe(404);
    expect(JSON.stringify(byAccused.body)).not.toContain(accusation.body.trackingCode);

    // Nor does the office send the accuser to the accused unit's own reception day.
    const intoAccused = await invite(
      townSession.id,
      { petitionId, slotStart: "09:00" },
      county.people.clerk.token,
    );
    expect(intoAccused.status).toBe(409);

    // The office invites to its own leader's day; the link shows when and where only.
    const session = await publishedSession(county);
    const invited = await invite(
      session.id,
      { petitionId, slotStart: "09:00" },
      county.people.leader.token,
    );
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const token = await linkFor("13700000001");
    const page = await open(token);
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    for (const secret of [
      FACTS,
      accusation.body.trackingCode,
      petitionId,
      "04.02",
      "举报人甲",
      "13700000001",
      "检举",
    ]) {
      expect(text, secret).not.toContain(secret);
    }

    // The link's token is kept only as a hash.
    const stored = await env.TENANT_DB_1.prepare(
      "SELECT * FROM reception_appointments WHERE tenant_id = ? AND id = ?",
    )
      .bind(county.code, invited.body.id)
      .first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(token);

    // Another county's address does not open it.
    expect((await open(token, other.code)).status).toBe(404);

    // The accused unit can neither call it off nor tell it exists; the answer reaches the
    // inviter's inbox, without the facts or the accuser, and no one else's.
    const cancelUrl = `/api/v1/t/${county.code}/reception/sessions/${session.id}/appointments/${invited.body.id}/cancel`;
    for (const staff of [county.people.townLeader, county.people.townClerk]) {
      const probe = await call(cancelUrl, { token: staff.token, body: {} });
      expect(probe.status).toBe(404);
      expect(JSON.stringify(probe.body)).not.toContain(accusation.body.trackingCode);
    }
    const confirmed = await call(`/api/v1/t/${county.code}/public/appointment/confirm`, {
      ip: freshIp(),
      body: { token },
    });
    expect(confirmed.status).toBe(200);
    const inbox = async (staffToken: string) =>
      JSON.stringify(
        (await call(`/api/v1/t/${county.code}/notifications?limit=100`, { token: staffToken }))
          .body,
      );
    const inviterInbox = await inbox(county.people.leader.token);
    expect(inviterInbox).toContain(accusation.body.trackingCode);
    for (const secret of [FACTS, "举报人甲", "13700000001"]) {
      expect(inviterInbox, secret).not.toContain(secret);
    }
    for (const staff of [county.people.townLeader, county.people.townClerk]) {
      const theirs = await inbox(staff.token);
      expect(theirs).not.toContain(petitionId);
      expect(theirs).not.toContain(accusation.body.trackingCode);
      expect(theirs).not.toContain("约访");
    }
  });

  it("lets one link answer for its own appointment only", async () => {
    const session = await publishedSession(county);
    const first = await register(county, county.people.clerk.token, {
      petitioner: { name: "甲某", phone: "13700000011" },
    });
    const second = await register(county, county.people.clerk.token, {
      petitioner: { name: "乙某", phone: "13700000012" },
    });
    const a = await invite(
      session.id,
      { petitionId: first.body.id, slotStart: "10:00" },
      county.people.clerk.token,
    );
    const b = await invite(
      session.id,
      { petitionId: second.body.id, slotStart: "10:00" },
      county.people.clerk.token,
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    const tokenA = await linkFor("13700000011");
    const tokenB = await linkFor("13700000012");
    expect(tokenA).not.toBe(tokenB);

    const answered = await call<{ bookingCode: string; status: string }>(
      `/api/v1/t/${county.code}/public/appointment/another-time`,
      { ip: freshIp(), body: { token: tokenA, note: "想改到下午" } },
    );
    expect(answered.status).toBe(200);
    expect(answered.body.bookingCode).toBe(a.body.bookingCode);
    const pageB = await open(tokenB);
    expect(pageB.body).toMatchObject({ status: "invited", note: null });
    expect(JSON.stringify(pageB.body)).not.toContain("想改到下午");
    expect(JSON.stringify(pageB.body)).not.toContain(a.body.bookingCode);

    // A booking code is not a link: it opens nothing here.
    expect((await open(`${a.body.bookingCode}${a.body.bookingCode}`)).status).toBe(404);

    // An unrelated unit's staff who may not see the case learn nothing from the day's list.
    const bureau = await call(
      `/api/v1/t/${county.code}/reception/sessions/${session.id}/bookings`,
      { token: county.people.bureauLeader.token },
    );
    expect(bureau.status).toBe(403);
    expect(JSON.stringify(bureau.body)).not.toContain("想改到下午");
  });
});
