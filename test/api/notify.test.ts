import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

interface Report {
  rowsRead: number;
  cases: number;
  alerts: number;
  breaches: number;
  enqueued: number;
}
const scan = (token = county.adminToken) =>
  call<Report>(`/api/v1/t/${county.code}/deadline-scan`, { method: "POST", token });

beforeAll(async () => {
  county = await setUpCounty("431229", "靖州苗族侗族自治县");
});

describe("the deadline scan", () => {
  it("opens supervision on a breach, tells the right people once, and never twice", async () => {
    const late = await register(county, county.people.clerk.token, { receivedAt: daysAgo(40) });
    expect(late.status).toBe(201);
    const first = await scan();
    expect(first.status).toBe(200);
    expect(first.body.breaches).toBeGreaterThanOrEqual(1);

    const supervisions = await call<{
      items: {
        id: string;
        petitionId: string;
        status: string;
        deadlineKey: string;
        trackingCode: string;
      }[];
    }>(`/api/v1/t/${county.code}/supervisions?status=open`, {
      token: county.people.supervisor.token,
    });
    const mine = supervisions.body.items.filter((s) => s.petitionId === late.body.id);
    // Two clocks broke; the case is supervised once.
    expect(mine.map((s) => s.deadlineKey)).toEqual(["accept"]);
    expect(mine[0]?.trackingCode).toBe(late.body.trackingCode);

    const inbox = async (token: string) =>
      (
        await call<{ items: { event: string; petitionId: string | null }[]; unread: number }>(
          `/api/v1/t/${county.code}/notifications`,
          { token },
        )
      ).body;
    const clerkInbox = await inbox(county.people.clerk.token);
    const supervisorInbox = await inbox(county.people.supervisor.token);
    const overdueFor = (box: { items: { event: string; petitionId: string | null }[] }) =>
      box.items.filter((n) => n.event === "deadline.overdue" && n.petitionId === late.body.id)
        .length;
    // One message naming both, not one per clock.
    expect(overdueFor(clerkInbox)).toBe(1);
    expect(overdueFor(supervisorInbox)).toBe(1);
    const message = await call<{ items: { event: string; petitionId: string; body: string }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token: county.people.supervisor.token },
    );
    expect(
      message.body.items.find(
        (n) => n.event === "deadline.overdue" && n.petitionId === late.body.id,
      )?.body,
    ).toContain("受理期限、告知期限");
    // A township's people have nothing to do with a county-office case.
    expect(overdueFor(await inbox(county.people.townClerk.token))).toBe(0);

    const again = await scan();
    expect(again.body.alerts).toBe(0);
    expect(overdueFor(await inbox(county.people.clerk.token))).toBe(1);
    const alerts = await env.TENANT_DB_1.prepare(
      "SELECT mark, deadline_key FROM deadline_alerts WHERE tenant_id = ? AND petition_id = ?",
    )
      .bind(county.code, late.body.id)
      .all<{ mark: string }>();
    // near70, near90, dueToday and overdue of two clocks, each recorded exactly once.
    expect(alerts.results).toHaveLength(8);
    const onTheCase = await call<{ breaches: { deadlineKey: string }[] }>(
      `/api/v1/t/${county.code}/petitions/${late.body.id}`,
      { token: county.people.clerk.token },
    );
    expect(onTheCase.body.breaches.map((b) => b.deadlineKey).sort()).toEqual(["accept", "notice"]);
  });

  it("warns at 70 % of the time without opening supervision", async () => {
    // 14 of 15 days gone: past 70 % however far a weekend or holiday moves the due day, and
    // never due today, whatever the hour (the test once sat on the 70 % line at 00:00 CST).
    const nearly = await register(county, county.people.clerk.token, { receivedAt: daysAgo(14) });
    await scan();
    const inbox = await call<{ items: { event: string; petitionId: string | null }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token: county.people.clerk.token },
    );
    expect(
      inbox.body.items.filter((n) => n.petitionId === nearly.body.id).map((n) => n.event),
    ).toContain("deadline.near");
    const supervisions = await call<{ items: { petitionId: string }[] }>(
      `/api/v1/t/${county.code}/supervisions`,
      {
        token: county.people.supervisor.token,
      },
    );
    expect(supervisions.body.items.some((s) => s.petitionId === nearly.body.id)).toBe(false);
  });

  it("keeps an accusation's breach away from the accused unit and from group channels", async () => {
    await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: { channels: { wecom: { webhookUrl: `${env.TEST_RECEIVER_URL}/wecom` } } },
    });
    const accusation = await register(county, county.people.clerk.token, {
      purpose: "accusation",
      categoryCode: "04.02",
      subjectUnitId: county.township,
      receivedAt: daysAgo(40),
    });
    await scan();
    const townInbox = await call<{ items: { petitionId: string | null }[] }>(
      `/api/v1/t/${county.code}/notifications`,
      { token: county.people.townLeader.token },
    );
    expect(townInbox.body.items.some((n) => n.petitionId === accusation.body.id)).toBe(false);
    const deliveries = await env.TENANT_DB_1.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE tenant_id = ? AND idempotency_key LIKE ?",
    )
      .bind(county.code, `alert:${accusation.body.id}:%`)
      .first<{ n: number }>();
    expect(deliveries?.n).toBe(0);
  });

  it("reads roughly the due cases, not every open one", async () => {
    const busy = await setUpCounty("431230", "通道侗族自治县");
    for (let i = 0; i < 30; i += 1) await register(busy, busy.people.clerk.token);
    for (let i = 0; i < 3; i += 1)
      await register(busy, busy.people.clerk.token, { receivedAt: daysAgo(40) });
    const report = await call<Report>(`/api/v1/t/${busy.code}/deadline-scan`, {
      method: "POST",
      token: busy.adminToken,
    });
    expect(report.body.cases).toBe(3);
    expect(report.body.rowsRead).toBeGreaterThanOrEqual(3);
    expect(report.body.rowsRead).toBeLessThanOrEqual(6);
    // Setting up a county and 33 cases takes seconds on a busy machine; what is asserted is
    // the rows read, never the time.
  }, 30_000);
});

