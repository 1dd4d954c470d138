import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { CaseFile, FileParam } from "../../../schema/api/files.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { presentFile } from "../../domain/files/attach.ts";
import { storeThumbnail } from "../../domain/files/thumbnail.ts";
import { notFound } from "../../errors.ts";
import { appendAudit } from "../../storage/audit.ts";
import { findCaseFile } from "../../storage/files.ts";
import { viewerOf } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const signedIn = [tenantContext, requireStaff];
const FileParams = TenantParam.extend(PetitionParam.shape).extend(FileParam.shape);
const image = z.string().openapi({ format: "binary" });

const putRoute = createRoute({
  operationId: "uploadFileThumbnail",
  method: "put",
  path: "/t/{tenant}/petitions/{petitionId}/files/{fileId}/thumbnail",
  tags: ["Files"],
  summary:
    "The thumbnail of an image file, made by the browser (JPEG, WebP or PNG, at most 64 KB; once per file)",
  security: staffSecurity,
  middleware: [...signedIn, requireRole("clerk", "handler", "leader", "supervisor")],
  request: {
    params: FileParams,
    body: {
      required: true,
      content: { "image/jpeg": { schema: image }, "image/webp": { schema: image } },
    },
  },
  responses: {
    200: jsonContent(CaseFile, "The file, with its thumbnail"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const getRoute = createRoute({
  operationId: "getFileThumbnail",
  method: "get",
  path: "/t/{tenant}/petitions/{petitionId}/files/{fileId}/thumbnail",
  tags: ["Files"],
  summary: "An image file's thumbnail, to whoever may see the case (the file's own rule)",
  security: staffSecurity,
  middleware: signedIn,
  request: { params: FileParams },
  responses: {
    200: { description: "The thumbnail", content: { "image/jpeg": { schema: image } } },
    ...errorResponses(401, 404),
  },
});

export const fileThumbnailRoutes = newRouter()
  .openapi(putRoute, async (c) => {
    const scope = c.get("scope");
    const viewer = await viewerOf(c);
    const { petitionId, fileId } = c.req.valid("param");
    const found = await findCaseFile(scope, viewer, petitionId, fileId);
    if (!found) throw notFound("该文件");
    const row = await storeThumbnail(
      c.env.FILES,
      scope,
      found.file,
      viewer.staffId,
      c.req.raw.body,
      c.req.header("content-length"),
    );
    return c.json(presentFile(row), 200);
  })
  .openapi(getRoute, async (c) => {
    const scope = c.get("scope");
    const viewer = await viewerOf(c);
    const { petitionId, fileId } = c.req.valid("param");
    const found = await findCaseFile(scope, viewer, petitionId, fileId);
    const key = found?.file.thumbKey;
    if (!found || !key) throw notFound("该缩略图");
    const object = await c.env.FILES.get(key);
    if (!object) throw notFound("该缩略图");
    if (found.confidential) {
      await appendAudit(scope, {
        actorId: viewer.staffId,
        action: "file.read_confidential",
        targetType: "petition",
        targetId: petitionId,
        detail: { fileId, thumbnail: true },
      });
    }
    return new Response(object.body, {
      status: 200,
      headers: {
        "Content-Type": found.file.thumbType ?? "image/jpeg",
        "Content-Length": String(found.file.thumbSize ?? object.size),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    }) as never;
  });
