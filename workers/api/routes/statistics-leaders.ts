import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  RebuildLeaderCountsBody,
  RebuildLeaderCountsResult,
} from "../../../schema/api/statistics-leaders.ts";
import { appendAudit } from "../../storage/audit.ts";
import {
  type LeaderRebuildCursor,
  rebuildLeaderStep,
} from "../../storage/statistics/leader-rebuild.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";
import { decode, encode } from "./statistics.ts";

const rebuildLeaderCountsRoute = createRoute({
  operationId: "rebuildLeaderCounts",
  method: "post",
  path: "/t/{tenant}/statistics/rebuild-leaders",
  tags: ["Statistics"],
  summary:
    "Rebuild the per-leader counts (领导接访: visits, 回访, 督办) from the visit records and their credits, one page per call: call again with nextCursor until done",
  description:
    "The counts behind getStatistics().leaders[] and the 情况统计表. Run after rebuildStatistics, in a quiet hour.",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(RebuildLeaderCountsBody) },
  responses: {
    200: jsonContent(RebuildLeaderCountsResult, "This step's progress"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const isCursor = (v: unknown): v is LeaderRebuildCursor => {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  if (c.phase === "clear") return true;
  if (c.phase === "visits")
    return typeof c.session === "string" && Number.isInteger(c.ticket as number);
  return c.phase === "credits" && typeof c.key === "string" && typeof c.ref === "string";
};

export const statisticsLeaderRoutes = newRouter().openapi(rebuildLeaderCountsRoute, async (c) => {
  const body = c.req.valid("json");
  const cursor = decode(body.cursor, isCursor) ?? null;
  const step = await rebuildLeaderStep(c.get("scope"), cursor);
  await appendAudit(c.get("scope"), {
    actorId: c.get("staff").id,
    action: "statistics.rebuildLeaders",
    targetType: "statistics",
    detail: { from: cursor, rows: step.rows },
  });
  return c.json(
    { done: step.next === null, rows: step.rows, nextCursor: step.next ? encode(step.next) : null },
    200,
  );
});
