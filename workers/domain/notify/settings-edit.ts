import type { NotificationSettingsBody } from "../../../schema/api/notifications.ts";
import { ApiError } from "../../errors.ts";
import { generateVapidKeys } from "../../notify/channels/web-push.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import type { TenantKeys } from "../crypto/pii.ts";
import type { ChannelConfigs, NotificationSettings } from "./settings.ts";
import {
  checkTemplates,
  loadNotificationSettings,
  saveNotificationSettingsStatement,
} from "./settings-store.ts";

/**
 * Applies an administrator's edit to the county's notification settings: what is omitted
 * stays, templates are checked against their events' placeholders, channel secrets merge
 * (see mergeChannels), and the audit entry names what changed but never a secret.
 */
export async function editNotificationSettings(
  scope: TenantScope,
  keys: TenantKeys,
  actorId: string,
  body: NotificationSettingsBody,
  now: Date,
): Promise<{ settings: NotificationSettings; channels: ChannelConfigs }> {
  const current = await loadNotificationSettings(scope, keys);
  const settings: NotificationSettings = {
    routes: {
      ...current.settings.routes,
      ...(body.routes ?? {}),
    } as NotificationSettings["routes"],
    quietHours: body.quietHours === undefined ? current.settings.quietHours : body.quietHours,
    templates: withoutNulls({ ...current.settings.templates, ...(body.templates ?? {}) }),
    emailTo: body.emailTo ?? current.settings.emailTo,
  };
  checkTemplates(settings.templates);
  const channels = await mergeChannels(current.channels, body.channels ?? {});
  await batchWithAudit(
    scope,
    [(await saveNotificationSettingsStatement(scope, keys, settings, channels, now)).statement],
    {
      actorId,
      action: "settings.notifications",
      targetType: "settings",
      targetId: "notifications",
      // Which channels changed, never their secrets.
      detail: {
        channels: Object.keys(body.channels ?? {}),
        routes: Object.keys(body.routes ?? {}),
      },
    },
    now,
  );
  return { settings, channels };
}

type ChannelsBody = NonNullable<NotificationSettingsBody["channels"]>;

/** A template set to null returns to the default wording: it is simply not stored. */
function withoutNulls<T>(record: Record<string, T | null | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, T] => e[1] != null));
}

/**
 * Applies an admin's channel edit: null removes a channel; an omitted secret keeps the
 * stored one; a new channel without its secret is refused. Web Push gets its VAPID keys
 * generated once.
 */
async function mergeChannels(current: ChannelConfigs, edit: ChannelsBody): Promise<ChannelConfigs> {
  const next: ChannelConfigs = { ...current };
  const missing = (path: string) =>
    new ApiError("VALIDATION_FAILED", "请填写密钥", {
      status: 422,
      details: [{ path, message: "新配置的渠道需要密钥" }],
    });
  if (edit.wecom !== undefined) {
    if (edit.wecom === null) delete next.wecom;
    else {
      const webhookUrl = edit.wecom.webhookUrl ?? current.wecom?.webhookUrl;
      if (!webhookUrl) throw missing("channels.wecom.webhookUrl");
      next.wecom = { webhookUrl };
    }
  }
  if (edit.dingtalk !== undefined) {
    if (edit.dingtalk === null) delete next.dingtalk;
    else {
      const secret = edit.dingtalk.secret ?? current.dingtalk?.secret;
      const webhookUrl = edit.dingtalk.webhookUrl ?? current.dingtalk?.webhookUrl;
      if (!secret) throw missing("channels.dingtalk.secret");
      if (!webhookUrl) throw missing("channels.dingtalk.webhookUrl");
      next.dingtalk = { webhookUrl, secret };
    }
  }
  if (edit.sms !== undefined) {
    if (edit.sms === null) delete next.sms;
    else {
      const accessKeySecret = edit.sms.accessKeySecret ?? current.sms?.accessKeySecret;
      if (!accessKeySecret) throw missing("channels.sms.accessKeySecret");
      next.sms = { ...edit.sms, accessKeySecret };
    }
  }
  if (edit.webhook !== undefined) {
    if (edit.webhook === null) delete next.webhook;
    else {
      const secret = edit.webhook.secret ?? current.webhook?.secret;
      if (!secret) throw missing("channels.webhook.secret");
      next.webhook = { url: edit.webhook.url, secret };
    }
  }
  if (edit.email !== undefined) {
    if (edit.email === null) delete next.email;
    else next.email = edit.email;
  }
  if (edit.webPush !== undefined) {
    if (edit.webPush === null) delete next.webPush;
    else {
      const keys = current.webPush ?? (await generateVapidKeys());
      next.webPush = {
        subject: edit.webPush.subject,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
      };
    }
  }
  return next;
}
