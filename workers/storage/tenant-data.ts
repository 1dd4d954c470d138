import { is } from "drizzle-orm";
import { type SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as tables from "../../schema/tenant/tables.ts";
import { resetAuditChain } from "./audit.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

type TenantTable = SQLiteTable & { tenantId: SQLiteColumn };

/**
 * Every table of a shard that holds county rows: each has a tenant_id column. Derived from
 * the schema, so a table added later is never left out of what a county's removal covers.
 */
export const TENANT_TABLES: readonly TenantTable[] = (Object.values(tables) as unknown[])
  .filter((value): value is TenantTable => is(value, SQLiteTable) && "tenantId" in value)
  // The county context's stamp goes last: deleting the other tables replaces it by trigger.
  .sort((a, b) => Number(a === tables.contextVersions) - Number(b === tables.contextVersions));

/**
 * Removes every row of one county from its shard, in one atomic batch. Used only to undo
 * an onboarding that did not complete.
 */
export async function deleteTenantRows(scope: TenantScope) {
  const [first, ...rest] = TENANT_TABLES.map((table) =>
    scope.db.delete(table).where(ofTenant(scope, table)),
  );
  if (first) await scope.db.batch([first, ...rest]);
  // The chain's anchor goes with its rows, or the next onboarding would start mid-chain.
  await resetAuditChain(scope);
}
