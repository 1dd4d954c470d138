import { createRoute, z } from "@hono/zod-openapi";
import { Id, TenantParam } from "../../../schema/api/common.ts";
import { NotificationSettingsBody } from "../../../schema/api/notifications.ts";
import {
  deliveryChannels,
  deliveryStatuses,
  supervisionForms,
} from "../../../schema/tenant/tables.ts";
import { decryptPii, deriveTenantKeys } from "../../domain/crypto/pii.ts";
import { runDeadlineScan } from "../../domain/notify/scan.ts";
import {
  type ChannelConfigs,
  maskSecret,
  type NotificationSettings,
} from "../../domain/notify/settings.ts";
import {
  checkTemplates,
  loadNotificationSettings,
  saveNotificationSettingsStatement,
} from "../../domain/notify/settings-store.ts";
import { isDevelopment } from "../../env.ts";
import { ApiError, notFound } from "../../errors.ts";
import { generateVapidKeys } from "../../notify/channels/web-push.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import {
  findSupervision,
  listDeliveries,
  listDevOutbox,
  listNotifications,
  listSupervisions,
  markReadStatement,
  saveSubscriptionStatement,
  unreadCount,
  updateSupervisionStatement,
} from "../../storage/notify.ts";
import { caseRequest, viewerOf } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];

const ScanReport = z
  .object({
    tenants: z.number().int(),
    rowsRead: z.number().int(),
    cases: z.number().int(),
    alerts: z.number().int(),
    breaches: z.number().int(),
    digests: z.number().int(),
    reminders: z.number().int(),
    enqueued: z.number().int(),
  })
  .openapi("ScanReport");

const runDeadlineScanRoute = createRoute({
  operationId: "runDeadlineScan",
  method: "post",
  path: "/t/{tenant}/deadline-scan",
  tags: ["Notifications"],
  summary:
    "Run the deadline scan for this county now (the cron runs the same code every 5 minutes)",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin", "supervisor")],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(ScanReport, "What the scan did"),
    ...errorResponses(401, 403, 404),
  },
});

const Supervision = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    deadlineKey: z.string(),
    due: z.string(),
    unitId: z.string(),
    status: z.enum(["open", "resolved"]),
    form: z.enum(supervisionForms).nullable(),
    history: z.array(
      z.object({
        at: z.string(),
        by: z.string().nullable(),
        form: z.enum(supervisionForms).optional(),
        note: z.string().optional(),
        status: z.enum(["open", "resolved"]).optional(),
      }),
    ),
    openedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    trackingCode: z.string().nullable().optional(),
    essentials: z
      .object({
        categoryName: z.string(),
        unitName: z.string(),
        summary: z.string(),
        deadline: z.iso.datetime().nullable(),
      })
      .optional()
      .openapi({
        description: "The case as the card shows it (category, unit, summary, deadline)",
      }),
  })
  .openapi("Supervision");

