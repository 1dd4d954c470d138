import { createRoute, z } from "@hono/zod-openapi";
import writeXlsxFile from "write-excel-file/universal";
import { TenantParam } from "../../../schema/api/common.ts";
import { MyReceptionDays, ReceptionSheetQuery } from "../../../schema/api/statistics.ts";
import { NATIONAL_CATEGORIES } from "../../../schema/reference/categories.ts";
import { decryptPii } from "../../domain/crypto/pii.ts";
import { addCalendarDays } from "../../domain/deadlines/index.ts";
import { maskName } from "../../domain/petitioner/mask.ts";
import { quarterOf } from "../../domain/reception/index.ts";
import { safeText } from "../../domain/statistics/export.ts";
import { foldFigures } from "../../domain/statistics/figures.ts";
import { grainRanges, type Period, periodOf } from "../../domain/statistics/period.ts";
import {
  leaderLines,
  type RegisterVisit,
  registerColumns,
  type SheetColumn,
  seesVisitIdentity,
  statisticsColumns,
} from "../../domain/statistics/reception-sheets.ts";
import { type FigureScope, resolveScope } from "../../domain/statistics/scope.ts";
import { appendAudit } from "../../storage/audit.ts";
import {
  closedFromVisits,
  leaderPositions,
  leaderReceptionDays,
  listVisibleVisits,
  staffPositions,
} from "../../storage/reception-visits.ts";
import { readFigureRows } from "../../storage/statistics/figures.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { caseRequest } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The most visits one register holds; past it the file says so and the office narrows it. */
const MAX_ROWS = 5_000;
const PAGE = 500;

const exporters = [
  tenantContext,
  requireStaff,
  requireRole("clerk", "handler", "leader", "supervisor", "viewer"),
];

const xlsxResponse = {
  200: {
    description: "The XLSX file",
    content: { [XLSX]: { schema: z.string().openapi({ format: "binary" }) } },
  },
  ...errorResponses(400, 401, 403, 404),
};

const exportRegisterRoute = createRoute({
  operationId: "exportReceptionRegister",
  method: "get",
  path: "/t/{tenant}/statistics/reception-register",
  tags: ["Statistics"],
  summary:
    "《领导干部接待群众来访登记表》 as XLSX: a row per visit you may see (the current quarter by default); names masked unless you must contact the petitioner; audited",
  security: staffSecurity,
  middleware: exporters,
  request: { params: TenantParam, query: ReceptionSheetQuery },
  responses: xlsxResponse,
});

const exportStatisticsRoute = createRoute({
  operationId: "exportReceptionStatistics",
  method: "get",
  path: "/t/{tenant}/statistics/reception-statistics",
  tags: ["Statistics"],
  summary:
    "《领导干部接待群众来访情况统计表》 as XLSX: per leader and in total, 天次, 批次, 人次, 包案, 办结, 督办, 回访 (counts; no case named); audited",
  security: staffSecurity,
  middleware: exporters,
  request: { params: TenantParam, query: ReceptionSheetQuery },
  responses: xlsxResponse,
});

const myDaysRoute = createRoute({
  operationId: "listMyReceptionDays",
  method: "get",
  path: "/t/{tenant}/reception/my-days",
  tags: ["Reception"],
  summary:
    "The signed-in leader's reception days of the last 90 days with how many they received, newest first",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(MyReceptionDays, "Up to 20 days"),
    ...errorResponses(401, 404),
  },
});

/** The quarter asked for; none means the current one (the register is filed quarterly). */
function sheetPeriod(query: z.infer<typeof ReceptionSheetQuery>, today: string): Period {
  if (query.quarter) return periodOf({ quarter: query.quarter }, today);
  const q = quarterOf(today);
  return { from: q.from, to: q.to };
}

async function xlsx<T>(sheet: string, columns: SheetColumn<T>[], rows: T[], extra: T[] = []) {
  const data = [
    columns.map((col) => ({ value: col.header, fontWeight: "bold" as const })),
    ...rows.map((row, i) => columns.map((col) => ({ value: safeText(col.value(row, i)) }))),
    ...extra.map((row) =>
      columns.map((col, j) => ({ value: j === 0 ? "" : safeText(col.value(row, 0)) })),
    ),
  ];
  const blob = await writeXlsxFile(data, {
    sheet,
    columns: columns.map((col) => ({ width: col.width })),
  }).toBlob();
  return blob.arrayBuffer();
}

