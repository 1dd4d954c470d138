import { asc, eq } from "drizzle-orm";
import { type ReceptionDeskRow, receptionDesks } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/** The desks of a joint reception, desk 1 first; none for a session with one desk. */
export function listSessionDesks(scope: TenantScope, sessionId: string) {
  return scope.db
    .select()
    .from(receptionDesks)
    .where(ofTenant(scope, receptionDesks, eq(receptionDesks.sessionId, sessionId)))
    .orderBy(asc(receptionDesks.number));
}

/** Replaces a session's desks: the statements for one audited batch. */
export function replaceSessionDesksStatements(
  scope: TenantScope,
  sessionId: string,
  desks: Omit<ReceptionDeskRow, "tenantId" | "sessionId">[],
) {
  const clear = scope.db
    .delete(receptionDesks)
    .where(ofTenant(scope, receptionDesks, eq(receptionDesks.sessionId, sessionId)));
  return desks.length > 0 ? [clear, insertSessionDesksStatement(scope, sessionId, desks)] : [clear];
}

/** The desks of a new session. Seven columns a desk: nine desks stay under D1's 100 bound parameters. */
export function insertSessionDesksStatement(
  scope: TenantScope,
  sessionId: string,
  desks: Omit<ReceptionDeskRow, "tenantId" | "sessionId">[],
) {
  return scope.db
    .insert(receptionDesks)
    .values(desks.map((d) => ({ ...d, tenantId: scope.tenant, sessionId })));
}
