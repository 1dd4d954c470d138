import { authSessions, staff, units } from "../../schema/tenant/tables.ts";
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
  ]);
}
