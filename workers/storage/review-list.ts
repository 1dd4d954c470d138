import { and, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { petitions } from "../../schema/tenant/tables.ts";
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
