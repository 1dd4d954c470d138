import type { BacklogCount, Rate, Split, Statistics } from "../../../schema/api/statistics.ts";
import { FIGURE_DEFINITIONS } from "../../../schema/reference/statistics.ts";
import type { FigureRows, RollupSum } from "../../storage/statistics/figures.ts";
import type { Period } from "./period.ts";

export const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

function sumOf(rows: RollupSum[], key: string, dim?: string) {
  let n = 0;
  let m = 0;
  for (const r of rows) {
    if (r.key === key && (dim === undefined || r.dim === dim)) {
      n += r.n;
      m += r.m;
    }
  }
  return { n, m };
}

function splits(rows: RollupSum[], key: string): Split[] {
  return rows
    .filter((r) => r.key === key && (r.n !== 0 || r.m !== 0))
    .map((r) => ({ value: r.dim, batches: r.n, persons: r.m }))
    .sort((a, b) => b.batches - a.batches || a.value.localeCompare(b.value));
}

/**
 * on time ÷ (on time + late + due and still open), the formula provinces use. Open cases
 * count only once their due day has passed (`overdueOpen` is cut at yesterday).
 */
function dueRate(rows: FigureRows, key: string): Rate {
  const onTime = sumOf(rows.sums, key, "onTime").n;
  const late = sumOf(rows.sums, key, "late").n;
  const open = sumOf(rows.overdueOpen, key, "open").n;
  return rate(onTime, onTime + late + open);
}

export interface FigureNames {
  scope: Statistics["scope"];
  /** Child scope (`t:<unit>`) → unit id. */
  childUnits: ReadonlyMap<string, string>;
}

/**
 * The figures of a period from its rollup rows. Every rate carries its two counts. The
 * backlog, a state now rather than a sum of the period, is counted beside (backlog.ts).
 */
export function foldFigures(
  period: Period,
  rows: FigureRows,
  names: FigureNames,
): Omit<Statistics, "backlog"> {
  const { sums } = rows;
  const received = sumOf(sums, "received", "");
  const evaluatedUnit = sumOf(sums, "satUnit");
  const evaluatedOffice = sumOf(sums, "satOffice");
  const closed = sumOf(sums, "closed");
  const supForms: Record<string, number> = {};
  for (const r of sums) if (r.key === "supOpened" && r.n !== 0) supForms[r.dim] = r.n;

  const leaders = new Map<string, Statistics["leaders"][number]>();
  const leader = (id: string, name: string | null) => {
    const found = leaders.get(id);
    if (found) {
      if (name && !found.name) found.name = name;
      return found;
    }
    const fresh = {
      leaderId: id,
      name: name ?? "",
      sessions: 0,
      casesOwned: 0,
      visits: 0,
      visitors: 0,
      casesSupervised: 0,
      followUps: 0,
    };
    leaders.set(id, fresh);
    return fresh;
  };
  for (const s of rows.sessions) leader(s.leaderId, s.name).sessions = s.sessions;
  for (const o of rows.owned) if (o.n !== 0) leader(o.leaderId, o.name).casesOwned = o.n;
  for (const l of rows.leaderSums) {
    if (l.n === 0) continue;
    const row = leader(l.leaderId, l.name);
    if (l.key === "visits") {
      row.visits = l.n;
      row.visitors = l.m;
    } else if (l.key === "followUps") row.followUps = l.n;
    else if (l.key === "supervised") row.casesSupervised = l.n;
  }

  return {
    period,
    scope: names.scope,
    batches: received.n,
    persons: received.m,
    byChannel: splits(sums, "channel"),
    byPurpose: splits(sums, "purpose"),
    byCategory: splits(sums, "category1"),
    bySubcategory: splits(sums, "category"),
    byUnit: rows.children
      .filter((c) => c.n !== 0)
      .map((c) => ({ value: names.childUnits.get(c.scope) ?? c.scope, batches: c.n, persons: c.m }))
      .sort((a, b) => b.batches - a.batches || a.value.localeCompare(b.value)),
    byLevel: splits(sums, "level"),
    timelyAcceptanceRate: dueRate(rows, "acceptDue"),
    onTimeReplyRate: dueRate(rows, "replyDue"),
    evaluationRate: rate(sumOf(sums, "evalEligible", "done").n, sumOf(sums, "evalEligible").n),
    satisfactionRate: {
      unit: rate(sumOf(sums, "satUnit", "1").n, evaluatedUnit.n),
      office: rate(sumOf(sums, "satOffice", "1").n, evaluatedOffice.n),
    },
    repeatRate: rate(sumOf(sums, "repeat", "").n, received.n),
    firstTimeResolutionRate: rate(sumOf(sums, "closed", "first").n, closed.n),
    firstPetitionClosureRate: dueRate(rows, "firstReplyDue"),
    supervision: {
      opened: sumOf(sums, "supOpened").n,
      resolved: sumOf(sums, "supResolved").n,
      byForm: supForms,
    },
    leaders: [...leaders.values()].sort(
      (a, b) =>
        b.casesOwned + b.sessions + b.visits - (a.casesOwned + a.sessions + a.visits) ||
        a.leaderId.localeCompare(b.leaderId),
    ),
    definitions: FIGURE_DEFINITIONS,
    rebuilding: rows.rebuilding,
  };
}

/** The backlog's counts from the figure batch (an empty count when it was not asked for). */
export function backlogCount(rows: FigureRows, backlogDays: number): BacklogCount {
  const longOpen = rows.backlog?.longOpen ?? 0;
  const afterReview = rows.backlog?.afterReview ?? 0;
  return { total: longOpen + afterReview, longOpen, afterReview, backlogDays };
}
