import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { flushOutbox, handOff } from "../../workers/domain/notify/outbox.ts";
import { runDeadlineScan } from "../../workers/domain/notify/scan.ts";
import type { Env } from "../../workers/env.ts";
import { meteredEnv } from "../../workers/storage/d1-meter.ts";
import { openTenantScope } from "../../workers/storage/tenant-scope.ts";
import { bulkPetitions } from "../support/bulk.ts";
import { call } from "../support/client.ts";
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

  it("gives back every delivery from the send that failed on, not only that send's", async () => {
    await writeDeliveries("hand-c", 250);
    const now = new Date();
    await env.TENANT_DB_1.prepare("UPDATE deliveries SET enqueued_at = ? WHERE id LIKE 'hand-c-%'")
      .bind(now.getTime())
      .run();
    // The second of three sends fails: the first 100 stay with the queue, 150 come back.
    let sends = 0;
    const failsSecond = {
      ...env,
      NOTIFY_QUEUE: {
        sendBatch: async () => {
          sends += 1;
          if (sends === 2) throw new Error("queue unavailable");
        },
      },
    } as unknown as Env;
    const ids = Array.from({ length: 250 }, (_, i) => ({ id: `hand-c-${i + 1}`, notBefore: null }));
    await expect(handOff(failsSecond, scope(), ids, now)).rejects.toThrow("queue unavailable");
    const at = await env.TENANT_DB_1.prepare(
      "SELECT CAST(substr(id, 8) AS INTEGER) AS n, enqueued_at AS at FROM deliveries WHERE id LIKE 'hand-c-%'",
    ).all<{ n: number; at: number | null }>();
    expect(
      at.results
        .filter((r) => r.at !== null)
        .map((r) => r.n)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

describe("the deadline scan's own deliveries", () => {
  const late = { due: "2026-01-16", from: "2026-01-01" };
  // 06:00 in the county: before the day's digest and reminders, so the run is the scan alone.
  const at = new Date(Date.UTC(2026, 10, 30, 22));
  const scanned = async (code: string, count: number) => {
    const county = await onboard(code);
    await call(`/api/v1/t/${county.code}/settings/notifications`, {
      method: "PUT",
      token: county.adminToken,
      body: {
        channels: {
          webhook: { url: "https://hooks.example.cn/x", secret: "a-scan-webhook-secret-01" },
        },
      },
    });
    await bulkPetitions({
      tenant: county.code,
      count,
      unitIds: [county.countyUnitId],
      clock: late,
      dueEvery: 1,
      now: at.getTime(),
    });
    // Registered since migration 0023: each case carries the marks it has had (none yet).
    await env.TENANT_DB_1.prepare("UPDATE petitions SET alert_marks = '[]' WHERE tenant_id = ?")
      .bind(county.code)
      .run();
    return openTenantScope(env, { code: county.code, shard: "TENANT_DB_1" });
  };
  const webhooks = async (tenant: string) =>
    (
      await env.TENANT_DB_1.prepare(
        "SELECT id, enqueued_at AS at FROM deliveries WHERE tenant_id = ? AND channel = 'webhook'",
      )
        .bind(tenant)
        .all<{ id: string; at: number | null }>()
    ).results;

  it("go to the queue once each, written as handed off, with nothing left for a claim", async () => {
    const county = await scanned("861002", 150);
    const sends = queue(false);
    const metered = meteredEnv(sends.env);
    const report = await runDeadlineScan(metered.env, at, county.tenant);
    expect(report.failed).toBe(0);
    expect(report.breaches).toBe(150);
    // The scan costs its due cases (a read and a write each) and the county's context once
    // (its ~70-day holiday calendar, units, staff), not a claim reading back the 150
    // deliveries it has just written (two rows each).
    expect(metered.meter.rowsRead).toBeLessThanOrEqual(2 * 150 + 100);
    const written = await webhooks(county.tenant);
    // One breach notice per case, on the county's webhook.
    expect(written).toHaveLength(150);
    expect(written.every((d) => d.at !== null)).toBe(true);
    const ids = written.map((d) => d.id);
    expect(sends.sent.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(new Set(sends.sent).size).toBe(sends.sent.length);
    const again = queue(false);
    expect(await flushOutbox(again.env, county)).toBe(0);
  });

  it("are given back to the outbox when the queue refuses them, and sent by the next flush", async () => {
    const county = await scanned("861003", 30);
    const refused = queue(true);
    await runDeadlineScan(refused.env, at, county.tenant);
    const written = await webhooks(county.tenant);
    expect(written).toHaveLength(30);
    expect(written.every((d) => d.at === null)).toBe(true);
    const later = queue(false);
    expect(await flushOutbox(later.env, county)).toBeGreaterThanOrEqual(30);
    expect(written.every((d) => later.sent.includes(d.id))).toBe(true);
  });
});
