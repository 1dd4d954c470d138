import type { HotIssues } from "../../../schema/api/oversight.ts";
import { type ScopeKeySum, sumOf } from "../../storage/statistics/scope-sums.ts";

/** The rollup keys the 研判 reads for the scope, per month compared. */
export const HOT_ISSUE_KEYS = [
  "received",
  "category1",
  "category",
  "repeat",
  "repeatCategory",
] as const;
/** And for each unit below the scope, this month. */
export const PLACE_KEYS = ["received", "first"] as const;

/** The most rows each list shows: the conference reads the top of each. */
const TOP = 10;

function compare(
  scope: string,
  key: string,
  months: {
    now: readonly ScopeKeySum[];
    lastMonth: readonly ScopeKeySum[];
    lastYear: readonly ScopeKeySum[];
  },
) {
  const values = new Set(
    months.now.filter((r) => r.scope === scope && r.key === key && r.n !== 0).map((r) => r.dim),
  );
  return [...values]
    .map((value) => {
      const batches = sumOf(months.now, scope, key, value).n;
      const lastMonth = sumOf(months.lastMonth, scope, key, value).n;
      const lastYear = sumOf(months.lastYear, scope, key, value).n;
      return {
        value,
        batches,
        lastMonth,
        lastYear,
        rising: batches > lastMonth && batches > lastYear,
      };
    })
    .sort(
      (a, b) =>
        Number(b.rising) - Number(a.rising) ||
        b.batches - b.lastMonth - (a.batches - a.lastMonth) ||
        b.batches - a.batches ||
        a.value.localeCompare(b.value),
    )
    .slice(0, TOP);
}

/**
 * The month's analysis: categories (大类 and 小类) compared with last month and the same month
 * a year before, rising ones first; the units below the scope with the most first
 * petitions (初信初访); repeat petitions by category. Counts only: nothing names a person.
 */
export function foldHotIssues(
  scope: string,
  placeUnits: ReadonlyMap<string, string>,
  month: { month: string; lastMonth: string; lastYear: string },
  rows: {
    now: readonly ScopeKeySum[];
    lastMonth: readonly ScopeKeySum[];
    lastYear: readonly ScopeKeySum[];
    places: readonly ScopeKeySum[];
  },
): HotIssues {
  const places = [...placeUnits]
    .map(([placeScope, unitId]) => ({
      unitId,
      firstPetitions: sumOf(rows.places, placeScope, "first", "").n,
      batches: sumOf(rows.places, placeScope, "received", "").n,
    }))
    .filter((p) => p.batches > 0)
    .sort(
      (a, b) =>
        b.firstPetitions - a.firstPetitions ||
        b.batches - a.batches ||
        a.unitId.localeCompare(b.unitId),
    )
    .slice(0, TOP);
  const repeat = sumOf(rows.now, scope, "repeat", "");
  return {
    ...month,
    batches: sumOf(rows.now, scope, "received", "").n,
    categories: compare(scope, "category1", rows),
    subcategories: compare(scope, "category", rows),
    places,
    repeat: {
      batches: repeat.n,
      persons: repeat.m,
      byCategory: rows.now
        .filter((r) => r.scope === scope && r.key === "repeatCategory" && r.n !== 0)
        .map((r) => ({ value: r.dim, batches: r.n, persons: r.m }))
        .sort((a, b) => b.batches - a.batches || a.value.localeCompare(b.value)),
    },
  };
}
