import { createRoute } from "@hono/zod-openapi";
import { EarlySupervisionBody, EarlySupervisionOpened } from "../../../schema/api/casework.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { mustActStatements } from "../../domain/notify/case-notices.ts";
import { flushOutbox } from "../../domain/notify/outbox.ts";
import { loadNotificationSettings } from "../../domain/notify/settings-store.ts";
import { unitAncestors } from "../../domain/tenancy/county-context.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findOpenSupervision, openSupervisionEarlyStatement } from "../../storage/notify.ts";
import { findVisiblePetition } from "../../storage/petitions.ts";
import { caseRequest } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const openEarlyRoute = createRoute({
  operationId: "openSupervisionEarly",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/supervision",
  tags: ["Supervision"],
  summary: "Open supervision before any breach (挂牌督办, a leader's 批示) with its own due date",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: {
    params: TenantParam.extend(PetitionParam.shape),
    body: jsonBody(EarlySupervisionBody),
  },
  responses: {
    201: jsonContent(EarlySupervisionOpened, "Supervision opened"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export const supervisionEarlyRoutes = newRouter().openapi(openEarlyRoute, async (c) => {
  const { ctx, viewer } = await caseRequest(c);
  const { petitionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await findVisiblePetition(ctx.scope, viewer, petitionId);
  if (!row) throw notFound("该信访事项");
  if (!viewer.inCountyOffice || !viewer.roles.some((r) => r === "supervisor" || r === "leader")) {
    throw new ApiError("FORBIDDEN", "由县信访局督办员或领导挂牌督办、批示");
  }
  if (row.status === "closed" || row.status === "declined") throw conflict("案件已办结，无需督办");
  if (body.due < ctx.today) throw invalid("due", "督办期限不能早于今天");
  if (await findOpenSupervision(ctx.scope, row.id)) throw conflict("本案已在督办中");
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  await batchWithAudit(
    ctx.scope,
    [
      openSupervisionEarlyStatement(
        ctx.scope,
        {
          petitionId: row.id,
          form: body.form,
          due: body.due,
          unitId: row.responsibleUnitId,
          ...unitAncestors(ctx.units, row.responsibleUnitId),
          by: viewer.staffId,
          note: body.note,
        },
        ctx.now,
      ),
      ...(await mustActStatements(
        ctx,
        settings,
        viewer,
        "supervise",
        row,
        // The notice key names this step apart from the case's own versions.
        { ...row, version: ctx.now.getTime() },
        { formLabel: body.form === "listed" ? "挂牌督办" : "领导批示督办" },
      )),
    ],
    {
      actorId: viewer.staffId,
      action: "supervision.open",
      targetType: "petition",
      targetId: row.id,
      detail: { form: body.form, due: body.due },
    },
    ctx.now,
  );
  await flushOutbox(c.env, ctx.scope, ctx.now);
  return c.json({ petitionId: row.id, due: body.due }, 201);
});
