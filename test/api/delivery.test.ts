import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../workers/notify/channels/webhook.ts";
import { call } from "../support/client.ts";
import { register, setUpCounty, type TestCounty } from "../support/county.ts";

let county: TestCounty;
const receiver = env.TEST_RECEIVER_URL;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

interface Delivery {
  id: string;
  channel: string;
  status: string;
  attempts: number;
}

async function deliveries(channel: string) {
  const reply = await call<{ items: Delivery[] }>(
    `/api/v1/t/${county.code}/deliveries?channel=${channel}&limit=200`,
    { token: county.adminToken },
  );
  return reply.body.items;
}

async function settled(channel: string, count: number, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await deliveries(channel);
    const done = items.filter((d) => d.status === "sent" || d.status === "dead");
    if (items.length >= count && done.length === items.length) return items;
    if (Date.now() > deadline) return items;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  county = await setUpCounty("431281", "洪江市");
});

describe("delivery through the queue", () => {
  it("delivers every message or dead-letters it, and never delivers one twice, against a receiver that fails 30 %", async () => {
    await fetch(`${receiver}/reset?fail=0.3`, { method: "POST" });
    const settings = await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: {
        channels: {
          webhook: { url: `${receiver}/hook`, secret: "a-webhook-secret-of-some-length" },
        },
        routes: { "deadline.overdue": { channels: ["in_app", "webhook"] } },
      },
    });
    expect(settings.status).toBe(200);
    const cases = 12;
    for (let i = 0; i < cases; i += 1)
      await register(county, county.people.clerk.token, { receivedAt: daysAgo(40) });
    const report = await call<{ enqueued: number }>(`/api/v1/t/${county.code}/deadline-scan`, {
      method: "POST",
      token: county.adminToken,
    });
    // Two clocks (accept, notice) breach on each case: one webhook message per case, naming
    // both (the petitioners' registration SMS went out when each case was registered).
    expect(report.body.enqueued).toBe(cases);

    const items = await settled("webhook", cases);
    expect(items).toHaveLength(cases);
    const byStatus = (s: string) => items.filter((d) => d.status === s).length;
    expect(byStatus("sent") + byStatus("dead")).toBe(cases);

    const stats = (await (await fetch(`${receiver}/stats`)).json()) as {
      successes: Record<string, number>;
      failures: number;
    };
    expect(Object.values(stats.successes).every((n) => n === 1)).toBe(true);
    const sentIds = items
      .filter((d) => d.status === "sent")
      .map((d) => d.id)
      .sort();
    expect(Object.keys(stats.successes).sort()).toEqual(sentIds);
    // The receiver did fail some attempts, and those were retried.
    expect(stats.failures).toBeGreaterThan(0);
    expect(items.some((d) => d.attempts > 1)).toBe(true);
  }, 120_000);

  it("signs webhook bodies so the county's system can verify them", async () => {
    const body = JSON.stringify({ event: "deadline.overdue" });
    const timestamp = Math.floor(Date.now() / 1000);
    const { signWebhook } = await import("../../workers/notify/channels/webhook.ts");
    const signature = await signWebhook("a-webhook-secret-of-some-length", timestamp, body);
    const headers = new Headers({
      "x-lianxin-timestamp": String(timestamp),
      "x-lianxin-signature": signature,
    });
    expect(await verifyWebhookSignature("a-webhook-secret-of-some-length", headers, body)).toBe(
      true,
    );
    expect(await verifyWebhookSignature("another-secret-entirely-here", headers, body)).toBe(false);
  });
});

describe("notification settings", () => {
  it("never hand secrets back, and refuse a template with unknown placeholders", async () => {
    const reply = await call<{ channels: { webhook: { secret: string } | null } }>(
      `/api/v1/t/${county.code}/settings/notifications`,
      { token: county.adminToken },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.channels.webhook?.secret).toMatch(/^••••/);
    expect(JSON.stringify(reply.body)).not.toContain("a-webhook-secret-of-some-length");

    const bad = await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: {
        templates: {
          "deadline.near": { title: "提醒", body: "案件 {trackingCode} 的 {nonsense}" },
        },
      },
    });
    expect(bad.status).toBe(422);
    const noSecret = await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: {
        channels: {
          dingtalk: { webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=x" },
        },
      },
    });
    expect(noSecret.status).toBe(422);
    const clerk = await call(`/api/v1/t/${county.code}/settings/notifications`, {
      token: county.people.clerk.token,
    });
    expect(clerk.status).toBe(403);
  });

  it("show the delivery log to tenant admins only", async () => {
    const log = await call(`/api/v1/t/${county.code}/deliveries`, {
      token: county.people.supervisor.token,
    });
    expect(log.status).toBe(403);
  });
});

describe("the development outbox", () => {
  it("exists only in development", async () => {
    const reply = await call<{ items: unknown[] }>(`/api/v1/t/${county.code}/dev/outbox`);
    expect(reply.status).toBe(200);
    const { default: worker } = await import("../../workers/index.ts");
    const production = await worker.fetch(
      new Request(`https://lianxin.test/api/v1/t/${county.code}/dev/outbox`),
      { ...env, ENVIRONMENT: "production" },
      {} as ExecutionContext,
    );
    expect(production.status).toBe(404);
  });
});
