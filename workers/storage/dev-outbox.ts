import { desc } from "drizzle-orm";
import { devOutbox } from "../../schema/tenant/tables.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

// What development sends by SMS or email lands here instead, for the outbox page.

export async function writeDevOutbox(
  scope: TenantScope,
  entry: { id: string; channel: "sms" | "email"; recipient: string; subject: string; body: string },
  now: Date,
) {
  await scope.db
    .insert(devOutbox)
    .values({ ...entry, tenantId: scope.tenant, createdAt: now })
    .onConflictDoNothing()
    .run();
}

export function listDevOutbox(scope: TenantScope, limit: number) {
  return scope.db
    .select()
    .from(devOutbox)
    .where(ofTenant(scope, devOutbox))
    .orderBy(desc(devOutbox.createdAt))
    .limit(limit);
}
