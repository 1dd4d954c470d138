import type { StaffRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { listStaff } from "../../storage/staff.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { type CaseContext, loadCaseContext } from "../tenancy/county-context.ts";
import { type LoadedSettings, loadNotificationSettings } from "./settings-store.ts";

/** The county as the scan's messages need it: rules, staff and notification settings. */
export interface ScanPeople {
  ctx: CaseContext;
  staff: StaffRow[];
  settings: LoadedSettings;
}

/** Loads the county once, and only when a run has something to tell someone. */
export function lazyPeople(env: Env, scope: TenantScope, now: Date) {
  let people: Promise<ScanPeople> | undefined;
  return () => {
    people ??= (async () => {
      const ctx = await loadCaseContext(env, scope, now);
      const [staff, settings] = await Promise.all([
        listStaff(scope),
        loadNotificationSettings(scope, ctx.keys),
      ]);
      return { ctx, staff, settings };
    })();
    return people;
  };
}
