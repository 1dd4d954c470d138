import { z } from "zod";
import type { NotifyEvent } from "../../schema/reference/notify-events.ts";
import type { DeliveryRow } from "../../schema/tenant/tables.ts";
import { decryptPii, deriveTenantKeys } from "../domain/crypto/pii.ts";
import type { ChannelConfigs } from "../domain/notify/settings.ts";
import { loadNotificationSettings } from "../domain/notify/settings-store.ts";
import { type Env, isDevelopment } from "../env.ts";
import { findActiveTenant } from "../storage/control.ts";
import {
  claimDelivery,
  deleteSubscription,
  findDelivery,
  finishDelivery,
  markDead,
  subscriptionsOf,
  writeDevOutbox,
} from "../storage/notify.ts";
import { openTenantScope, type TenantScope } from "../storage/tenant-scope.ts";
import { sendAliyunSms } from "./channels/aliyun-sms.ts";
import { sendDingTalk } from "./channels/dingtalk.ts";
import { sendEmail } from "./channels/email.ts";
import type { DeliveryOutcome, OutgoingMessage } from "./channels/types.ts";
import { SUBSCRIPTION_GONE, sendWebPush } from "./channels/web-push.ts";
import { sendWebhook } from "./channels/webhook.ts";
import { sendWeCom } from "./channels/wecom.ts";

const Message = z.object({
  tenant: z.string().regex(/^\d{6}$/),
  deliveryId: z.string().min(1).max(64),
});

/** A consumer that died mid-send leaves `sending`; after this long another may take it. */
const STUCK_AFTER_MS = 10 * 60_000;

/**
 * Delivers queued messages. Each delivery is claimed in D1 before it is sent, so a message
 * the queue hands out twice is sent once; a failed attempt is retried with exponential
 * back-off, and after the queue's last retry the message lands in the dead-letter queue,
 * whose consumer marks the delivery dead. Nothing is dropped silently.
 */
export async function consumeNotifications(batch: MessageBatch<unknown>, env: Env) {
  const deadLetters = batch.queue.endsWith("-dlq");
  for (const message of batch.messages) {
    const parsed = Message.safeParse(message.body);
    if (!parsed.success) {
      console.error(`notify: malformed message ${message.id}`, parsed.error.issues);
      message.ack();
      continue;
    }
    const tenant = await findActiveTenant(env, parsed.data.tenant);
    if (!tenant) {
      message.ack();
      continue;
    }
    const scope = openTenantScope(env, tenant);
    const now = new Date();
    if (deadLetters) {
      await markDead(scope, parsed.data.deliveryId, now);
      message.ack();
      continue;
    }
    const result = await deliver(env, scope, parsed.data.deliveryId, now);
    if (result === "retry") message.retry({ delaySeconds: backoffSeconds(env, message.attempts) });
    else message.ack();
  }
}

export function backoffSeconds(env: Pick<Env, "NOTIFY_RETRY_BASE_SECONDS">, attempts: number) {
  const base = Number(env.NOTIFY_RETRY_BASE_SECONDS ?? 30);
  return Math.min(3600, Math.round(base * 2 ** Math.max(0, attempts - 1)));
}

async function deliver(
  env: Env,
  scope: TenantScope,
  id: string,
  now: Date,
): Promise<"done" | "retry"> {
  if (!(await claimDelivery(scope, id, now, new Date(now.getTime() - STUCK_AFTER_MS)))) {
    const row = await findDelivery(scope, id);
    // Sent, dead or gone: nothing to do. Taken by another consumer: look again later.
    return row?.status === "sending" ? "retry" : "done";
  }
  const row = await findDelivery(scope, id);
  if (!row) return "done";
  let outcome: DeliveryOutcome;
  try {
    outcome = await send(env, scope, row);
  } catch (error) {
    outcome = {
      ok: false,
      retryable: true,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const done = new Date();
  if (outcome.ok) {
    await finishDelivery(
      scope,
      id,
      { status: "sent", providerResponse: outcome.providerResponse },
      done,
    );
    return "done";
  }
  await finishDelivery(
    scope,
    id,
    {
      status: outcome.retryable ? "failed" : "dead",
      lastError: outcome.error,
      providerResponse: outcome.providerResponse ?? null,
    },
    done,
  );
  return outcome.retryable ? "retry" : "done";
}

const notConfigured = (channel: string): DeliveryOutcome => ({
  ok: false,
  retryable: false,
  error: `${channel} 渠道未配置`,
});

async function send(env: Env, scope: TenantScope, row: DeliveryRow): Promise<DeliveryOutcome> {
  const keys = await deriveTenantKeys(env.DATA_MASTER_KEY, scope.tenant);
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

  const { channels } = await loadNotificationSettings(scope, keys);
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
