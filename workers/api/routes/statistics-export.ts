import { createRoute, z } from "@hono/zod-openapi";
import writeXlsxFile from "write-excel-file/universal";
import { TenantParam } from "../../../schema/api/common.ts";
import { SearchFilters } from "../../../schema/api/search.ts";
import { type StatisticsCase, StatisticsCasesQuery } from "../../../schema/api/statistics.ts";
import { NATIONAL_CATEGORIES } from "../../../schema/reference/categories.ts";
import { cstDate } from "../../domain/deadlines/index.ts";
import { searchExportRows } from "../../domain/search/export.ts";
import { exportColumns, safeText, toCsv } from "../../domain/statistics/export.ts";
import { periodOf } from "../../domain/statistics/period.ts";
import { resolveScope } from "../../domain/statistics/scope.ts";
import { appendAudit } from "../../storage/audit.ts";
import { listCasesOfFigure } from "../../storage/statistics/figure-cases.ts";
import { caseRequest, viewerWithUnits } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, newRouter, staffSecurity } from "../router.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The most cases one file holds; past it the file says so and the office narrows the period. */
const MAX_ROWS = 5_000;
const PAGE = 500;

const ExportQuery = StatisticsCasesQuery.omit({ cursor: true, limit: true })
  .extend(SearchFilters.omit({ unitId: true }).shape)
  .extend({
    format: z.enum(["csv", "xlsx"]).optional().openapi({ description: "csv (default) or xlsx" }),
    source: z.enum(["figure", "search"]).optional().openapi({
      description:
        "figure (default): the cases behind a figure · search: the search page's filtered list or work list (its filters, unitId = 承办单位)",
    }),
  });

const exportPetitionsRoute = createRoute({
  operationId: "exportPetitions",
  method: "get",
  path: "/t/{tenant}/statistics/export",
  tags: ["Statistics"],
  summary:
    "The cases behind a figure (those you may see) as an XLSX or CSV file with Chinese headers; no personal data; audited",
  security: staffSecurity,
  middleware: [
    tenantContext,
    requireStaff,
    requireRole("clerk", "handler", "leader", "supervisor", "viewer"),
  ],
  request: { params: TenantParam, query: ExportQuery },
  responses: {
    200: {
      description: "The file; `X-Export-Truncated: true` when the cases exceed 5,000",
      content: {
        "text/csv": { schema: z.string() },
        [XLSX]: { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const categoryNames = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c.name]));

export const statisticsExportRoutes = newRouter().openapi(exportPetitionsRoute, async (c) => {
  const query = c.req.valid("query");
  const today = cstDate(new Date());
  const { viewer, units } = await viewerWithUnits(c);
  let rows: StatisticsCase[] = [];
  let detail: Record<string, unknown>;
  let name: string;
  if (query.source === "search") {
    const { ctx, viewer: staff } = await caseRequest(c);
    rows = (await searchExportRows(ctx, staff, query, MAX_ROWS + 1)).rows;
    detail = { source: "search", filters: searchFiltersOf(query) };
    name = `信访事项_查找_${today}`;
  } else {
    const period = periodOf(query, today);
    const scope = resolveScope(query, viewer, units);
    const figure = query.figure ?? "batches";
    let after: { day: string; id: string } | undefined;
    // Keyset pages through the same visible drill-down: at most MAX_ROWS / PAGE + 1 queries.
    while (rows.length <= MAX_ROWS) {
      const page = await listCasesOfFigure(c.get("scope"), viewer, {
        figure,
        dim: query.dim,
        period,
        scope,
        today,
        after,
        limit: PAGE,
      });
      rows.push(...page);
      const last = page.at(-1);
      if (page.length < PAGE || !last) break;
      after = { day: last.day, id: last.id };
    }
    detail = { figure, dim: query.dim ?? null, period, scope: scope.key };
    name = `信访事项_${period.from}_${period.to}`;
  }
  const truncated = rows.length > MAX_ROWS;
  const kept = rows.slice(0, MAX_ROWS);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const columns = exportColumns(
    (id) => unitNames.get(id) ?? "",
    (code) => categoryNames.get(code) ?? "",
  );
  const format = query.format ?? "csv";
  await appendAudit(c.get("scope"), {
    actorId: c.get("staff").id,
    action: "petitions.export",
    targetType: "statistics",
    detail: { format, ...detail, rows: kept.length },
  });
  c.header(
    "Content-Disposition",
    `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
  );
  c.header("Cache-Control", "no-store");
  if (truncated) c.header("X-Export-Truncated", "true");
  if (format === "csv") {
    c.header("Content-Type", "text/csv; charset=utf-8");
    return c.body(toCsv(columns, kept), 200);
  }
  const sheet = [
    columns.map((col) => ({ value: col.header, fontWeight: "bold" as const })),
    ...kept.map((row) => columns.map((col) => ({ value: safeText(col.value(row)) }))),
  ];
  const blob = await writeXlsxFile(sheet, {
    sheet: "信访事项",
    columns: columns.map(() => ({ width: 16 })),
  }).toBlob();
  c.header("Content-Type", XLSX);
  return c.body(await blob.arrayBuffer(), 200);
});

/** The search filters an export was asked with, for its audit entry. */
const searchFiltersOf = (query: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(SearchFilters.shape)
      .filter((key) => query[key] !== undefined)
      .map((key) => [key, query[key]]),
  );
