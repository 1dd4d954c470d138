import type { Statistics, StatisticsQuery } from "../../../schema/api/statistics.ts";
import type { UnitRow } from "../../../schema/tenant/tables.ts";
import { ApiError, notFound } from "../../errors.ts";
import type { StaffView } from "../tenancy/county-context.ts";

export interface FigureScope {
  kind: Statistics["scope"]["kind"];
  unitId: string;
  /** The rollup scope key: `u:<unit>` for one unit, `t:<unit>` for it and all below. */
  key: string;
  /** The units counted, for filters outside the rollups; null for the whole county. */
  units: readonly string[] | null;
  /** Units directly below, ranked in `byUnit` (none for a one-unit scope). */
  children: UnitRow[];
}

function subtree(units: readonly UnitRow[], root: string): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const u of units) if (u.parentId === out[i]) out.push(u.id);
  }
  return out;
}

/**
 * The scope a viewer asked for, if they may have it. Figures count confidential cases too
 * (they name no case), so any staff member may see the figures of their own unit and below;
 * the county office sees any scope. A township asking for the county's figures is refused.
 */
export function resolveScope(
  q: Pick<StatisticsQuery, "scope" | "unitId">,
  viewer: StaffView,
  units: readonly UnitRow[],
): FigureScope {
  const root = units.find((u) => u.parentId === null);
  if (!root) throw notFound("县信访局");
  const kind = q.scope ?? (viewer.inCountyOffice ? "county" : "tree");
  const unitId = kind === "county" ? root.id : (q.unitId ?? viewer.unitId);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw notFound("该单位");
  if (!viewer.inCountyOffice && !viewer.unitSubtree.includes(unitId)) {
    throw new ApiError("FORBIDDEN", "只能查看本单位及下属单位的统计");
  }
  const children = kind === "unit" ? [] : units.filter((u) => u.parentId === unitId);
  return {
    kind,
    unitId,
    key: `${kind === "unit" ? "u" : "t"}:${unitId}`,
    units: kind === "county" ? null : kind === "unit" ? [unitId] : subtree(units, unitId),
    children,
  };
}
