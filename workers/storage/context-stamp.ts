import { contextVersions } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

/** The county context's current stamp (see `context_versions`): one primary-key read. */
export function contextStampQuery(scope: TenantScope) {
  return scope.db
    .select({ stamp: contextVersions.stamp })
    .from(contextVersions)
    .where(ofTenant(scope, contextVersions))
    .limit(1);
}

export async function readContextStamp(scope: TenantScope): Promise<string | null> {
  const [row] = await contextStampQuery(scope);
  return row?.stamp ?? null;
}
