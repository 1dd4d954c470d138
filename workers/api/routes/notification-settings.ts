// Where each event goes, quiet hours, wording and the channels' configuration.
import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  NotificationSettingsBody,
  NotificationSettingsView,
} from "../../../schema/api/notifications.ts";
import { deriveTenantKeys } from "../../domain/crypto/pii.ts";
import {
  type ChannelConfigs,
  maskSecret,
  type NotificationSettings,
} from "../../domain/notify/settings.ts";
import { editNotificationSettings } from "../../domain/notify/settings-edit.ts";
import { loadNotificationSettings } from "../../domain/notify/settings-store.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];

const getSettingsRoute = createRoute({
  operationId: "getNotificationSettings",
  method: "get",
  path: "/t/{tenant}/settings/notifications",
  tags: ["Notifications"],
  summary: "Which events go to which channels and roles, quiet hours, templates; secrets masked",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(NotificationSettingsView, "The settings"),
    ...errorResponses(401, 403, 404),
  },
});

const updateSettingsRoute = createRoute({
  operationId: "updateNotificationSettings",
  method: "put",
  path: "/t/{tenant}/settings/notifications",
  tags: ["Notifications"],
  summary: "Change routes, quiet hours, templates or channels (secrets are write-only)",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(NotificationSettingsBody) },
  responses: {
    200: jsonContent(NotificationSettingsView, "The settings"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

/** Secrets never leave: each channel shows whether it is set and a masked hint. */
function settingsView(settings: NotificationSettings, channels: ChannelConfigs) {
  return {
    ...settings,
    templates: Object.fromEntries(
      Object.entries(settings.templates).filter(([, t]) => t),
    ) as Record<string, { title: string; body: string }>,
    channels: {
      wecom: channels.wecom ? { webhookUrl: maskSecret(channels.wecom.webhookUrl) } : null,
      dingtalk: channels.dingtalk
        ? {
            webhookUrl: maskSecret(channels.dingtalk.webhookUrl),
            secret: maskSecret(channels.dingtalk.secret),
          }
        : null,
      sms: channels.sms
        ? {
            accessKeyId: channels.sms.accessKeyId,
            accessKeySecret: maskSecret(channels.sms.accessKeySecret),
            signName: channels.sms.signName,
            templateCodes: channels.sms.templateCodes,
            endpoint: channels.sms.endpoint ?? null,
          }
        : null,
      webhook: channels.webhook
        ? { url: channels.webhook.url, secret: maskSecret(channels.webhook.secret) }
        : null,
      email: channels.email
        ? { from: channels.email.from, fromName: channels.email.fromName ?? null }
        : null,
      webPush: channels.webPush
        ? { subject: channels.webPush.subject, publicKey: channels.webPush.publicKey }
        : null,
    },
  };
}

export const notificationSettingsRoutes = newRouter()
  .openapi(getSettingsRoute, async (c) => {
    const keys = await deriveTenantKeys(c.env.DATA_MASTER_KEY, c.get("tenant").code);
    const { settings, channels } = await loadNotificationSettings(c.get("scope"), keys);
    return c.json(settingsView(settings, channels), 200);
  })
  .openapi(updateSettingsRoute, async (c) => {
    const scope = c.get("scope");
    const keys = await deriveTenantKeys(c.env.DATA_MASTER_KEY, scope.tenant);
    const { settings, channels } = await editNotificationSettings(
      scope,
      keys,
      c.get("staff").id,
      c.req.valid("json"),
      new Date(),
    );
    return c.json(settingsView(settings, channels), 200);
  });
