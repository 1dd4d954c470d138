import { createRoute } from "@hono/zod-openapi";
import { ReviewListPage, ReviewListQuery } from "../../../schema/api/casework.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import { presentSummary, visibleFlagRefs } from "../../domain/petitions/view.ts";
import { invalid } from "../../errors.ts";
import { listReviewList } from "../../storage/review-list.ts";
import { caseRequest } from "../case-request.ts";
import { requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

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

export const reviewListRoutes = newRouter().openapi(reviewListRoute, async (c) => {
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
});
