import { and, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { type PetitionRow, petitions } from "../../schema/tenant/tables.ts";
import { updatePetitionStatement } from "./petitions.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { type Viewer, visibleCases } from "./visibility.ts";

/**
 * Puts a case on the review list (逐案评查) once: the first reason it landed there stays.
 * Not an action on the case: its version does not move.
 */
export function listForReviewStatement(
  scope: TenantScope,
  petitionId: string,
  reason: "unsatisfied" | "petitionedAgain",
  now: Date,
) {
  return scope.db
    .update(petitions)
    .set({ reviewListedAt: now, reviewReason: reason })
    .where(
      ofTenant(scope, petitions, eq(petitions.id, petitionId), isNull(petitions.reviewListedAt)),
    );
}

/**
 * Takes a reviewed case off the list (评查完毕), as an action on the case: its version moves
 * with the timeline entry that records the conclusion. Petitioned again later, it returns.
 */
export function finishReviewStatement(scope: TenantScope, row: PetitionRow, now: Date) {
  return updatePetitionStatement(scope, row.id, row.version, {
    reviewListedAt: null,
    reviewReason: null,
    updatedAt: now,
  });
}

/** The review list as this viewer may see it, newest first, a page after `after`. */
export function listReviewList(
  scope: TenantScope,
  viewer: Viewer,
  page: { after?: { at: number; id: string } | undefined; limit: number },
) {
  const after = page.after;
  return scope.db
    .select()
    .from(petitions)
    .where(
      ofTenant(
        scope,
        petitions,
        isNotNull(petitions.reviewListedAt),
        visibleCases(viewer),
        after
          ? or(
              lt(petitions.reviewListedAt, new Date(after.at)),
              and(eq(petitions.reviewListedAt, new Date(after.at)), lt(petitions.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(petitions.reviewListedAt), desc(petitions.id))
    .limit(page.limit);
}
