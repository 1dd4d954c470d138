import { createRoute } from "@hono/zod-openapi";
import {
  AddAssistingUnitBody,
  AssistingOpinionBody,
  JointHandling,
} from "../../../schema/api/casework.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { mustActStatements } from "../../domain/notify/case-notices.ts";
import { flushOutbox } from "../../domain/notify/outbox.ts";
import { loadNotificationSettings } from "../../domain/notify/settings-store.ts";
import { unitSubtree } from "../../domain/tenancy/county-context.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import {
  addAssistingUnitStatement,
  insertOpinionStatement,
  listAssistingUnits,
  listOpinions,
} from "../../storage/joint-handling.ts";
import { findVisiblePetition } from "../../storage/petitions.ts";
import { caseRequest } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];
const Params = TenantParam.extend(PetitionParam.shape);

const getRoute = createRoute({
  operationId: "getJointHandling",
  method: "get",
  path: "/t/{tenant}/petitions/{petitionId}/joint-handling",
  tags: ["Petitions"],
  summary: "The lead unit (主办), assisting units (协办) and their opinions",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: Params },
  responses: {
    200: jsonContent(JointHandling, "Who handles the case together"),
    ...errorResponses(401, 404),
  },
});

const addUnitRoute = createRoute({
  operationId: "addAssistingUnit",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/assisting-units",
  tags: ["Petitions"],
  summary: "Add an assisting unit (协办); the lead unit keeps the reply",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: Params, body: jsonBody(AddAssistingUnitBody) },
  responses: {
    200: jsonContent(JointHandling, "Who handles the case together"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const opinionRoute = createRoute({
  operationId: "addAssistingOpinion",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/opinions",
  tags: ["Petitions"],
  summary: "An assisting unit's opinion for the lead unit (协办意见)",
  security: staffSecurity,
  middleware: signedIn,
  request: {
    params: Params,
    body: jsonBody(AssistingOpinionBody),
  },
  responses: {
    200: jsonContent(JointHandling, "Who handles the case together"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const jointHandlingRoutes = newRouter()
  .openapi(getRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await findVisiblePetition(ctx.scope, viewer, c.req.valid("param").petitionId);
    if (!row) throw notFound("该信访事项");
    return c.json(await view(ctx.scope, viewer, row), 200);
  })
  .openapi(addUnitRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await findVisiblePetition(ctx.scope, viewer, c.req.valid("param").petitionId);
    if (!row) throw notFound("该信访事项");
    const { unitId } = c.req.valid("json");
    const holds = viewer.unitId === row.responsibleUnitId;
    if (!(holds || viewer.inCountyOffice) || !viewer.roles.some((r) => r !== "viewer")) {
      throw new ApiError("FORBIDDEN", "由主办单位或县信访局确定协办单位");
    }
    const unit = ctx.units.find((u) => u.id === unitId);
    if (!unit || unit.kind === "county") throw invalid("unitId", "协办单位不存在");
    if (unit.id === row.responsibleUnitId) throw invalid("unitId", "主办单位不能同时为协办单位");
    if (row.status === "closed" || row.status === "declined") throw conflict("案件已办结");
    // §30 on every unit of the case: an accusation is handled without units, and no unit
    // is put on a case that is about it.
    if (row.confidential) throw conflict("检举控告事项不设协办单位（第三十条）");
    if (row.subjectUnitId && unitSubtree(ctx.units, row.subjectUnitId).includes(unit.id)) {
      throw invalid("unitId", "被反映的单位不能作为协办单位");
    }
    const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
    await batchWithAudit(
      ctx.scope,
      [
        addAssistingUnitStatement(ctx.scope, {
          petitionId: row.id,
          unitId: unit.id,
          addedBy: viewer.staffId,
          at: ctx.now,
        }),
        ...(await mustActStatements(
          ctx,
          settings,
          viewer,
          "assist",
          row,
          { ...row, version: ctx.now.getTime() },
          { unitId: unit.id },
        )),
      ],
      {
        actorId: viewer.staffId,
        action: "petition.assist",
        targetType: "petition",
        targetId: row.id,
        detail: { unitId: unit.id },
      },
      ctx.now,
    );
    await flushOutbox(c.env, ctx.scope, ctx.now);
    return c.json(await view(ctx.scope, viewer, row), 200);
  })
  .openapi(opinionRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await findVisiblePetition(ctx.scope, viewer, c.req.valid("param").petitionId);
    if (!row) throw notFound("该信访事项");
    const assisting = await listAssistingUnits(ctx.scope, row.id);
    if (!assisting.includes(viewer.unitId)) {
      throw new ApiError("FORBIDDEN", "只有协办单位可以提出协办意见");
    }
    await batchWithAudit(
      ctx.scope,
      [
        insertOpinionStatement(ctx.scope, {
          petitionId: row.id,
          unitId: viewer.unitId,
          staffId: viewer.staffId,
          text: c.req.valid("json").text,
          at: ctx.now,
        }),
      ],
      {
        actorId: viewer.staffId,
        action: "petition.opinion",
        targetType: "petition",
        targetId: row.id,
      },
      ctx.now,
    );
    return c.json(await view(ctx.scope, viewer, row), 200);
  });

async function view(
  scope: Parameters<typeof listOpinions>[0],
  viewer: Parameters<typeof listOpinions>[1],
  row: { id: string; responsibleUnitId: string },
) {
  const [assisting, opinions] = await Promise.all([
    listAssistingUnits(scope, row.id),
    listOpinions(scope, viewer, row.id),
  ]);
  return {
    leadUnitId: row.responsibleUnitId,
    assistingUnitIds: assisting,
    opinions: opinions.map((o) => ({
      unitId: o.unitId,
      staffId: o.staffId,
      text: o.text,
      at: o.at.toISOString(),
    })),
  };
}
