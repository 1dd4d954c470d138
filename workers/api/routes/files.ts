import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CaseFile,
  CaseFileList,
  CitizenFile,
  DownloadQuery,
  FileParam,
  FilePolicySchema,
  UploadQuery,
  WithdrawFileBody,
} from "../../../schema/api/files.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { attachFile, presentFile } from "../../domain/files/attach.ts";
import { contentDisposition } from "../../domain/files/disposition.ts";
import { CITIZEN_KINDS } from "../../domain/files/policy.ts";
import { checkUploadToken } from "../../domain/files/upload-token.ts";
import { normalizeTrackingCode } from "../../domain/petitioner/tracking-code.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import { appendAudit, batchWithAudit } from "../../storage/audit.ts";
import {
  findCaseFile,
  listCaseFiles,
  loadFilePolicy,
  saveFilePolicyStatements,
  withdrawFileStatement,
} from "../../storage/files.ts";
import { findByTrackingCode, findVisiblePetition } from "../../storage/petitions.ts";
import { viewerOf } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];
const caseWorkers = requireRole("clerk", "handler", "leader", "supervisor");
const PetitionParams = TenantParam.extend(PetitionParam.shape);
const FileParams = PetitionParams.extend(FileParam.shape);

const binaryBody = {
  required: true,
  description: "文件内容；类型由内容判定（Content-Type 仅作参考），须带 Content-Length",
  content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
};

const listRoute = createRoute({
  operationId: "listCaseFiles",
  method: "get",
  path: "/t/{tenant}/petitions/{petitionId}/files",
  tags: ["Files"],
  summary: "The case's evidence files, withdrawn ones included (never deleted)",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: PetitionParams },
  responses: { 200: jsonContent(CaseFileList, "The files"), ...errorResponses(401, 404) },
});

