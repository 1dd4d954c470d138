import { createRoute } from "@hono/zod-openapi";
import {
  FinishReviewBody,
  ReviewFinished,
  ReviewListPage,
  ReviewListQuery,
} from "../../../schema/api/casework.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import { PetitionParam } from "../../../schema/api/petitions.ts";
import { presentSummary, visibleFlagRefs } from "../../domain/petitions/view.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findVisiblePetition, insertEventStatement } from "../../storage/petitions.ts";
import { finishReviewStatement, listReviewList } from "../../storage/review-list.ts";
import { caseRequest } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const reviewListRoute = createRoute({
  operationId: "listCasesForReview",
  method: "get",
  path: "/t/{tenant}/review-list",
  tags: ["Petitions"],
  summary: "Cases rated 不满意 or petitioned again, for case-by-case review (逐案评查)",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: {
    params: TenantParam,
    query: ReviewListQuery,
  },
  responses: {
    200: jsonContent(ReviewListPage, "A page of the review list, newest first"),
    ...errorResponses(400, 401, 404),
  },
});

const finishRoute = createRoute({
  operationId: "finishCaseReview",
  method: "post",
  path: "/t/{tenant}/petitions/{petitionId}/review-conclusion",
  tags: ["Petitions"],
  summary: "评查完毕: the county office's conclusion takes the case off the review list",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: {
    params: TenantParam.extend(PetitionParam.shape),
    body: jsonBody(FinishReviewBody),
  },
  responses: {
    200: jsonContent(ReviewFinished, "Off the list; the conclusion is on the case's timeline"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(atob(cursor)) as [number, string];
    if (typeof at === "number" && typeof id === "string") return { at, id };
  } catch {
    // Falls through to the validation error.
  }
  throw invalid("cursor", "分页游标无效");
}

export const reviewListRoutes = newRouter()
  .openapi(reviewListRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const query = c.req.valid("query");
    const limit = query.limit ?? 30;
    const rows = await listReviewList(ctx.scope, viewer, {
      after: parseCursor(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const refs = await visibleFlagRefs(ctx, viewer, page);
    const items = [];
    for (const row of page) {
      if (!row.reviewListedAt || !row.reviewReason) continue;
      items.push({
        ...(await presentSummary(ctx, viewer, row, refs)),
        reviewReason: row.reviewReason,
        listedAt: row.reviewListedAt.toISOString(),
      });
    }
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last?.reviewListedAt
        ? btoa(JSON.stringify([last.reviewListedAt.getTime(), last.id]))
        : null;
    return c.json({ items, nextCursor }, 200);
  })
  .openapi(finishRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const row = await findVisiblePetition(ctx.scope, viewer, c.req.valid("param").petitionId);
    if (!row) throw notFound("该信访事项");
    if (!viewer.inCountyOffice || !viewer.roles.some((r) => r !== "viewer")) {
      throw new ApiError("FORBIDDEN", "逐案评查由县信访局完成");
    }
    const { conclusion } = c.req.valid("json");
    if (!row.reviewListedAt || !row.reviewReason) throw conflict("该事项不在评查名单中");
    await batchWithAudit(
      ctx.scope,
      [
        finishReviewStatement(ctx.scope, row, ctx.now),
        insertEventStatement(ctx.scope, {
          petitionId: row.id,
          version: row.version + 1,
          at: ctx.now,
          action: "finishReview",
          fromStatus: row.status,
          toStatus: row.status,
          actorId: viewer.staffId,
          actorUnitId: viewer.unitId,
          note: conclusion,
          detail: { reason: row.reviewReason, listedAt: row.reviewListedAt.toISOString() },
        }),
      ],
      {
        actorId: viewer.staffId,
        action: "petition.finishReview",
        targetType: "petition",
        targetId: row.id,
        detail: { reason: row.reviewReason },
      },
      ctx.now,
    );
    return c.json({ id: row.id, version: row.version + 1 }, 200);
  });
