// 督办: the deadline scan that opens it, and the county office's record of chasing it.
import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  ScanReport,
  Supervision,
  SupervisionList,
  SupervisionQuery,
  SupervisionUpdate,
} from "../../../schema/api/notifications.ts";
import type { SupervisionRow } from "../../../schema/tenant/tables.ts";
import { runDeadlineScan } from "../../domain/notify/scan.ts";
import { updateSupervision } from "../../domain/notify/supervision.ts";
import { listSupervisions } from "../../storage/notify.ts";
import { caseRequest, viewerOf } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];

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
    query: SupervisionQuery,
  },
  responses: {
    200: jsonContent(SupervisionList, "Supervision records"),
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
    body: jsonBody(SupervisionUpdate),
  },
  responses: {
    200: jsonContent(Supervision, "The record"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

function presentSupervision(row: SupervisionRow & { trackingCode?: string | null }) {
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

export const supervisionRoutes = newRouter()
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
    const row = await updateSupervision(
      c.get("scope"),
      await viewerOf(c),
      c.req.valid("param").supervisionId,
      c.req.valid("json"),
      new Date(),
    );
    return c.json(presentSupervision(row), 200);
  });