const uploadRoute = createRoute({
  operationId: "uploadCaseFile",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/files",
  tags: ["Files"],
  summary: "Attach a file to the case at a step; the body streams to R2 (limits: county settings)",
  security: staffSecurity,
  middleware: [...signedIn, caseWorkers],
  request: { params: PetitionParams, query: UploadQuery, body: binaryBody },
  responses: {
    201: jsonContent(CaseFile, "Stored"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const downloadRoute = createRoute({
  operationId: "downloadCaseFile",
  method: "get",
  path: "/t/{tenant}/petitions/{petitionId}/files/{fileId}",
  tags: ["Files"],
  summary: "The file's content, streamed, under its own name and type",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: FileParams, query: DownloadQuery },
  responses: {
    200: {
      description: "The bytes",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(401, 404),
  },
});

const withdrawRoute = createRoute({
  operationId: "withdrawCaseFile",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/files/{fileId}/withdraw",
  tags: ["Files"],
  summary: "Withdraw a file with a reason; it stays on record and can still be read",
  security: staffSecurity,
  middleware: [...signedIn, caseWorkers],
  request: { params: FileParams, body: jsonBody(WithdrawFileBody) },
  responses: {
    200: jsonContent(CaseFile, "Withdrawn"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const getSettingsRoute = createRoute({
  operationId: "getFileSettings",
  method: "get",
  path: "/t/{tenant}/settings/files",
  tags: ["Files"],
  summary: "The county's file limits: size per file, files per case, kinds",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: TenantParam },
  responses: { 200: jsonContent(FilePolicySchema, "In force"), ...errorResponses(401, 404) },
});

const updateSettingsRoute = createRoute({
  operationId: "updateFileSettings",
  method: "put",
  path: "/t/{tenant}/settings/files",
  tags: ["Files"],
  summary: "Change the county's file limits",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(FilePolicySchema.partial()) },
  responses: {
    200: jsonContent(FilePolicySchema, "In force"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const citizenUploadRoute = createRoute({
  operationId: "uploadPetitionerFile",
  method: "post",
  path: "/t/{tenant}/public/petitions/{trackingCode}/files",
  tags: ["Citizens"],
  summary:
    "The petitioner attaches a photo or PDF to the petition just submitted (with its upload token)",
  middleware: [publicRateLimit, tenantContext],
  request: {
    params: TenantParam.extend({
      trackingCode: z
        .string()
        .min(1)
        .max(40)
        .openapi({ param: { name: "trackingCode", in: "path" } }),
    }),
    query: UploadQuery.pick({ name: true }),
    headers: z.object({
      "x-upload-token": z.string().max(200).optional().openapi({
        description: "The uploadToken returned by submitOnlinePetition, good for an hour",
      }),
    }),
    body: binaryBody,
  },
  responses: {
    201: jsonContent(CitizenFile, "Received"),
    ...errorResponses(400, 404, 409, 413, 415, 422, 429),
  },
});

export const fileRoutes = newRouter()
  .openapi(listRoute, async (c) => {
    const scope = c.get("scope");
    const viewer = await viewerOf(c);
    const { petitionId } = c.req.valid("param");
    // A case the viewer may not see answers as one that does not exist.
    if (!(await findVisiblePetition(scope, viewer, petitionId))) throw notFound("该信访事项");
    const rows = await listCaseFiles(scope, viewer, petitionId);
    return c.json({ items: rows.map(presentFile) }, 200);
  })
  .openapi(uploadRoute, async (c) => {
    const scope = c.get("scope");
    const viewer = await viewerOf(c);
    const { petitionId } = c.req.valid("param");
    if (!(await findVisiblePetition(scope, viewer, petitionId))) throw notFound("该信访事项");
    const query = c.req.valid("query");
    const row = await attachFile(c.env.FILES, scope, {
      petitionId,
      name: query.name ?? "",
      step: query.step ?? "handling",
      addedBy: viewer.staffId,
      body: c.req.raw.body,
      declaredLength: c.req.header("content-length"),
    });
    return c.json(presentFile(row), 201);
  })
  .openapi(downloadRoute, async (c) => {
    const scope = c.get("scope");
    const viewer = await viewerOf(c);
    const { petitionId, fileId } = c.req.valid("param");
    const found = await findCaseFile(scope, viewer, petitionId, fileId);
    if (!found) throw notFound("该文件");
    const object = await c.env.FILES.get(found.file.r2Key);
    if (!object) throw notFound("该文件");
    if (found.confidential) {
      await appendAudit(scope, {
        actorId: viewer.staffId,
        action: "file.read_confidential",
        targetType: "petition",
        targetId: petitionId,
        detail: { fileId },
      });
    }
    const { file } = found;
    const inline =
      c.req.valid("query").disposition === "inline" &&
      (file.contentType.startsWith("image/") || file.contentType === "application/pdf");
    return new Response(object.body, {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.name),
        "X-Content-Type-Options": "nosniff",
        // Shown in the page, a file still runs nothing and reaches nothing of ours.
        "Content-Security-Policy":
          "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        "Cache-Control": "private, no-store",
        ETag: `"${file.sha256}"`,
      },
    }) as never;
  })
  .openapi(withdrawRoute, async (c) => {
    const scope = c.get("scope");
    const viewer = await viewerOf(c);
    const { petitionId, fileId } = c.req.valid("param");
    const found = await findCaseFile(scope, viewer, petitionId, fileId);
    if (!found) throw notFound("该文件");
    if (found.file.withdrawnAt) throw conflict("该文件已撤回");
    const { reason } = c.req.valid("json");
    const now = new Date();
    await batchWithAudit(
      scope,
      [withdrawFileStatement(scope, fileId, viewer.staffId, reason, now)],
      {
        actorId: viewer.staffId,
        action: "file.withdraw",
        targetType: "petition",
        targetId: petitionId,
        detail: { fileId, reason },
      },
      now,
    );
    const row = {
      ...found.file,
      withdrawnAt: now,
      withdrawnBy: viewer.staffId,
      withdrawReason: reason,
    };
    return c.json(presentFile(row), 200);
  })
  .openapi(getSettingsRoute, async (c) => c.json(await loadFilePolicy(c.get("scope")), 200))
  .openapi(updateSettingsRoute, async (c) => {
    const scope = c.get("scope");
    const next = FilePolicySchema.parse({
      ...(await loadFilePolicy(scope)),
      ...c.req.valid("json"),
    });
    const now = new Date();
    await batchWithAudit(
      scope,
      [...saveFilePolicyStatements(scope, next, now)],
      {
        actorId: c.get("staff").id,
        action: "settings.files",
        targetType: "settings",
        targetId: "files",
        detail: next,
      },
      now,
    );
    return c.json(next, 200);
  })
  .openapi(citizenUploadRoute, async (c) => {
    const scope = c.get("scope");
    const code = normalizeTrackingCode(c.req.valid("param").trackingCode);
    const row = code ? await findByTrackingCode(scope, code) : undefined;
    const allowed =
      row &&
      (await checkUploadToken(
        c.env.DATA_MASTER_KEY,
        scope.tenant,
        row.id,
        c.req.valid("header")["x-upload-token"],
      ));
    // A wrong code and a wrong or expired token answer alike.
    if (!row || !allowed)
      throw new ApiError("NOT_FOUND", "上传链接无效或已过期，请到信访部门提交材料");
    const file = await attachFile(c.env.FILES, scope, {
      petitionId: row.id,
      name: c.req.valid("query").name ?? "",
      step: "petitioner",
      addedBy: null,
      body: c.req.raw.body,
      declaredLength: c.req.header("content-length"),
      onlyKinds: CITIZEN_KINDS,
    });
    return c.json({ name: file.name, size: file.size, contentType: file.contentType }, 201);
  });