function attachment(c: { header: (k: string, v: string) => void }, name: string) {
  c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  c.header("Cache-Control", "no-store");
  c.header("Content-Type", XLSX);
}

async function leaderFigures(scope: TenantScope, period: Period, figureScope: FigureScope) {
  const rows = await readFigureRows(scope, {
    scope: figureScope.key,
    ranges: grainRanges(period),
    openRanges: [],
    childScopes: [],
    sessionUnits: figureScope.units,
    from: period.from,
    to: period.to,
  });
  return foldFigures(period, rows, {
    scope: { kind: figureScope.kind, unitId: figureScope.unitId },
    childUnits: new Map(),
  }).leaders;
}

const categoryNames = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c.name]));
const categoryName = (code: string) => categoryNames.get(code) ?? "";
const quarterName = (p: Period) => `${p.from}_${p.to}`;

export const receptionSheetRoutes = newRouter()
  .openapi(exportRegisterRoute, async (c) => {
    const query = c.req.valid("query");
    const { ctx, viewer } = await caseRequest(c);
    const period = sheetPeriod(query, ctx.today);
    const figureScope = resolveScope(query, viewer, ctx.units);
    const found: RegisterVisit[] = [];
    let after: { date: string; sessionId: string; ticketNumber: number } | undefined;
    // Keyset pages through the visible visits: at most MAX_ROWS / PAGE + 1 queries.
    while (found.length <= MAX_ROWS) {
      const page = await listVisibleVisits(ctx.scope, viewer, {
        from: period.from,
        to: period.to,
        units: figureScope.units,
        after,
        limit: PAGE,
      });
      for (const row of page) {
        const person = JSON.parse(await decryptPii(ctx.keys, row.visit.petitionerSealed)) as {
          name: string;
        };
        found.push({
          visit: row.visit,
          petitionerName: seesVisitIdentity(viewer, row.visit)
            ? person.name
            : maskName(person.name),
          trackingCode: row.trackingCode,
          status: row.status,
        });
      }
      const last = page.at(-1)?.visit;
      if (page.length < PAGE || !last) break;
      after = { date: last.date, sessionId: last.sessionId, ticketNumber: last.ticketNumber };
    }
    const truncated = found.length > MAX_ROWS;
    const kept = found.slice(0, MAX_ROWS);
    await appendAudit(ctx.scope, {
      actorId: viewer.staffId,
      action: "reception.register.export",
      targetType: "statistics",
      detail: { period, scope: figureScope.key, rows: kept.length },
    });
    attachment(c, `领导干部接待群众来访登记表_${quarterName(period)}.xlsx`);
    if (truncated) c.header("X-Export-Truncated", "true");
    return c.body(await xlsx("来访登记表", registerColumns(categoryName), kept), 200);
  })
  .openapi(exportStatisticsRoute, async (c) => {
    const query = c.req.valid("query");
    const { ctx, viewer } = await caseRequest(c);
    const period = sheetPeriod(query, ctx.today);
    const figureScope = resolveScope(query, viewer, ctx.units);
    const visits = { ...period, units: figureScope.units };
    const [leaders, closed, recorded] = await Promise.all([
      leaderFigures(ctx.scope, period, figureScope),
      closedFromVisits(ctx.scope, visits),
      leaderPositions(ctx.scope, visits),
    ]);
    const positions = new Map(recorded.map((r) => [r.leaderId, r.position]));
    const unnamed = leaders.map((l) => l.leaderId).filter((id) => !positions.has(id));
    for (const [id, position] of await staffPositions(ctx.scope, unnamed)) {
      positions.set(id, position);
    }
    const { lines, total } = leaderLines(
      leaders,
      new Map(closed.map((r) => [r.leaderId, r.n])),
      positions,
    );
    await appendAudit(ctx.scope, {
      actorId: viewer.staffId,
      action: "reception.statistics.export",
      targetType: "statistics",
      detail: { period, scope: figureScope.key, leaders: lines.length },
    });
    attachment(c, `领导干部接待群众来访情况统计表_${quarterName(period)}.xlsx`);
    return c.body(await xlsx("情况统计表", statisticsColumns(), lines, [total]), 200);
  })
  .openapi(myDaysRoute, async (c) => {
    const { ctx, viewer } = await caseRequest(c);
    const from = addCalendarDays(ctx.today, -90);
    const days = await leaderReceptionDays(ctx.scope, viewer.staffId, from, 20);
    return c.json(
      { items: days.map((d) => ({ ...d, visits: Number(d.visits), persons: Number(d.persons) })) },
      200,
    );
  });
