import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, freshIp } from "../support/client.ts";
import { act, getCase, register, setUpCounty, type TestCounty } from "../support/county.ts";
import { humanCheck } from "../support/human-check.ts";
import { publishedSession, tomorrowCst } from "../support/reception.ts";

/**
 * One case followed the whole way round: a citizen's online petition handed down by the city
 * (上级交办), assigned, replied, the completion report accepted, evaluated by the citizen,
 * closed, and reported back upward — every actor told, every notice recorded.
 */

let county: TestCounty;

beforeAll(async () => {
  county = await setUpCounty("330328", "文成县");
});

type Inbox = { items: { event: string; petitionId: string | null }[] };
const told = async (token: string, petitionId: string) =>
  (await call<Inbox>(`/api/v1/t/${county.code}/notifications`, { token })).body.items
    .filter((n) => n.petitionId === petitionId)
    .map((n) => n.event)
    .sort();

async function petitionerSms(petitionId: string) {
  const rows = await env.TENANT_DB_1.prepare(
    "SELECT body, enqueued_at AS enqueuedAt, not_before AS notBefore FROM deliveries WHERE tenant_id = ? AND petition_id = ? AND event = 'petitioner.notice' AND channel = 'sms' ORDER BY created_at",
  )
    .bind(county.code, petitionId)
    .all<{ body: string; enqueuedAt: number | null; notBefore: number | null }>();
  return rows.results;
}

