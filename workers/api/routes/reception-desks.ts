import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { SessionDesks, SessionParam, SetSessionDesksBody } from "../../../schema/api/reception.ts";
import { sessionDesks, setSessionDesks } from "../../domain/reception/joint-desks.ts";
import { staffView } from "../../domain/tenancy/county-context.ts";
import { notFound } from "../../errors.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { caseRequest, countyContext } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const SessionParams = TenantParam.extend(SessionParam.shape);

const getDesksRoute = createRoute({
  operationId: "getSessionDesks",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/desks",
  tags: ["Reception days"],
  summary:
    "The desks of a session: desk 1 its own leader and unit, a joint reception's others after it (public once published)",
  middleware: [publicRateLimit, tenantContext],
  request: { params: SessionParams },
  responses: { 200: jsonContent(SessionDesks, "The desks"), ...errorResponses(404, 429) },
});

const setDesksRoute = createRoute({
  operationId: "setSessionDesks",
  method: "put",
  path: "/t/{tenant}/reception/sessions/{sessionId}/desks",
  tags: ["Reception days"],
  summary:
    "Make a session a joint reception (联合接访): the other desks, each a leader and a unit; empty for one desk",
  security: staffSecurity,
  middleware: [
    tenantContext,
    requireStaff,
    requireRole("clerk", "leader", "supervisor", "tenant_admin"),
  ],
  request: { params: SessionParams, body: jsonBody(SetSessionDesksBody) },
  responses: {
    200: jsonContent(SessionDesks, "The desks as now set"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const receptionDesksRoutes = newRouter()
  .openapi(getDesksRoute, async (c) => {
    const ctx = await countyContext(c);
    const row = await findReceptionSession(ctx.scope, c.req.valid("param").sessionId);
    if (!row) throw notFound("该接访日");
    if (row.status === "draft") {
      // A draft is the office's: shown to its own unit's staff and the county office only.
      let mine = false;
      try {
        await requireStaff(c, async () => {});
        const viewer = staffView(c.get("staff"), ctx.units);
        mine = viewer.inCountyOffice || viewer.unitSubtree.includes(row.unitId);
      } catch {
        // Not signed in.
      }
      if (!mine) throw notFound("该接访日");
    }
    return c.json({ sessionId: row.id, desks: await sessionDesks(ctx, row) }, 200);
  })
  .openapi(setDesksRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { sessionId } = c.req.valid("param");
    const { desks } = c.req.valid("json");
    return c.json(
      await setSessionDesks(c.env, ctx, viewer, c.get("tenant").shard, sessionId, desks),
      200,
    );
  });
