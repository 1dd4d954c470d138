import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { flushOutbox } from "../../workers/domain/notify/outbox.ts";
import type { Env } from "../../workers/env.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { onboard, type TestTenant } from "../support/tenants.ts";

let county: TestTenant;
const scope = () => openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });

beforeAll(async () => {
  county = await onboard("861001");
});

async function writeDeliveries(run: string, count: number) {
  const now = Date.now();
  await env.TENANT_DB_1.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
     INSERT INTO deliveries (id, tenant_id, idempotency_key, channel, event, recipient_label,
       title, body, status, attempts, created_at, updated_at)
     SELECT ?2 || '-' || n.i, ?1, ?2 || '-' || n.i, 'webhook', 'deadline.overdue', '对接接口',
       '期限提醒', '消息', 'queued', 0, ?4, ?4 FROM n`,
  )
    .bind(county.code, run, count, now)
    .run();
}

const enqueuedAt = async (run: string) =>
  (
    await env.TENANT_DB_1.prepare(
      "SELECT enqueued_at AS at FROM deliveries WHERE tenant_id = ? AND id LIKE ? ORDER BY id",
    )
      .bind(county.code, `${run}-%`)
      .all<{ at: number | null }>()
  ).results.map((r) => r.at);

/** An env whose queue records what it is sent, or refuses it. */
function queue(refuse: boolean) {
  const sent: string[] = [];
  const fake = {
    ...env,
    NOTIFY_QUEUE: {
      sendBatch: async (messages: { body: { deliveryId: string } }[]) => {
        if (refuse) throw new Error("queue unavailable");
        sent.push(...messages.map((m) => m.body.deliveryId));
      },
    },
  } as unknown as Env;
  return { env: fake, sent };
}

describe("the outbox hand-off", () => {
  it("gives back what a refused send took, and hands each delivery over once", async () => {
    await writeDeliveries("hand-a", 3);
    const refused = queue(true);
    await expect(flushOutbox(refused.env, scope())).rejects.toThrow("queue unavailable");
    expect(await enqueuedAt("hand-a")).toEqual([null, null, null]);

    const first = queue(false);
    expect(await flushOutbox(first.env, scope())).toBe(3);
    expect(first.sent.sort()).toEqual(["hand-a-1", "hand-a-2", "hand-a-3"]);
    expect((await enqueuedAt("hand-a")).every((at) => at !== null)).toBe(true);

    // Taken, and not stale: a second flush right after sends nothing again.
    const second = queue(false);
    expect(await flushOutbox(second.env, scope())).toBe(0);
    expect(second.sent).toEqual([]);
  });

  it("takes a backlog larger than one page in pages, each delivery once", async () => {
    await writeDeliveries("hand-b", 120);
    const flush = queue(false);
    expect(await flushOutbox(flush.env, scope())).toBe(120);
    expect(new Set(flush.sent).size).toBe(120);
  });
});
