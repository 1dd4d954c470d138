// A staff member's own notices: the in-app inbox and this browser's Web Push subscription.
import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  MarkReadBody,
  NotificationList,
  NotificationQuery,
  PushKey,
  PushSaved,
  PushSubscriptionBody,
  UnreadCount,
} from "../../../schema/api/notifications.ts";
import { deriveTenantKeys } from "../../domain/crypto/pii.ts";
import { loadNotificationSettings } from "../../domain/notify/settings-store.ts";
import { listNotifications, markReadStatement, unreadCount } from "../../storage/notify.ts";
import { saveSubscriptionStatement } from "../../storage/push-subscriptions.ts";
import { viewerOf } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];

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
    query: NotificationQuery,
  },
  responses: {
    200: jsonContent(NotificationList, "The inbox"),
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
    body: jsonBody(MarkReadBody),
  },
  responses: {
    200: jsonContent(UnreadCount, "The unread count after"),
    ...errorResponses(400, 401, 404),
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
    body: jsonBody(PushSubscriptionBody),
  },
  responses: {
    201: jsonContent(PushSaved, "Saved"),
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
    200: jsonContent(PushKey, "The key, or null when Web Push is off"),
    ...errorResponses(401, 404),
  },
});

export const inboxRoutes = newRouter()
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
  });
