import { eq } from "drizzle-orm";
import { tenantSettings } from "../../schema/tenant/tables.ts";
import {
  type DeadlinePolicy,
  type DeadlinePolicyOverrides,
  DeadlinePolicyOverridesSchema,
  resolvePolicy,
} from "../domain/deadlines/index.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export async function loadPolicyOverrides(scope: TenantScope): Promise<DeadlinePolicyOverrides> {
  const [row] = await scope.db
    .select({ policy: tenantSettings.deadlinePolicy })
    .from(tenantSettings)
    .where(ofTenant(scope, tenantSettings))
    .limit(1);
  const parsed = DeadlinePolicyOverridesSchema.safeParse(row?.policy ?? {});
  // Settings written under an older schema fall back to the statutory defaults.
  return parsed.success ? parsed.data : {};
}

export async function loadPolicy(scope: TenantScope): Promise<DeadlinePolicy> {
  return resolvePolicy(await loadPolicyOverrides(scope));
}

export function savePolicyStatement(
  scope: TenantScope,
  overrides: DeadlinePolicyOverrides,
  now: Date,
) {
  return scope.db
    .insert(tenantSettings)
    .values({ tenantId: scope.tenant, deadlinePolicy: overrides, updatedAt: now })
    .onConflictDoUpdate({
      target: tenantSettings.tenantId,
      set: { deadlinePolicy: overrides, updatedAt: now },
      setWhere: eq(tenantSettings.tenantId, scope.tenant),
    });
}
