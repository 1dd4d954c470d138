import type {
  SuggestionOutcomeCounts,
  SuggestionsOfYear,
} from "../../../schema/api/suggestions.ts";
import type { StaffRole } from "../../../schema/reference/roles.ts";
import {
  SUGGESTION_KINDS,
  SUGGESTION_WRITER_ROLES,
  type SuggestionKind,
  type SuggestionOutcome,
} from "../../../schema/reference/suggestions.ts";
import { ApiError } from "../../errors.ts";
import type { Viewer } from "../../storage/visibility.ts";

/**
 * The register is the county office's own record of what it proposed to others (§41 (三)):
 * its staff read all of it, a unit reads what was sent to it (or to a unit below it), and
 * those who act for the office (leaders, 督办员, the administrator) write it.
 */
const WRITERS: readonly StaffRole[] = SUGGESTION_WRITER_ROLES;

type Writer = Viewer & { roles: readonly StaffRole[] };

/** The units whose suggestions this viewer reads; null for all of them (the county office). */
export function readableUnits(viewer: Viewer): readonly string[] | null {
  return viewer.inCountyOffice ? null : viewer.unitSubtree;
}

export function assertMayWrite(viewer: Writer) {
  if (!viewer.inCountyOffice) throw new ApiError("FORBIDDEN", "建议登记由县信访局管理");
  if (!viewer.roles.some((r) => WRITERS.includes(r))) {
    throw new ApiError("FORBIDDEN", "只有县信访局的领导干部、督办员和系统管理员可以登记建议", {
      details: { requiredRoles: WRITERS },
    });
  }
}

const none = (): SuggestionOutcomeCounts => ({
  total: 0,
  pending: 0,
  adopted: 0,
  partlyAdopted: 0,
  notAdopted: 0,
});

/** The year's counts, from rows of (kind, outcome, n). */
export function foldSuggestionCounts(
  rows: readonly { kind: SuggestionKind; outcome: SuggestionOutcome; n: number }[],
): Pick<SuggestionsOfYear, "all" | "byKind"> {
  const all = none();
  const byKind = Object.fromEntries(SUGGESTION_KINDS.map((k) => [k, none()])) as Record<
    SuggestionKind,
    SuggestionOutcomeCounts
  >;
  for (const r of rows) {
    for (const c of [all, byKind[r.kind]]) {
      c.total += r.n;
      c[r.outcome] += r.n;
    }
  }
  return { all, byKind };
}
