import { z } from "zod";
import type { NotifyEvent } from "../../schema/reference/notify-events.ts";
import type { DeliveryRow } from "../../schema/tenant/tables.ts";
import { decryptPii, deriveTenantKeys, type TenantKeys } from "../domain/crypto/pii.ts";
import type { ChannelConfigs } from "../domain/notify/settings.ts";
import { settingsOfRow } from "../domain/notify/settings-store.ts";
import { type Env, isDevelopment } from "../env.ts";
import { findActiveTenant } from "../storage/control.ts";
import {
  claimDeliveriesStatements,
  type DeliveryFinish,
  deliveryStatusesOf,
  finishDeliveries,
  markDead,
} from "../storage/deliveries.ts";
import { writeDevOutbox } from "../storage/dev-outbox.ts";
import { settingsRowQuery } from "../storage/notify.ts";
import { deleteSubscription, subscriptionsOf } from "../storage/push-subscriptions.ts";
import { openTenantScope, type TenantScope } from "../storage/tenant-scope.ts";
import { sendAliyunSms } from "./channels/aliyun-sms.ts";
import { sendDingTalk } from "./channels/dingtalk.ts";
import { sendEmail } from "./channels/email.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./channels/types.ts";
import { SUBSCRIPTION_GONE, sendWebPush } from "./channels/web-push.ts";
import { sendWebhook } from "./channels/webhook.ts";
import { sendWeCom } from "./channels/wecom.ts";

const MessageBody = z.object({
  tenant: z.string().regex(/^\d{6}$/),
  deliveryId: z.string().min(1).max(64),
});

/** A consumer that died mid-send leaves `sending`; after this long another may take it. */
const STUCK_AFTER_MS = 10 * 60_000;

/**
 * Sends in flight at once: a whole batch (the queue's `max_batch_size`), as a consumer that
 * only POSTs would send it. A lower bound left the batch waiting on its slowest sends in
 * waves (0.4–0.6× such a consumer in the bench; 0.7–0.9× at this one); the runtime still
 * limits the connections it opens to one host.
 */
const SEND_CONCURRENCY = 25;

type Item = { message: Message<unknown>; deliveryId: string };

/**
 * Delivers queued messages. Each delivery is claimed in D1 before it is sent, so a message
 * the queue hands out twice is sent once; a failed attempt is retried with exponential
 * back-off, and after the queue's last retry the message lands in the dead-letter queue,
 * whose consumer marks the delivery dead. Nothing is dropped silently.
 *
 * A batch is worked per county in two D1 round trips: one claims its deliveries and reads
 * the county's channel settings (their secrets unsealed once per isolate while the sealed row
 * is unchanged), the sends run together, and one statement records every outcome. A county
 * whose work fails has its messages retried; the others go on.
 */
export async function consumeNotifications(batch: MessageBatch<unknown>, env: Env) {
  const deadLetters = batch.queue.endsWith("-dlq");
  const byTenant = new Map<string, Item[]>();
  for (const message of batch.messages) {
    const parsed = MessageBody.safeParse(message.body);
    if (!parsed.success) {
      console.error(`notify: malformed message ${message.id}`, parsed.error.issues);
      message.ack();
      continue;
    }
    const items = byTenant.get(parsed.data.tenant) ?? [];
    items.push({ message, deliveryId: parsed.data.deliveryId });
    byTenant.set(parsed.data.tenant, items);
  }
  for (const [code, items] of byTenant) {
    try {
      const tenant = await findActiveTenant(env, code);
      if (!tenant) {
        for (const { message } of items) message.ack();
        continue;
      }
      const scope = openTenantScope(env, tenant);
      if (deadLetters) {
        for (const { message, deliveryId } of items) {
          await markDead(scope, deliveryId, new Date());
          message.ack();
        }
        continue;
      }
      await deliverAll(env, scope, items);
    } catch (error) {
      console.error(`notify: county ${code} failed, its messages will be retried`, error);
      for (const { message } of items) {
        message.retry({ delaySeconds: backoffSeconds(env, message.attempts) });
      }
    }
  }
}

export function backoffSeconds(env: Pick<Env, "NOTIFY_RETRY_BASE_SECONDS">, attempts: number) {
  const base = Number(env.NOTIFY_RETRY_BASE_SECONDS ?? 30);
  return Math.min(3600, Math.round(base * 2 ** Math.max(0, attempts - 1)));
}