describe("supervision", () => {
  it("records each form of 督办 used and its resolution", async () => {
    const list = await call<{ items: { id: string }[] }>(
      `/api/v1/t/${county.code}/supervisions?status=open`,
      {
        token: county.people.supervisor.token,
      },
    );
    const id = list.body.items[0]?.id ?? "";
    const phone = await call<{ form: string; history: unknown[] }>(
      `/api/v1/t/${county.code}/supervisions/${encodeURIComponent(id)}`,
      {
        method: "PATCH",
        token: county.people.supervisor.token,
        body: { form: "phone", note: "已电话督办承办单位" },
      },
    );
    expect(phone.status).toBe(200);
    expect(phone.body.form).toBe("phone");
    expect(phone.body.history).toHaveLength(2);
    const resolved = await call<{ status: string }>(
      `/api/v1/t/${county.code}/supervisions/${encodeURIComponent(id)}`,
      {
        method: "PATCH",
        token: county.people.supervisor.token,
        body: { status: "resolved", note: "已办结" },
      },
    );
    expect(resolved.body.status).toBe("resolved");
    const byClerk = await call(`/api/v1/t/${county.code}/supervisions/${encodeURIComponent(id)}`, {
      method: "PATCH",
      token: county.people.clerk.token,
      body: { note: "x" },
    });
    expect(byClerk.status).toBe(403);
  });
});

describe("the inbox", () => {
  it("marks notifications read", async () => {
    const token = county.people.clerk.token;
    const before = await call<{ items: { id: string }[]; unread: number }>(
      `/api/v1/t/${county.code}/notifications`,
      {
        token,
      },
    );
    expect(before.body.unread).toBeGreaterThan(0);
    const first = before.body.items[0]?.id ?? "";
    const one = await call<{ unread: number }>(`/api/v1/t/${county.code}/notifications/read`, {
      token,
      body: { ids: [first] },
    });
    expect(one.body.unread).toBe(before.body.unread - 1);
    const all = await call<{ unread: number }>(`/api/v1/t/${county.code}/notifications/read`, {
      token,
      body: { all: true },
    });
    expect(all.body.unread).toBe(0);
  });
});

describe("the cron trigger", () => {
  it("runs the same scan", async () => {
    await register(county, county.people.clerk.token, { receivedAt: daysAgo(50) });
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const after = await scan();
    expect(after.body.alerts).toBe(0);
  });
});
