import { eq, type Placeholder, sql } from "drizzle-orm";
import { contextVersions } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/** The county context's current stamp (see `context_versions`): one primary-key read. */
export async function readContextStamp(scope: TenantScope): Promise<string | null> {
  const [row] = await scope.db
    .select({ stamp: contextVersions.stamp })
    .from(contextVersions)
    .where(ofTenant(scope, contextVersions))
    .limit(1);
  return row?.stamp ?? null;
}

/** The same stamp as a column of another query, so reading it costs no round trip. */
export function contextStampSubquery(db: TenantScope["db"], tenant: Placeholder) {
  return sql<string | null>`(${db
    .select({ stamp: contextVersions.stamp })
    .from(contextVersions)
    .where(eq(contextVersions.tenantId, tenant))})`;
}
