import { asc, eq } from "drizzle-orm";
import { assistingUnits, caseOpinions } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";
import { caseDerivedVisible, type Viewer } from "./visibility.ts";

export function addAssistingUnitStatement(
  scope: TenantScope,
  row: { petitionId: string; unitId: string; addedBy: string; at: Date },
) {
  return scope.db
    .insert(assistingUnits)
    .values({ ...row, tenantId: scope.tenant })
    .onConflictDoNothing();
}

/** The units assisting on a case (by its primary key); the caller has seen the case. */
export async function listAssistingUnits(scope: TenantScope, petitionId: string) {
  const rows = await scope.db
    .select({ unitId: assistingUnits.unitId })
    .from(assistingUnits)
    .where(ofTenant(scope, assistingUnits, eq(assistingUnits.petitionId, petitionId)));
  return rows.map((r) => r.unitId);
}

export function insertOpinionStatement(
  scope: TenantScope,
  opinion: { petitionId: string; unitId: string; staffId: string; text: string; at: Date },
) {
  return scope.db
    .insert(caseOpinions)
    .values({ ...opinion, id: crypto.randomUUID(), tenantId: scope.tenant });
}

/** Assisting units' opinions on a case, for a viewer who may see it. */
export function listOpinions(scope: TenantScope, viewer: Viewer, petitionId: string) {
  return scope.db
    .select()
    .from(caseOpinions)
    .where(
      ofTenant(
        scope,
        caseOpinions,
        eq(caseOpinions.petitionId, petitionId),
        caseDerivedVisible(scope, viewer, caseOpinions.petitionId),
      ),
    )
    .orderBy(asc(caseOpinions.at))
    .limit(200);
}
