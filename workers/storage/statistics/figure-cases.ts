import type { StatisticsCase } from "../../../schema/api/statistics.ts";
import type { DrillFigure } from "../../../schema/reference/statistics.ts";
import { addCalendarDays } from "../../domain/deadlines/index.ts";
import type { TenantScope } from "../tenant-scope.ts";
import type { Viewer } from "../visibility.ts";
import { listBacklogRows } from "./backlog.ts";
import { type DrillRequest, listFigureCases } from "./drill.ts";
import { loadOversightSettings } from "./oversight-settings.ts";

/**
 * The cases behind any figure, through the visibility rule: the period's figures from
 * petition_stats' day indexes, the backlog (a state now, whatever the period) from its
 * partial indexes, each case counted on the day it was received.
 */
export async function listCasesOfFigure(
  scope: TenantScope,
  viewer: Viewer,
  req: Omit<DrillRequest, "figure"> & { figure: DrillFigure },
): Promise<StatisticsCase[]> {
  const { figure } = req;
  if (figure !== "backlog") return listFigureCases(scope, viewer, { ...req, figure });
  const settings = await loadOversightSettings(scope);
  const rows = await listBacklogRows(scope, viewer, {
    scope: req.scope,
    cutoff: addCalendarDays(req.today, -settings.backlogDays),
    after: req.after,
    limit: req.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    trackingCode: r.trackingCode,
    status: r.status,
    receivedOn: r.receivedOn,
    channel: r.channel,
    purpose: r.purpose,
    categoryCode: r.categoryCode,
    responsibleUnitId: r.responsibleUnitId,
    day: r.receivedOn,
  }));
}
