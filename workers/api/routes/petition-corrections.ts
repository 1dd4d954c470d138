import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { CorrectPetitionBody } from "../../../schema/api/corrections.ts";
import { Petition, PetitionParam } from "../../../schema/api/petitions.ts";
import { correctPetition } from "../../domain/petitions/correct.ts";
import { caseRequest } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";
import { caseBody } from "./petitions.ts";

const correctRoute = createRoute({
  operationId: "correctPetition",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/correction",
  tags: ["Petition actions"],
  summary:
    "Correct the registered record (material, category, the petitioner's name) with a reason; the case is re-indexed for search in the same write",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: {
    params: TenantParam.extend(PetitionParam.shape),
    body: jsonBody(CorrectPetitionBody),
  },
  responses: {
    200: jsonContent(Petition, "The corrected case"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export const petitionCorrectionRoutes = newRouter().openapi(correctRoute, async (c) => {
  const { ctx, viewer } = await caseRequest(c);
  const row = await correctPetition(
    ctx,
    viewer,
    c.req.valid("param").petitionId,
    c.req.valid("json"),
  );
  return c.json(await caseBody(ctx, viewer, row, "actor"), 200);
});
