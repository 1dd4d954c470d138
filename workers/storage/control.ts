import { and, count, eq, lt } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { TenantContact } from "../../schema/api/tenants.ts";
import * as control from "../../schema/control/tables.ts";
import type { Env } from "../env.ts";
import { unmetered } from "./d1-meter.ts";

const instances = new WeakMap<D1Database, DrizzleD1Database<typeof control>>();

/** The control plane: which counties exist and which shard holds each. */
export function controlDb(env: Env) {
  let db = instances.get(env.CONTROL_DB);
  if (!db) {
    db = drizzle(env.CONTROL_DB, { schema: control });
    instances.set(env.CONTROL_DB, db);
  }
  return db;
}

export type TenantRecord = control.TenantRow;

export function findTenant(env: Env, code: string): Promise<TenantRecord | undefined> {
  return controlDb(env).query.tenants.findFirst({ where: eq(control.tenants.code, code) });
}

/**
 * Active counties, remembered per isolate for a minute: every request names its county,
 * and a county never goes back from active. A profile change is seen at once in the
 * isolate that made it and within a minute elsewhere.
 */
const ACTIVE_TTL_MS = 60_000;
const active = new WeakMap<object, Map<string, { tenant: TenantRecord; until: number }>>();

export async function findActiveTenant(env: Env, code: string) {
  const key = unmetered(env.CONTROL_DB);
  let known = active.get(key);
  const hit = known?.get(code);
  if (hit && hit.until > Date.now()) return hit.tenant;
  const tenant = await findTenant(env, code);
  if (tenant?.status !== "active") return undefined;
  if (!known) {
    known = new Map();
    active.set(key, known);
  }
  known.set(code, { tenant, until: Date.now() + ACTIVE_TTL_MS });
  return tenant;
}

function forgetTenant(env: Env, code: string) {
  active.get(unmetered(env.CONTROL_DB))?.delete(code);
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
  forgetTenant(env, code);
}

export function listActiveTenants(env: Env) {
  return controlDb(env)
    .select({ code: control.tenants.code, shard: control.tenants.shard })
    .from(control.tenants)
    .where(eq(control.tenants.status, "active"))
    .orderBy(control.tenants.code);
}
