import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { IssueDocumentBody, IssuedDocument } from "../../../schema/api/statistics.ts";
import { cstDate } from "../../domain/deadlines/index.ts";
import { notFound } from "../../errors.ts";
import { issueDocument } from "../../storage/documents.ts";
import { listCaseFiles } from "../../storage/files.ts";
import { findVisiblePetition } from "../../storage/petitions.ts";
import { viewerOf } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const issueDocumentRoute = createRoute({
  operationId: "issueDocument",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/documents",
  tags: ["Petitions"],
  summary:
    "Number a printable document of the case (文号 from the county's yearly sequence); a reprint keeps its number",
  security: staffSecurity,
  middleware: [
    tenantContext,
    requireStaff,
    requireRole("clerk", "handler", "leader", "supervisor"),
  ],
  request: {
    params: TenantParam.extend(PetitionParam.shape),
    body: jsonBody(IssueDocumentBody),
  },
  responses: {
    200: jsonContent(IssuedDocument, "The document's number and date"),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const documentRoutes = newRouter().openapi(issueDocumentRoute, async (c) => {
  const { petitionId } = c.req.valid("param");
  const { kind } = c.req.valid("json");
  const viewer = await viewerOf(c);
  const row = await findVisiblePetition(c.get("scope"), viewer, petitionId);
  if (!row) throw notFound("该信访事项");
  const today = cstDate(new Date());
  const issued = await issueDocument(c.get("scope"), {
    petitionId,
    kind,
    year: Number(today.slice(0, 4)),
    on: today,
    by: c.get("staff").id,
  });
  const countyName = c.get("tenant").name;
  // 附件: the files of the case as this viewer may read them, withdrawn ones left out.
  const files = await listCaseFiles(c.get("scope"), viewer, petitionId);
  return c.json(
    {
      ...issued,
      number: `${countyName}信访局〔${issued.year}〕${issued.seq}号`,
      countyName,
      attachments: files.filter((f) => !f.withdrawnAt).map((f) => ({ name: f.name, size: f.size })),
    },
    200,
  );
});
