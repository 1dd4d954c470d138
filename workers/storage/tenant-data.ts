import {
  auditLog,
  authSessions,
  calendarDays,
  deadlineCounts,
  localCategories,
  petitionEvents,
  petitions,
  recusals,
  staff,
  tenantSettings,
  units,
} from "../../schema/tenant/tables.ts";
import { resetAuditChain } from "./audit.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/**
 * Removes every row of one county from its shard, in one atomic batch. Used only to undo
 * an onboarding that did not complete; add each new tenant table here.
 */
export async function deleteTenantRows(scope: TenantScope) {
  await scope.db.batch([
    scope.db.delete(authSessions).where(ofTenant(scope, authSessions)),
    scope.db.delete(staff).where(ofTenant(scope, staff)),
    scope.db.delete(units).where(ofTenant(scope, units)),
    scope.db.delete(calendarDays).where(ofTenant(scope, calendarDays)),
    scope.db.delete(tenantSettings).where(ofTenant(scope, tenantSettings)),
    scope.db.delete(localCategories).where(ofTenant(scope, localCategories)),
    scope.db.delete(petitionEvents).where(ofTenant(scope, petitionEvents)),
    scope.db.delete(recusals).where(ofTenant(scope, recusals)),
    scope.db.delete(petitions).where(ofTenant(scope, petitions)),
    // After the cases: their delete triggers count down what is left here.
    scope.db.delete(deadlineCounts).where(ofTenant(scope, deadlineCounts)),
    scope.db.delete(auditLog).where(ofTenant(scope, auditLog)),
  ]);
  // The chain's anchor goes with its rows, or the next onboarding would start mid-chain.
  await resetAuditChain(scope);
}
