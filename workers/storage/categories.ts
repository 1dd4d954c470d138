import { localCategories } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export async function listLocalCategories(scope: TenantScope) {
  const rows = await scope.db
    .select({
      code: localCategories.code,
      name: localCategories.name,
      parentCode: localCategories.parentCode,
    })
    .from(localCategories)
    .where(ofTenant(scope, localCategories))
    .orderBy(localCategories.code);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    ...(row.parentCode && { parentCode: row.parentCode }),
  }));
}

export function insertLocalCategoryStatement(
  scope: TenantScope,
  category: { code: string; name: string; parentCode: string },
  now: Date,
) {
  return scope.db
    .insert(localCategories)
    .values({ ...category, tenantId: scope.tenant, createdAt: now });
}