describe("the casework loop", () => {
  it("follows a case handed down from the city to the report back upward, everyone told", {
    timeout: 30_000,
  }, async () => {
    const { clerk, supervisor, leader, handler, bureauLeader, townLeader } = county.people;
    const upstreamDue = tomorrowCst(20);

    // 1. The city hands down the citizen's online petition with its reference and deadline.
    const created = await register(county, clerk.token, {
      channel: "online",
      fromAbove: { level: "city", reference: "温信交〔2026〕18号", due: upstreamDue },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const code = created.body.trackingCode;
    expect(created.body.fromAbove).toEqual({
      level: "city",
      reference: "温信交〔2026〕18号",
      due: upstreamDue,
      reportedOn: null,
    });
    // The petitioner's SMS went to the queue at once, with the tracking code.
    let sms = await petitionerSms(id);
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain(code);
    expect(sms[0]?.enqueuedAt).not.toBeNull();

    // 2. Assigned (交办) to the bureau: its leader is told, the petitioner learns where it went.
    const assigned = await act(county, clerk.token, id, "assign", { toUnitId: county.bureau });
    expect(assigned.status).toBe(200);
    // The upstream deadline governs when earlier than ours.
    expect(assigned.body.deadlines.handle?.due).toBe(upstreamDue);
    expect(await told(bureauLeader.token, id)).toEqual(["case.routed"]);
    expect(await told(townLeader.token, id)).toEqual([]);

    // 3. The bureau names its handler, who is told.
    expect(
      (await act(county, bureauLeader.token, id, "handler", { handlerId: handler.id })).status,
    ).toBe(200);
    expect(await told(handler.token, id)).toEqual(["case.handlerDesignated"]);

    // 4. The handler replies (处理意见书): the completion report reaches the assigning office.
    const replied = await act(county, handler.token, id, "reply", {
      request: "请求支付拖欠工资。",
      factsAndReasons: "经查属实。",
      decision: "责令于 15 日内支付。",
      legalBasis: "《保障农民工工资支付条例》第三条。",
      outcome: "support",
    });
    expect(replied.status).toBe(200);
    expect(replied.body.availableActions).not.toContain("acceptReport");
    for (const person of [clerk, supervisor, leader]) {
      expect(await told(person.token, id)).toEqual(["case.replied"]);
    }

    // 5. The county office accepts the completion report.
    const officeView = await getCase(county, clerk.token, id);
    expect(officeView.body.availableActions).toEqual(
      expect.arrayContaining(["acceptReport", "sendBack", "reportUpward"]),
    );
    const accepted = await act(county, clerk.token, id, "report-acceptance", { note: "办理到位" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.routing).toMatchObject({ report: { acceptedOn: expect.any(String) } });

    // 6. The citizen evaluates online; closing takes it as their opinion.
    const evaluated = await call(`/api/v1/t/${county.code}/public/evaluate`, {
      body: {
        trackingCode: code,
        phoneLast4: "5678",
        handlingUnit: "satisfied",
        office: "satisfied",
      },
    });
    expect(evaluated.status).toBe(200);
    const closed = await act(county, handler.token, id, "close", {
      factsClear: true,
      handled: true,
      fileComplete: true,
      petitionerOpinion: "",
      method: "handled",
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.closure).toMatchObject({
      petitionerOpinion: expect.stringContaining("信访人网上评价"),
    });

    // 7. The 办结报告 goes back upward, recorded with its date.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const reported = await act(county, clerk.token, id, "upward-report", {
      reportedOn: today,
      note: "已按期向市信访局报送办结报告",
    });
    expect(reported.status).toBe(200);
    expect(reported.body.fromAbove).toMatchObject({ reportedOn: today });
    expect((await act(county, clerk.token, id, "upward-report", {})).status).not.toBe(200);

    // Every step the petitioner was owed was sent and recorded, in order, each queued at once.
    sms = await petitionerSms(id);
    const final = await getCase(county, clerk.token, id);
    const notices = final.body.notices as { kind: string; method: string; content: string }[];
    expect(notices.map((n) => [n.kind, n.method])).toEqual([
      ["register", "sms"],
      ["assign", "sms"],
      ["reply", "sms"],
    ]);
    expect(sms).toHaveLength(notices.length);
    expect(sms.every((m) => m.enqueuedAt !== null)).toBe(true);
    expect(sms[1]?.body).toContain("已交办县人力资源和社会保障局办理");
    expect(sms[2]?.body).toMatch(/可于 \d{4}-\d{2}-\d{2} 前请求复查/);
    expect(sms[2]?.body).toContain("评价");
    // The tracking page lists the same notices.
    const tracked = await call<{ notices: { kind: string }[]; status: string }>(
      `/api/v1/t/${county.code}/public/track`,
      { body: { trackingCode: code, phoneLast4: "5678" } },
    );
    expect(tracked.body.status).toBe("closed");
    expect(tracked.body.notices.map((n) => n.kind)).toEqual(["register", "assign", "reply"]);
    // The timeline holds every step, the report upward last.
    const actions = (final.body.timeline as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["register", "assign", "designateHandler", "reply", "acceptReport"]),
    );
    expect(actions.at(-1)).toBe("reportUpward");
  });

  it("sends the visitor one SMS with the code as soon as the reception desk registers a visit", async () => {
    const session = await publishedSession(county);
    const desk = (path: string, body?: unknown) =>
      call<{ number: number }>(
        `/api/v1/t/${county.code}/reception/sessions/${session.id}/${path}`,
        { token: county.people.clerk.token, method: "POST", ...(body !== undefined && { body }) },
      );
    const ticket = await desk("check-in", { walkIn: { name: "潘某", phone: "13957712345" } });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
    expect((await desk("call-next")).body.number).toBe(ticket.body.number);
    const done = await call<{ petition: { id: string; trackingCode: string } }>(
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
    const sms = await petitionerSms(done.body.petition.id);
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain(done.body.petition.trackingCode);
    expect(sms[0]?.enqueuedAt).not.toBeNull();
    // The visitor is at the desk: the code is not held back by the quiet hours.
    expect(sms[0]?.notBefore).toBeNull();
    // One message with the code, not a second one from the desk.
    const toVisitor = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE tenant_id = ? AND channel = 'sms' AND body LIKE ?",
    )
      .bind(county.code, `%${done.body.petition.trackingCode}%`)
      .first<{ n: number }>();
    expect(toVisitor?.n).toBe(1);
  });

  it("answers a citizen's online petition with its code at once, quiet hours or not", async () => {
    // Quiet hours around now, whatever the time the test runs.
    const hhmm = (offsetMinutes: number) =>
      new Date(Date.now() + 8 * 3_600_000 + offsetMinutes * 60_000).toISOString().slice(11, 16);
    const quiet = await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: { quietHours: { start: hhmm(-60), end: hhmm(120) } },
    });
    expect(quiet.status, JSON.stringify(quiet.body)).toBe(200);
    const submitted = await call<{ trackingCode: string }>(
      `/api/v1/t/${county.code}/public/petitions`,
      {
        ip: freshIp(),
        body: {
          purpose: "request",
          categoryCode: "06.02",
          petitioner: { name: "周某", phone: "13957754321" },
          facts: "在工地务工，工资被拖欠。",
          demands: "请求支付工资。",
          altcha: await humanCheck(county),
        },
      },
    );
    expect(submitted.status).toBe(201);
    const row = await env.TENANT_DB_1.prepare(
      "SELECT d.not_before AS notBefore, d.enqueued_at AS enqueuedAt FROM deliveries d JOIN petitions p ON p.id = d.petition_id WHERE d.tenant_id = ? AND p.tracking_code = ? AND d.event = 'petitioner.notice'",
    )
      .bind(county.code, submitted.body.trackingCode)
      .first<{ notBefore: number | null; enqueuedAt: number | null }>();
    expect(row).toEqual({ notBefore: null, enqueuedAt: expect.any(Number) });
    // A letter registered by a clerk is not an answer to anything the citizen just did: it
    // waits out the quiet hours.
    const letter = await register(county, county.people.clerk.token, { channel: "letter" });
    const [held] = await petitionerSms(letter.body.id);
    expect(held?.notBefore).toEqual(expect.any(Number));
  });
});