async function deliverAll(env: Env, scope: TenantScope, items: Item[]) {
  const now = new Date();
  const ids = [...new Set(items.map((item) => item.deliveryId))];
  const keys = await deriveTenantKeys(env.DATA_MASTER_KEY, scope.tenant);
  // One round trip claims the batch's deliveries and reads the county's channel settings
  // (a batch nearly always needs them); the secrets are decrypted once, on first use.
  const [settingsRows, ...claims] = await scope.db.batch([
    settingsRowQuery(scope),
    ...claimDeliveriesStatements(scope, ids, now, new Date(now.getTime() - STUCK_AFTER_MS)),
  ]);
  let channels: Promise<ChannelConfigs> | undefined;
  const channelsOnce = () => {
    channels ??= settingsOfRow(settingsRows[0], keys).then((loaded) => loaded.channels);
    return channels;
  };
  const rows = new Map((claims.flat() as DeliveryRow[]).map((row) => [row.id, row]));
  const missed = ids.filter((id) => !rows.has(id));
  const statuses = missed.length > 0 ? await deliveryStatusesOf(scope, missed) : new Map();

  const claimed = [...rows.values()];
  const outcomes = await inParallel(claimed, SEND_CONCURRENCY, async (row) => {
    try {
      return await send(env, scope, keys, channelsOnce, row);
    } catch (error) {
      return {
        ok: false as const,
        retryable: true,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });

  await finishDeliveries(
    scope,
    claimed.map((row, i): DeliveryFinish => {
      const outcome = outcomes[i] as DeliveryOutcome;
      return outcome.ok
        ? { id: row.id, status: "sent", providerResponse: outcome.providerResponse }
        : {
            id: row.id,
            status: outcome.retryable ? "failed" : "dead",
            lastError: outcome.error,
            providerResponse: outcome.providerResponse ?? null,
          };
    }),
    new Date(),
  );

  const retry = new Set(
    claimed
      .filter((_, i) => {
        const outcome = outcomes[i] as DeliveryOutcome;
        return !outcome.ok && outcome.retryable;
      })
      .map((row) => row.id),
  );
  const answered = new Set<string>();
  for (const { message, deliveryId } of items) {
    // The same delivery twice in one batch: the first copy carries it.
    const duplicate = answered.has(deliveryId);
    answered.add(deliveryId);
    // Taken by another consumer: look again later. Sent, dead or gone: nothing to do.
    const again = rows.has(deliveryId)
      ? retry.has(deliveryId) && !duplicate
      : statuses.get(deliveryId) === "sending" && !duplicate;
    if (again) message.retry({ delaySeconds: backoffSeconds(env, message.attempts) });
    else message.ack();
  }
}

/** `work` over every item, at most `limit` at a time; results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const notConfigured = (channel: string): DeliveryOutcome => ({
  ok: false,
  retryable: false,
  error: `${channel} 渠道未配置`,
});

async function send(
  env: Env,
  scope: TenantScope,
  keys: TenantKeys,
  channelsOnce: () => Promise<ChannelConfigs>,
  row: DeliveryRow,
): Promise<DeliveryOutcome> {
  const target = row.recipientSealed ? await decryptPii(keys, row.recipientSealed) : null;
  const message: OutgoingMessage = {
    id: row.id,
    title: row.title,
    body: row.body,
    ...(row.link && { link: row.link }),
  };
  const devOutbox = async (channel: "sms" | "email") => {
    await writeDevOutbox(
      scope,
      // The recipient stays sealed here as in the delivery log; the outbox page unseals it.
      {
        id: row.id,
        channel,
        recipient: row.recipientSealed ?? "",
        subject: row.title,
        body: row.body,
      },
      new Date(),
    );
    return { ok: true as const, providerResponse: "dev outbox" };
  };
  if (isDevelopment(env) && (row.channel === "sms" || row.channel === "email"))
    return devOutbox(row.channel);

  const channels = await channelsOnce();
  switch (row.channel) {
    case "sms":
      return smsTo(channels, row, target);
    case "email":
      if (!env.EMAIL || !channels.email || !target) return notConfigured("邮件");
      return sendEmail(env.EMAIL, channels.email, target, message);
    case "wecom":
      return channels.wecom ? sendWeCom(channels.wecom, message) : notConfigured("企业微信");
    case "dingtalk":
      return channels.dingtalk ? sendDingTalk(channels.dingtalk, message) : notConfigured("钉钉");
    case "webhook":
      return channels.webhook
        ? sendWebhook(channels.webhook, {
            event: row.event,
            tenant: scope.tenant,
            message,
            data: row.params,
          })
        : notConfigured("对接接口");
    case "web_push":
      return pushTo(scope, channels, target, message);
  }
}

function smsTo(channels: ChannelConfigs, row: DeliveryRow, phone: string | null) {
  const sms = channels.sms;
  const templateCode = sms?.templateCodes[row.event as NotifyEvent];
  if (!sms || !templateCode || !phone) return notConfigured("短信");
  return sendAliyunSms(
    { ...sms, templateCode },
    phone,
    row.params ?? {},
    row.id,
    fetch,
    new Date(),
    row.attempts,
  );
}

/** A staff member may have several browsers; one that took it is enough. */
async function pushTo(
  scope: TenantScope,
  channels: ChannelConfigs,
  staffId: string | null,
  message: OutgoingMessage,
) {
  if (!channels.webPush || !staffId) return notConfigured("浏览器推送");
  const { subject, publicKey, privateKey } = channels.webPush;
  const subscriptions = await subscriptionsOf(scope, [staffId]);
  if (subscriptions.length === 0)
    return { ok: false as const, retryable: false, error: "该人员未开启浏览器推送" };
  const outcomes = await Promise.all(
    subscriptions.map(async (sub) => {
      const outcome = await sendWebPush(
        { vapid: { subject, publicKey, privateKey } },
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        message,
      );
      if (!outcome.ok && outcome.error.includes(SUBSCRIPTION_GONE))
        await deleteSubscription(scope, sub.endpoint);
      return outcome;
    }),
  );
  return outcomes.find((o) => o.ok) ?? outcomes[0] ?? notConfigured("浏览器推送");
}
