import { and, count, eq, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { TenantContact } from "../../schema/api/tenants.ts";
import * as control from "../../schema/control/tables.ts";
import type { Env } from "../env.ts";

/** The control plane: which counties exist and which shard holds each. */
export function controlDb(env: Env) {
  return drizzle(env.CONTROL_DB, { schema: control });
}

export type TenantRecord = control.TenantRow;

export function findTenant(env: Env, code: string): Promise<TenantRecord | undefined> {
  return controlDb(env).query.tenants.findFirst({ where: eq(control.tenants.code, code) });
}

export async function findActiveTenant(env: Env, code: string) {
  const tenant = await findTenant(env, code);
  return tenant?.status === "active" ? tenant : undefined;
}

export async function countTenantsPerShard(env: Env): Promise<Map<string, number>> {
  const rows = await controlDb(env)
    .select({ shard: control.tenants.shard, n: count() })
    .from(control.tenants)
    .groupBy(control.tenants.shard);
  return new Map(rows.map((r) => [r.shard, r.n]));
}

/**
 * Claims a tenant code. The primary key makes two concurrent onboardings of one county
 * collide here, before any tenant data is written. Returns false when the code is taken.
 */
export async function claimTenantCode(
  env: Env,
  tenant: { code: string; name: string; shard: string; contact: TenantContact },
  now: Date,
): Promise<boolean> {
  const result = await controlDb(env)
    .insert(control.tenants)
    .values({ ...tenant, status: "provisioning", createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .run();
  return result.meta.changes === 1;
}

export async function activateTenant(env: Env, code: string, now: Date) {
  await controlDb(env)
    .update(control.tenants)
    .set({ status: "active", updatedAt: now })
    .where(eq(control.tenants.code, code))
    .run();
}

/** Releases a claim whose provisioning failed, so onboarding can be retried. */
export async function releaseTenantClaim(env: Env, code: string) {
  await controlDb(env)
    .delete(control.tenants)
    .where(and(eq(control.tenants.code, code), eq(control.tenants.status, "provisioning")))
    .run();
}

/** A claim left behind by an onboarding that died mid-way (older than `staleBefore`). */
export async function releaseStaleClaim(env: Env, code: string, staleBefore: Date) {
  const result = await controlDb(env)
    .delete(control.tenants)
    .where(
      and(
        eq(control.tenants.code, code),
        eq(control.tenants.status, "provisioning"),
        lt(control.tenants.createdAt, staleBefore),
      ),
    )
    .run();
  return result.meta.changes === 1;
}

export async function updateTenantProfile(
  env: Env,
  code: string,
  patch: { name?: string; contact?: TenantContact },
  now: Date,
) {
  await controlDb(env)
    .update(control.tenants)
    .set({ ...patch, updatedAt: now })
    .where(eq(control.tenants.code, code))
    .run();
}

export function listActiveTenants(env: Env) {
  return controlDb(env)
    .select({ code: control.tenants.code, shard: control.tenants.shard })
    .from(control.tenants)
    .where(eq(control.tenants.status, "active"))
    .orderBy(control.tenants.code);
}
