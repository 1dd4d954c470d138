import { eq, inArray } from "drizzle-orm";
import { pushSubscriptions } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

// Staff members' Web Push subscriptions, one per browser.

export function subscriptionsOf(scope: TenantScope, staffIds: string[]) {
  return scope.db
    .select()
    .from(pushSubscriptions)
    .where(ofTenant(scope, pushSubscriptions, inArray(pushSubscriptions.staffId, staffIds)));
}

export function saveSubscriptionStatement(
  scope: TenantScope,
  sub: { staffId: string; endpoint: string; p256dh: string; auth: string },
  now: Date,
) {
  return scope.db
    .insert(pushSubscriptions)
    .values({ ...sub, id: crypto.randomUUID(), tenantId: scope.tenant, createdAt: now })
    .onConflictDoUpdate({
      target: [pushSubscriptions.tenantId, pushSubscriptions.endpoint],
      set: { staffId: sub.staffId, p256dh: sub.p256dh, auth: sub.auth },
    });
}

export async function deleteSubscription(scope: TenantScope, endpoint: string) {
  await scope.db
    .delete(pushSubscriptions)
    .where(ofTenant(scope, pushSubscriptions, eq(pushSubscriptions.endpoint, endpoint)))
    .run();
}
