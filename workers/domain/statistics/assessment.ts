import type { AssessmentWeights, UnitAssessment } from "../../../schema/api/oversight.ts";
import type { Rate } from "../../../schema/api/statistics.ts";
import { ASSESSMENT_ITEMS, type AssessmentItem } from "../../../schema/reference/oversight.ts";
import { type ScopeKeySum, sumOf } from "../../storage/statistics/scope-sums.ts";
import { rate } from "./figures.ts";

/** The rollup keys a scorecard reads: the period's sums, and the still-open due counts. */
export const ASSESSMENT_KEYS = [
  "received",
  "repeat",
  "acceptDue",
  "replyDue",
  "satUnit",
  "closed",
] as const;
export const ASSESSMENT_OPEN_KEYS = ["acceptDue", "replyDue"] as const;

type UnitRow = UnitAssessment["units"][number];

/** One unit's items, each a rate with its two counts: the same formulas as getStatistics. */
export function unitItems(
  scope: string,
  sums: readonly ScopeKeySum[],
  open: readonly ScopeKeySum[],
): Record<AssessmentItem, Rate> {
  const due = (key: string) => {
    const onTime = sumOf(sums, scope, key, "onTime").n;
    const late = sumOf(sums, scope, key, "late").n;
    return rate(onTime, onTime + late + sumOf(open, scope, key, "open").n);
  };
  const received = sumOf(sums, scope, "received", "").n;
  return {
    timelyAcceptance: due("acceptDue"),
    onTimeReply: due("replyDue"),
    satisfaction: rate(sumOf(sums, scope, "satUnit", "1").n, sumOf(sums, scope, "satUnit").n),
    firstTimeResolution: rate(
      sumOf(sums, scope, "closed", "first").n,
      sumOf(sums, scope, "closed").n,
    ),
    nonRepeat: rate(received - sumOf(sums, scope, "repeat", "").n, received),
  };
}

/**
 * A score out of 100: each item's rate times its points, over the points of the items that
 * had anything to count (a unit with no case due is neither rewarded nor punished for it).
 * Null when no item counted anything.
 */
export function score(
  items: Record<AssessmentItem, Rate>,
  weights: AssessmentWeights,
): number | null {
  let points = 0;
  let earned = 0;
  for (const item of ASSESSMENT_ITEMS) {
    const r = items[item].rate;
    if (r === null || weights[item] === 0) continue;
    points += weights[item];
    earned += weights[item] * r;
  }
  return points === 0 ? null : Math.round((earned / points) * 10_000) / 100;
}

/** Highest score first; equal scores share a rank (1, 2, 2, 4); units without a score last. */
export function rankUnits(rows: Omit<UnitRow, "rank">[]): UnitRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      b.batches - a.batches ||
      a.unitId.localeCompare(b.unitId),
  );
  const out: UnitRow[] = [];
  for (const [i, row] of sorted.entries()) {
    const previous = out[i - 1];
    const rank = previous && previous.score === row.score ? previous.rank : i + 1;
    out.push({ ...row, rank });
  }
  return out;
}

export function assessUnits(
  unitIds: readonly string[],
  sums: readonly ScopeKeySum[],
  open: readonly ScopeKeySum[],
  weights: AssessmentWeights,
): UnitRow[] {
  return rankUnits(
    unitIds.map((unitId) => {
      const scope = `t:${unitId}`;
      const items = unitItems(scope, sums, open);
      const received = sumOf(sums, scope, "received", "");
      return {
        unitId,
        score: score(items, weights),
        batches: received.n,
        persons: received.m,
        items,
      };
    }),
  );
}
