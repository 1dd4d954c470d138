import { DEFAULT_OVERSIGHT_SETTINGS, OversightSettings } from "../../../schema/api/oversight.ts";
import { tenantSettings } from "../../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "../tenant-scope.ts";

/** Settings stored under an older shape fall back to the defaults, field by field. */
export function resolveOversightSettings(stored: unknown): OversightSettings {
  const merged = {
    ...DEFAULT_OVERSIGHT_SETTINGS,
    ...(typeof stored === "object" && stored !== null ? stored : {}),
  };
  const parsed = OversightSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_OVERSIGHT_SETTINGS;
}

export async function loadOversightSettings(scope: TenantScope): Promise<OversightSettings> {
  const [row] = await scope.db
    .select({ policy: tenantSettings.oversightPolicy })
    .from(tenantSettings)
    .where(ofTenant(scope, tenantSettings))
    .limit(1);
  return resolveOversightSettings(row?.policy);
}

export function saveOversightSettingsStatement(
  scope: TenantScope,
  settings: OversightSettings,
  now: Date,
) {
  return scope.db
    .insert(tenantSettings)
    .values({ tenantId: scope.tenant, oversightPolicy: settings, updatedAt: now })
    .onConflictDoUpdate({
      target: tenantSettings.tenantId,
      set: { oversightPolicy: settings, updatedAt: now },
    });
}
