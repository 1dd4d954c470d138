import {
  auditLog,
  authSessions,
  calendarDays,
  contextVersions,
  localCategories,
  petitionEvents,
  petitions,
  recusals,
  staff,
  tenantSettings,
  units,
} from "../../schema/tenant/tables.ts";
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
    scope.db.delete(auditLog).where(ofTenant(scope, auditLog)),
    // Last: the deletes above replace the stamp through their triggers.
    scope.db.delete(contextVersions).where(ofTenant(scope, contextVersions)),
  ]);
}
