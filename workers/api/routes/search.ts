import { createRoute } from "@hono/zod-openapi";
import type { BatchItem } from "drizzle-orm/batch";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  ReindexJob,
  ReindexRequest,
  type SearchHit,
  SearchPage,
  SearchQuery,
} from "../../../schema/api/search.ts";
import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import { lookupHash } from "../../domain/crypto/pii.ts";
import { checkIdNumber } from "../../domain/petitioner/id-number.ts";
import { checkMobile } from "../../domain/petitioner/phone.ts";
import { normalizeTrackingCode } from "../../domain/petitioner/tracking-code.ts";
import { presentSummary, visibleFlagRefs } from "../../domain/petitions/view.ts";
import { matchExpression, normalizeName } from "../../domain/search/tokens.ts";
import { browsePlan, searchFilter } from "../../domain/search/work-lists.ts";
import { invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import {
  type BrowseCursor,
  browse,
  type KeyMatch,
  searchByKey,
  searchText,
} from "../../storage/search.ts";
import { requestReindexStatements } from "../../storage/search-reindex.ts";
import { caseRequest } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const NAME = /^[\p{Script=Han}·•・.\s]{2,20}$|^[A-Za-z][A-Za-z\s.'-]{1,40}$/u;

const searchRoute = createRoute({
  operationId: "searchPetitions",
  method: "get",
  path: "/t/{tenant}/search",
  tags: ["Search"],
  summary:
    "One search box: tracking code, the petitioner's exact name, phone or ID number, or words of the case; with filters and the daily work lists",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam, query: SearchQuery },
  responses: {
    200: jsonContent(SearchPage, "A page of cases you may see"),
    ...errorResponses(400, 401, 404, 422),
  },
});

const reindexRoute = createRoute({
  operationId: "requestSearchReindex",
  method: "post",
  path: "/t/{tenant}/search/reindex",
  tags: ["Search"],
  summary:
    "Rebuild the county's search index: the cron re-indexes every case in bounded steps (audited)",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(ReindexRequest) },
  responses: {
    202: jsonContent(ReindexJob, "Filed; the cron carries it out"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const encode = (value: unknown) => btoa(JSON.stringify(value));
function decode(cursor: string | undefined): unknown {
  if (!cursor) return undefined;
  try {
    return JSON.parse(atob(cursor));
  } catch {
    throw invalid("cursor", "分页游标无效");
  }
}

export const searchRoutes = newRouter()
  .openapi(reindexRoute, async (c) => {
    const scope = c.get("scope");
    const staff = c.get("staff");
    const now = new Date();
    const id = crypto.randomUUID();
    await batchWithAudit(
      scope,
      [...requestReindexStatements(scope, { id, kind: "all", target: null, by: staff.id }, now)],
      { actorId: staff.id, action: "search.reindex_request", targetType: "search", targetId: id },
      now,
    );
    return c.json({ id, kind: "all" as const, requestedAt: now.toISOString() }, 202);
  })
  .openapi(searchRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const query = c.req.valid("query");
    const limit = query.limit ?? 30;
    const filter = searchFilter(query, ctx.now);
    const hits: { row: PetitionRow; matchedBy: SearchHit["matchedBy"] }[] = [];
    let nextCursor: string | null = null;
    const q = query.q?.trim();

    if (q) {
      const cursor = decode(query.cursor);
      if (cursor !== undefined && typeof cursor !== "number")
        throw invalid("cursor", "分页游标无效");
      // The first page leads with exact matches of what a petitioner tells the window.
      const keys: [KeyMatch, string][] = [];
      if (cursor === undefined) {
        const code = normalizeTrackingCode(q);
        if (code) keys.push(["trackingCode", code]);
        const phone = checkMobile(q);
        if (phone.ok) keys.push(["phone", await lookupHash(ctx.keys, "phone", phone.value)]);
        const id = checkIdNumber(q, ctx.now);
        if (id.ok) keys.push(["idNumber", await lookupHash(ctx.keys, "id", id.value)]);
        if (NAME.test(q)) keys.push(["name", await lookupHash(ctx.keys, "name", normalizeName(q))]);
      }
      const terms = matchExpression(ctx.scope.tenant, q);
      if (!terms.ok && keys.length === 0) throw invalid("q", terms.reason);
      // Every look-up in one D1 round trip.
      const queries: BatchItem<"sqlite">[] = keys.map(([by, value]) =>
        searchByKey(ctx.scope, viewer, by, value, filter),
      );
      if (terms.ok) {
        queries.push(searchText(ctx.scope, viewer, terms.match, filter, cursor, limit + 1));
      }
      const [first, ...rest] = queries;
      const results = (first ? await ctx.scope.db.batch([first, ...rest]) : []) as {
        petition: PetitionRow;
      }[][];
      keys.forEach(([by], i) => {
        for (const { petition } of results[i] ?? []) hits.push({ row: petition, matchedBy: by });
      });
      if (terms.ok) {
        const rows = results[keys.length] ?? [];
        const page = rows.slice(0, limit);
        for (const { petition } of page) hits.push({ row: petition, matchedBy: "text" });
        const last = page.at(-1)?.petition.searchRowid;
        if (rows.length > limit && last != null) nextCursor = encode(last);
      }
    } else {
      const raw = decode(query.cursor);
      const after =
        Array.isArray(raw) && typeof raw[0] === "number" && typeof raw[1] === "number"
          ? ({ at: raw[0], row: raw[1] } satisfies BrowseCursor)
          : undefined;
      if (raw !== undefined && !after) throw invalid("cursor", "分页游标无效");
      const { order, work, empty } = browsePlan(query, viewer, ctx.now);
      if (empty) return c.json({ items: [], nextCursor: null }, 200);
      const rows = await browse(ctx.scope, viewer, order, filter, work, after, limit + 1);
      const page = rows.slice(0, limit);
      for (const { petition } of page) hits.push({ row: petition, matchedBy: "filter" });
      const last = page.at(-1);
      if (rows.length > limit && last) {
        const key =
          order === "deadline" ? last.petition.nextDeadlineAt : last.petition.registeredAt;
        nextCursor = encode([key?.getTime() ?? 0, last.row]);
      }
    }

    const seen = new Set<string>();
    const unique = hits.filter(({ row }) => !seen.has(row.id) && seen.add(row.id));
    const rows = unique.map((h) => h.row);
    const refs = await visibleFlagRefs(ctx, viewer, rows);
    const items = await Promise.all(
      unique.map(async ({ row, matchedBy }) => ({
        ...(await presentSummary(ctx, viewer, row, refs)),
        matchedBy,
      })),
    );
    return c.json({ items, nextCursor }, 200);
  });
