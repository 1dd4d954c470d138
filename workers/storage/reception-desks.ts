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
  // Seven columns a desk: ten desks stay well under D1's 100 bound parameters.
  const insert =
    desks.length > 0
      ? [
          scope.db
            .insert(receptionDesks)
            .values(desks.map((d) => ({ ...d, tenantId: scope.tenant, sessionId }))),
        ]
      : [];
  return [clear, ...insert];
}
