import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { AddFieldCaseBody, FieldCases, SessionParam } from "../../../schema/api/reception.ts";
import { addFieldCase, fieldCases, removeFieldCase } from "../../domain/reception/field-service.ts";
import { caseRequest } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const desk = [tenantContext, requireStaff, requireRole("clerk", "leader", "supervisor")];
const SessionParams = TenantParam.extend(SessionParam.shape);

const listRoute = createRoute({
  operationId: "listFieldCases",
  method: "get",
  path: "/t/{tenant}/reception/sessions/{sessionId}/field-cases",
  tags: ["Reception days"],
  summary: "带案下访: the cases a field session takes along, those the reader may see",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams },
  responses: { 200: jsonContent(FieldCases, "The cases"), ...errorResponses(401, 403, 404) },
});

const addRoute = createRoute({
  operationId: "addFieldCase",
  method: "post",
  path: "/t/{tenant}/reception/sessions/{sessionId}/field-cases",
  tags: ["Reception days"],
  summary: "Take a case the caller may see along on a field session",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams, body: jsonBody(AddFieldCaseBody) },
  responses: {
    201: jsonContent(FieldCases, "The cases, with this one"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const removeRoute = createRoute({
  operationId: "removeFieldCase",
  method: "delete",
  path: "/t/{tenant}/reception/sessions/{sessionId}/field-cases/{petitionId}",
  tags: ["Reception days"],
  summary: "Leave a case behind",
  security: staffSecurity,
  middleware: desk,
  request: { params: SessionParams.extend(PetitionParam.shape) },
  responses: {
    200: jsonContent(FieldCases, "The cases left"),
    ...errorResponses(401, 403, 404),
  },
});

export const receptionFieldRoutes = newRouter()
  .openapi(listRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    return c.json(await fieldCases(ctx, viewer, c.req.valid("param").sessionId), 200);
  })
  .openapi(addRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { sessionId } = c.req.valid("param");
    return c.json(await addFieldCase(ctx, viewer, sessionId, c.req.valid("json")), 201);
  })
  .openapi(removeRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const { sessionId, petitionId } = c.req.valid("param");
    return c.json(await removeFieldCase(ctx, viewer, sessionId, petitionId), 200);
  });
