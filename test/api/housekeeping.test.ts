import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { call } from "../support/client.ts";
import { onboard } from "../support/tenants.ts";

describe("the cron trigger", () => {
  it("purges sessions that expired more than a day ago and keeps live ones", async () => {
    const county = await onboard("700001");
    await env.TENANT_DB_1.prepare(
      "INSERT INTO auth_sessions (token_hash, tenant_id, staff_id, created_at, expires_at) VALUES ('old', ?, 'x', 0, ?)",
    )
      .bind(county.code, Date.now() - 2 * 86_400_000)
      .run();
    const controller = createScheduledController({
      scheduledTime: Date.now(),
      cron: "*/5 * * * *",
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);

    const old = await env.TENANT_DB_1.prepare(
      "SELECT 1 FROM auth_sessions WHERE token_hash = 'old'",
    ).first();
    expect(old).toBeNull();
    expect((await call("/api/v1/auth/me", { token: county.adminToken })).status).toBe(200);
  });
});

describe("the notification queue", () => {
  it("drops a message that can never be delivered, and says why", async () => {
    const batch = createMessageBatch("lianxin-notify", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { kind: "not a delivery" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
  });
});
