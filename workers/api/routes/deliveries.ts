// The delivery log of every outgoing message, and in development the SMS and email outbox.
import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  DeliveryList,
  DeliveryQuery,
  DevOutbox,
  DevOutboxQuery,
} from "../../../schema/api/notifications.ts";
import { decryptPii, deriveTenantKeys } from "../../domain/crypto/pii.ts";
import { isDevelopment } from "../../env.ts";
import { notFound } from "../../errors.ts";
import { listDeliveries } from "../../storage/deliveries.ts";
import { listDevOutbox } from "../../storage/dev-outbox.ts";
import { viewerOf } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];

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
    query: DeliveryQuery,
  },
  responses: {
    200: jsonContent(DeliveryList, "Deliveries, newest first"),
    ...errorResponses(400, 401, 403, 404),
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
    query: DevOutboxQuery,
  },
  responses: {
    200: jsonContent(DevOutbox, "Newest first"),
    ...errorResponses(404, 429),
  },
});

export const deliveryRoutes = newRouter()
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
