import { and, count, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { SuggestionOutcome } from "../../schema/reference/suggestions.ts";
import {
  type OfficeSuggestionRow,
  officeSuggestions,
  petitions,
} from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { inList, type Viewer, visibleCases } from "./visibility.ts";

export type NewSuggestion = Pick<
  OfficeSuggestionRow,
  "id" | "kind" | "unitId" | "sentOn" | "title" | "content" | "petitionId" | "createdBy"
>;

export function insertSuggestionStatement(scope: TenantScope, row: NewSuggestion, now: Date) {
  return scope.db
    .insert(officeSuggestions)
    .values({ ...row, tenantId: scope.tenant, createdAt: now, updatedAt: now, version: 1 });
}

/** The unit's answer, only onto the version the writer read. */
export function recordOutcomeStatement(
  scope: TenantScope,
  id: string,
  version: number,
  answer: { outcome: SuggestionOutcome; answeredOn: string; outcomeNote: string | null },
  now: Date,
) {
  return scope.db
    .update(officeSuggestions)
    .set({ ...answer, updatedAt: now, version: version + 1 })
    .where(
      ofTenant(
        scope,
        officeSuggestions,
        eq(officeSuggestions.id, id),
        eq(officeSuggestions.version, version),
      ),
    );
}

/**
 * The suggestion with its related case as this viewer may see it: the case is joined only
 * through the visibility rule, so a case the viewer may not see reads as no case at all.
 */
function selectWithCase(scope: TenantScope, viewer: Viewer) {
  return scope.db
    .select({
      row: officeSuggestions,
      caseId: petitions.id,
      trackingCode: petitions.trackingCode,
    })
    .from(officeSuggestions)
    .leftJoin(
      petitions,
      and(
        eq(petitions.tenantId, officeSuggestions.tenantId),
        eq(petitions.id, officeSuggestions.petitionId),
        visibleCases(viewer),
      ),
    );
}

/** Only suggestions sent to these units (a unit's staff); every one when null (the office). */
const sentTo = (units: readonly string[] | null) =>
  units ? inList(officeSuggestions.unitId, units) : undefined;

export async function findSuggestion(
  scope: TenantScope,
  viewer: Viewer,
  id: string,
  units: readonly string[] | null,
) {
  const [row] = await selectWithCase(scope, viewer)
    .where(ofTenant(scope, officeSuggestions, eq(officeSuggestions.id, id), sentTo(units)))
    .limit(1);
  return row;
}

/** A year as the register counts it: sent on a day from Jan 1 to Dec 31. */
const inYear = (year: string): SQL =>
  and(
    gte(officeSuggestions.sentOn, `${year}-01-01`),
    lte(officeSuggestions.sentOn, `${year}-12-31`),
  ) as SQL;

/**
 * Newest sent first, a keyset page after `after` (by `office_suggestions_sent_idx`; a unit's
 * reader filters the county's few suggestions by unit on the way).
 */
export function listSuggestions(
  scope: TenantScope,
  viewer: Viewer,
  page: {
    units: readonly string[] | null;
    year?: number | undefined;
    outcome?: SuggestionOutcome | undefined;
    after?: { sentOn: string; id: string } | undefined;
    limit: number;
  },
) {
  const after = page.after;
  return selectWithCase(scope, viewer)
    .where(
      ofTenant(
        scope,
        officeSuggestions,
        sentTo(page.units),
        page.year ? inYear(String(page.year)) : undefined,
        page.outcome ? eq(officeSuggestions.outcome, page.outcome) : undefined,
        after
          ? or(
              lt(officeSuggestions.sentOn, after.sentOn),
              and(eq(officeSuggestions.sentOn, after.sentOn), lt(officeSuggestions.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(officeSuggestions.sentOn), desc(officeSuggestions.id))
    .limit(page.limit);
}

/** The year's counts by kind and outcome, by the sent-date index. */
export function yearCountsQuery(scope: TenantScope, year: string) {
  return scope.db
    .select({ kind: officeSuggestions.kind, outcome: officeSuggestions.outcome, n: count() })
    .from(officeSuggestions)
    .where(ofTenant(scope, officeSuggestions, inYear(year)))
    .groupBy(officeSuggestions.kind, officeSuggestions.outcome);
}

/** The year's suggestions in sent order, without their cases (the report names none). */
export function yearItemsQuery(scope: TenantScope, year: string, most: number) {
  return scope.db
    .select({
      id: officeSuggestions.id,
      kind: officeSuggestions.kind,
      unitId: officeSuggestions.unitId,
      sentOn: officeSuggestions.sentOn,
      title: officeSuggestions.title,
      outcome: officeSuggestions.outcome,
    })
    .from(officeSuggestions)
    .where(ofTenant(scope, officeSuggestions, inYear(year)))
    .orderBy(officeSuggestions.sentOn, officeSuggestions.id)
    .limit(most);
}

/** The annual report's part, in one round trip. */
export async function readSuggestionsOfYear(scope: TenantScope, year: string, most: number) {
  const [counts, items] = await scope.db.batch([
    yearCountsQuery(scope, year),
    yearItemsQuery(scope, year, most),
  ]);
  return { counts, items };
}
