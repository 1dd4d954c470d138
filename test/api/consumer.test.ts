import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveTenantKeys, encryptPii } from "../../workers/domain/crypto/pii.ts";
import { settingsOfRow } from "../../workers/domain/notify/settings-store.ts";
import worker from "../../workers/index.ts";
import { backoffSeconds } from "../../workers/notify/consumer.ts";
import {
  claimDeliveriesStatements,
  finishDeliveriesStatement,
  insertDeliveryStatement,
} from "../../workers/storage/deliveries.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { call } from "../support/client.ts";
import { onboard, type TestTenant } from "../support/tenants.ts";

let county: TestTenant;

async function newDelivery(channel: "webhook" | "sms", id = crypto.randomUUID()) {
  const scope = openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
  await insertDeliveryStatement(scope, {
    id,
    idempotencyKey: `test:${id}`,
    channel,
    event: "deadline.overdue",
    recipientLabel: "测试",
    recipientSealed: null,
    title: "测试",
    body: "测试消息",
    link: null,
    params: {},
    notBefore: null,
    createdAt: new Date(),
  }).run();
  return id;
}

const status = async (id: string) =>
  (await env.TENANT_DB_1.prepare("SELECT status, attempts, last_error FROM deliveries WHERE id = ?")
    .bind(id)
    .first<{ status: string; attempts: number; last_error: string | null }>()) ?? undefined;

async function consume(queue: string, id: string, attempts = 1) {
  const batch = createMessageBatch(queue, [
    {
      id: `msg-${id}`,
      timestamp: new Date(),
      attempts,
      body: { tenant: county.code, deliveryId: id },
    },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

beforeAll(async () => {
  county = await onboard("830001", "队列县");
});

describe("the delivery consumer", () => {
  it("sends, acknowledges, and acknowledges a duplicate without sending again", async () => {
    await fetch(`${env.TEST_RECEIVER_URL}/reset?fail=0`, { method: "POST" });
    await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: {
        channels: {
          webhook: { url: `${env.TEST_RECEIVER_URL}/hook`, secret: "consumer-test-secret-1234" },
        },
      },
    });
    const id = await newDelivery("webhook");
    const first = await consume("lianxin-notify", id);
    expect(first.explicitAcks).toEqual([`msg-${id}`]);
    expect(await status(id)).toMatchObject({ status: "sent", attempts: 1 });
    const duplicate = await consume("lianxin-notify", id);
    expect(duplicate.explicitAcks).toEqual([`msg-${id}`]);
    expect(await status(id)).toMatchObject({ status: "sent", attempts: 1 });
    const stats = (await (await fetch(`${env.TEST_RECEIVER_URL}/stats`)).json()) as {
      successes: Record<string, number>;
    };
    expect(stats.successes[id]).toBe(1);
  });

  it("retries a failed attempt with growing back-off", async () => {
    await fetch(`${env.TEST_RECEIVER_URL}/reset?fail=1`, { method: "POST" });
    const id = await newDelivery("webhook");
    const third = await consume("lianxin-notify", id, 3);
    expect(third.retryMessages).toEqual([expect.objectContaining({ msgId: `msg-${id}` })]);
    expect(await status(id)).toMatchObject({
      status: "failed",
      last_error: expect.stringContaining("503"),
    });
  });

  it("marks what reaches the dead-letter queue as dead", async () => {
    const id = await newDelivery("webhook");
    const result = await consume("lianxin-notify-dlq", id);
    expect(result.explicitAcks).toEqual([`msg-${id}`]);
    expect(await status(id)).toMatchObject({ status: "dead" });
  });

  it("writes SMS to the development outbox instead of a provider", async () => {
    const id = await newDelivery("sms");
    await consume("lianxin-notify", id);
    expect(await status(id)).toMatchObject({ status: "sent" });
    const outbox = await call<{ items: { id: string; channel: string; body: string }[] }>(
      `/api/v1/t/${county.code}/dev/outbox`,
    );
    expect(outbox.body.items).toContainEqual(
      expect.objectContaining({ id, channel: "sms", body: "测试消息" }),
    );
  });
});

describe("the consumer's statements", () => {
  const scope = () => openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
  const plan = async ({ sql, params }: { sql: string; params: unknown[] }) =>
    (
      await env.TENANT_DB_1.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>()
    ).results
      .map((r) => r.detail)
      .join("\n");

  it("claim and finish each delivery by primary key, never through the county's deliveries", async () => {
    const ids = ["a", "b", "c"];
    const now = new Date();
    const [claim] = claimDeliveriesStatements(scope(), ids, now, now);
    const finish = finishDeliveriesStatement(
      scope(),
      ids.map((id) => ({ id, status: "sent" as const })),
      now,
    );
    const byKey = /SEARCH deliveries USING INDEX sqlite_autoindex_deliveries_1 \(id=\?\)/;
    for (const text of [
      await plan(claim?.toSQL() ?? { sql: "", params: [] }),
      await plan(finish.getQuery()),
    ]) {
      expect(text).toMatch(byKey);
      expect(text).not.toMatch(/deliveries_tenant_created_idx|SCAN deliveries/);
    }
  });

  it("records every outcome of a batch in one statement", async () => {
    const sent = await newDelivery("webhook");
    const failed = await newDelivery("webhook");
    const now = new Date();
    await finishDeliveriesStatement(
      scope(),
      [
        { id: sent, status: "sent", providerResponse: "HTTP 200" },
        { id: failed, status: "failed", lastError: "HTTP 503" },
      ],
      now,
    );
    expect(await status(sent)).toMatchObject({ status: "sent", last_error: null });
    expect(await status(failed)).toMatchObject({ status: "failed", last_error: "HTTP 503" });
  });
});

describe("channel settings unsealed once per isolate", () => {
  it("follow a changed row at once and give each caller its own copy", async () => {
    const keys = await deriveTenantKeys(env.DATA_MASTER_KEY, county.code);
    const row = async (url: string) => ({
      tenantId: county.code,
      settings: {},
      channelsSealed: await encryptPii(
        keys,
        JSON.stringify({ webhook: { url, secret: "cache-test-secret-12345" } }),
      ),
      updatedAt: new Date(),
    });
    const first = await row("https://one.example/hook");
    const second = await row("https://two.example/hook");
    const a = await settingsOfRow(first, keys);
    expect(a.channels.webhook?.url).toBe("https://one.example/hook");
    if (a.channels.webhook) a.channels.webhook.url = "https://changed.example/";
    expect((await settingsOfRow(first, keys)).channels.webhook?.url).toBe(
      "https://one.example/hook",
    );
    expect((await settingsOfRow(second, keys)).channels.webhook?.url).toBe(
      "https://two.example/hook",
    );
    expect((await settingsOfRow(first, keys)).channels.webhook?.url).toBe(
      "https://one.example/hook",
    );
  });
});

describe("back-off", () => {
  it("doubles from the base and stops at an hour", () => {
    const env30 = { NOTIFY_RETRY_BASE_SECONDS: "30" };
    expect([1, 2, 3, 4].map((n) => backoffSeconds(env30, n))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(env30, 20)).toBe(3600);
  });
});