const listSupervisionsRoute = createRoute({
  operationId: "listSupervisions",
  method: "get",
  path: "/t/{tenant}/supervisions",
  tags: ["Notifications"],
  summary: "Supervision (督办) of breached deadlines, newest first",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("supervisor", "leader", "tenant_admin")],
  request: {
    params: TenantParam,
    query: z.object({
      status: z.enum(["open", "resolved"]).optional(),
      unitId: Id.optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ items: z.array(Supervision) }), "Supervision records"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const updateSupervisionRoute = createRoute({
  operationId: "updateSupervision",
  method: "patch",
  path: "/t/{tenant}/supervisions/{supervisionId}",
  tags: ["Notifications"],
  summary:
    "Record a form of supervision used (电话、发函、约谈、会议、挂牌、通报督办) or resolve it",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("supervisor")],
  request: {
    params: TenantParam.extend({ supervisionId: z.string().min(1).max(200) }),
    body: jsonBody(
      z
        .object({
          form: z.enum(supervisionForms).optional(),
          note: z.string().trim().min(1).max(2000).optional(),
          status: z.enum(["open", "resolved"]).optional(),
        })
        .strict()
        .refine((b) => b.form || b.note || b.status, "至少填写督办形式、说明或状态之一"),
    ),
  },
  responses: {
    200: jsonContent(Supervision, "The record"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const Notification = z
  .object({
    id: z.string(),
    event: z.string(),
    title: z.string(),
    body: z.string(),
    petitionId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi("Notification");

const listNotificationsRoute = createRoute({
  operationId: "listNotifications",
  method: "get",
  path: "/t/{tenant}/notifications",
  tags: ["Notifications"],
  summary: "Your inbox, newest first, with the unread count",
  security: staffSecurity,
  middleware: signedIn,
  request: {
    params: TenantParam,
    query: z.object({
      unread: z.enum(["true", "false"]).optional(),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ items: z.array(Notification), unread: z.number().int() }),
      "The inbox",
    ),
    ...errorResponses(400, 401, 404),
  },
});

const markNotificationReadRoute = createRoute({
  operationId: "markNotificationRead",
  method: "post",
  path: "/t/{tenant}/notifications/read",
  tags: ["Notifications"],
  summary: "Mark some or all of your notifications read",
  security: staffSecurity,
  middleware: signedIn,
  request: {
    params: TenantParam,
    body: jsonBody(
      z.union([
        z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(80) }).strict(),
        z.object({ all: z.literal(true) }).strict(),
      ]),
    ),
  },
  responses: {
    200: jsonContent(z.object({ unread: z.number().int() }), "The unread count after"),
    ...errorResponses(400, 401, 404),
  },
});

const Delivery = z
  .object({
    id: z.string(),
    channel: z.enum(deliveryChannels),
    event: z.string(),
    recipient: z.string(),
    title: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    providerResponse: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .openapi("Delivery");

const listDeliveriesRoute = createRoute({
  operationId: "listDeliveries",
  method: "get",
  path: "/t/{tenant}/deliveries",
  tags: ["Notifications"],
  summary: "The delivery log: every message, its attempts and the provider's answer",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: {
    params: TenantParam,
    query: z.object({
      status: z.enum(deliveryStatuses).optional(),
      channel: z.enum(deliveryChannels).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
  },
  responses: {
    200: jsonContent(z.object({ items: z.array(Delivery) }), "Deliveries, newest first"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const SettingsView = z
  .object({
    routes: z.record(
      z.string(),
      z.object({ channels: z.array(z.string()), roles: z.array(z.string()).optional() }),
    ),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    templates: z.record(z.string(), z.object({ title: z.string(), body: z.string() })),
    emailTo: z.array(z.string()),
    channels: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()),
  })
  .openapi("NotificationSettings");

const getSettingsRoute = createRoute({
  operationId: "getNotificationSettings",
  method: "get",
  path: "/t/{tenant}/settings/notifications",
  tags: ["Notifications"],
  summary: "Which events go to which channels and roles, quiet hours, templates; secrets masked",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: { params: TenantParam },
  responses: { 200: jsonContent(SettingsView, "The settings"), ...errorResponses(401, 403, 404) },
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
    200: jsonContent(SettingsView, "The settings"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const savePushSubscriptionRoute = createRoute({
  operationId: "savePushSubscription",
  method: "post",
  path: "/t/{tenant}/push-subscriptions",
  tags: ["Notifications"],
  summary: "Subscribe this browser to Web Push notifications",
  security: staffSecurity,
  middleware: signedIn,
  request: {
    params: TenantParam,
    body: jsonBody(
      z
        .object({
          endpoint: z.url().max(1000),
          keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
        })
        .openapi("PushSubscription"),
    ),
  },
  responses: {
    201: jsonContent(z.object({ saved: z.literal(true) }), "Saved"),
    ...errorResponses(400, 401, 404),
  },
});

const getVapidKeyRoute = createRoute({
  operationId: "getPushPublicKey",
  method: "get",
  path: "/t/{tenant}/push-subscriptions/key",
  tags: ["Notifications"],
  summary: "The county's VAPID public key for subscribing a browser",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam },
  responses: {
    200: jsonContent(
      z.object({ publicKey: z.string().nullable() }),
      "The key, or null when Web Push is off",
    ),
    ...errorResponses(401, 404),
  },
});

const listDevOutboxRoute = createRoute({
  operationId: "listDevOutbox",
  method: "get",
  path: "/t/{tenant}/dev/outbox",
  tags: ["Development"],
  summary: "Development only: SMS and email that would have been sent (404 in production)",
  middleware: [publicRateLimit, tenantContext],
  request: {
    params: TenantParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
  },
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            channel: z.enum(["sms", "email"]),
            recipient: z.string(),
            subject: z.string(),
            body: z.string(),
            createdAt: z.iso.datetime(),
          }),
        ),
      }),
      "Newest first",
    ),
    ...errorResponses(404, 429),
  },
});

function presentSupervision(
  row: Awaited<ReturnType<typeof findSupervision>> & object & { trackingCode?: string | null },
) {
  return {
    ...(row.trackingCode !== undefined && { trackingCode: row.trackingCode }),
    id: row.id,
    petitionId: row.petitionId,
    deadlineKey: row.deadlineKey,
    due: row.due,
    unitId: row.unitId,
    status: row.status,
    form: row.form,
    history: row.history,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

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

export const notifyRoutes = newRouter()
  .openapi(runDeadlineScanRoute, async (c) =>
    c.json(await runDeadlineScan(c.env, new Date(), c.get("tenant").code), 200),
  )
  .openapi(listSupervisionsRoute, async (c) => {
    const query = c.req.valid("query");
    const { ctx, viewer } = await caseRequest(c);
    const rows = await listSupervisions(c.get("scope"), viewer, {
      ...query,
      limit: query.limit ?? 100,
    });
    const unitName = (id: string) => ctx.units.find((u) => u.id === id)?.name ?? "";
    return c.json(
      {
        items: rows.map(({ essentials, ...row }) => ({
          ...presentSupervision(row),
          essentials: {
            categoryName: ctx.taxonomy.name(essentials.categoryCode),
            unitName: unitName(essentials.responsibleUnitId),
            summary: essentials.summary,
            deadline: essentials.nextDeadlineAt?.toISOString() ?? null,
          },
        })),
      },
      200,
    );
  })
  .openapi(updateSupervisionRoute, async (c) => {
    const scope = c.get("scope");
    const { supervisionId } = c.req.valid("param");
    const body = c.req.valid("json");
    const viewer = await viewerOf(c);
    const row = await findSupervision(scope, viewer, supervisionId);
    if (!row) throw notFound("该督办记录");
    const now = new Date();
    const status = body.status ?? row.status;
    const history = [
      ...row.history,
      {
        at: now.toISOString(),
        by: c.get("staff").id,
        form: body.form,
        note: body.note,
        status: body.status,
      },
    ];
    const [changed] = await batchWithAudit(
      scope,
      [
        updateSupervisionStatement(scope, row.id, row.updatedAt, {
          status,
          form: body.form ?? row.form,
          history,
          resolvedAt: status === "resolved" ? (row.resolvedAt ?? now) : null,
        }),
      ],
      {
        actorId: c.get("staff").id,
        action: "supervision.update",
        targetType: "supervision",
        targetId: row.id,
        detail: body,
      },
      now,
    );
    if ((changed as D1Result | undefined)?.meta.changes === 0) {
      throw new ApiError("CONFLICT", "督办记录已被他人更新，请刷新后重试");
    }
    const updated = await findSupervision(scope, viewer, row.id);
    if (!updated) throw notFound("该督办记录");
    return c.json(presentSupervision(updated), 200);
  })
  .openapi(listNotificationsRoute, async (c) => {
    const query = c.req.valid("query");
    const viewer = await viewerOf(c);
    const rows = await listNotifications(c.get("scope"), viewer, {
      unreadOnly: query.unread === "true",
      limit: query.limit ?? 30,
    });
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          event: r.event,
          title: r.title,
          body: r.body,
          petitionId: r.petitionId,
          createdAt: r.createdAt.toISOString(),
          readAt: r.readAt?.toISOString() ?? null,
        })),
        unread: await unreadCount(c.get("scope"), viewer),
      },
      200,
    );
  })
  .openapi(markNotificationReadRoute, async (c) => {
    const body = c.req.valid("json");
    const viewer = await viewerOf(c);
    await markReadStatement(
      c.get("scope"),
      viewer.staffId,
      "all" in body ? "all" : body.ids,
      new Date(),
    ).run();
    return c.json({ unread: await unreadCount(c.get("scope"), viewer) }, 200);
  })
  .openapi(listDeliveriesRoute, async (c) => {
    const query = c.req.valid("query");
    const rows = await listDeliveries(c.get("scope"), await viewerOf(c), {
      ...query,
      limit: query.limit ?? 100,
    });
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          event: r.event,
          recipient: r.recipientLabel,
          title: r.title,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          providerResponse: r.providerResponse,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  })
  .openapi(getSettingsRoute, async (c) => {
    const keys = await deriveTenantKeys(c.env.DATA_MASTER_KEY, c.get("tenant").code);
    const { settings, channels } = await loadNotificationSettings(c.get("scope"), keys);
    return c.json(settingsView(settings, channels), 200);
  })
  .openapi(updateSettingsRoute, async (c) => {
    const scope = c.get("scope");
    const keys = await deriveTenantKeys(c.env.DATA_MASTER_KEY, scope.tenant);
    const current = await loadNotificationSettings(scope, keys);
    const body = c.req.valid("json");
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
    const now = new Date();
    await batchWithAudit(
      scope,
      [(await saveNotificationSettingsStatement(scope, keys, settings, channels, now)).statement],
      {
        actorId: c.get("staff").id,
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
    return c.json(settingsView(settings, channels), 200);
  })
  .openapi(savePushSubscriptionRoute, async (c) => {
    const body = c.req.valid("json");
    await saveSubscriptionStatement(
      c.get("scope"),
      {
        staffId: c.get("staff").id,
        endpoint: body.endpoint,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
      },
      new Date(),
    ).run();
    return c.json({ saved: true as const }, 201);
  })
  .openapi(getVapidKeyRoute, async (c) => {
    const keys = await deriveTenantKeys(c.env.DATA_MASTER_KEY, c.get("tenant").code);
    const { channels } = await loadNotificationSettings(c.get("scope"), keys);
    return c.json({ publicKey: channels.webPush?.publicKey ?? null }, 200);
  })
  .openapi(listDevOutboxRoute, async (c) => {
    if (!isDevelopment(c.env)) throw notFound("接口");
    const rows = await listDevOutbox(c.get("scope"), c.req.valid("query").limit ?? 50);
    const keys = await deriveTenantKeys(c.env.DATA_MASTER_KEY, c.get("tenant").code);
    const recipients = await Promise.all(
      rows.map((r) => (r.recipient ? decryptPii(keys, r.recipient) : "")),
    );
    return c.json(
      {
        items: rows.map((r, i) => ({
          id: r.id,
          channel: r.channel,
          recipient: recipients[i] ?? "",
          subject: r.subject,
          body: r.body,
          createdAt: r.createdAt.toISOString(),
        })),
      },
      200,
    );
  });

type ChannelsBody = NonNullable<z.infer<typeof NotificationSettingsBody>["channels"]>;

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
