import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { SessionBookings, SessionParam } from "../../../schema/api/reception.ts";
import { prepareBookings } from "../../domain/reception/prepare.ts";
import { ApiError, notFound } from "../../errors.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { caseRequest } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const bookingsRoute = createRoute({
  operationId: "listSessionBookings",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/bookings",
  tags: ["Reception queue"],
  summary:
    "Before the day: the session's bookings with what each will raise and the person's earlier cases the reader may see",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")],
  request: { params: TenantParam.extend(SessionParam.shape) },
  responses: {
    200: jsonContent(SessionBookings, "The bookings, by slot"),
    ...errorResponses(401, 403, 404),
  },
});

export const receptionPrepareRoutes = newRouter().openapi(bookingsRoute, async (c) => {
  const { ctx, viewer } = await caseRequest(c);
  const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
  if (!row) throw notFound("该接访日");
  // The desk's rule: the session's own unit (and those under it) or the county office.
  if (!viewer.inCountyOffice && !viewer.unitSubtree.includes(row.unitId)) {
    throw new ApiError("FORBIDDEN", "只能查看本单位的接访预约");
  }
  const bookings = await prepareBookings(c.env, ctx, viewer, row, c.get("tenant").shard);
  return c.json({ sessionId: row.id, bookings }, 200);
});
