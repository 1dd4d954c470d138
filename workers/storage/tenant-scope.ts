import { and, eq, type SQL } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as tables from "../../schema/tenant/tables.ts";
import type { AuditChain } from "../audit/chain-object.ts";
import type { Env } from "../env.ts";
import { unmetered } from "./d1-meter.ts";
import { shardDatabase } from "./shards.ts";

/**
 * The one way to reach tenant data. Repositories take a scope, never a bare database, and
 * build every condition through `ofTenant`, so no query can forget whose rows it reads.
 */
export interface TenantScope {
  readonly tenant: string;
  readonly db: DrizzleD1Database<typeof tables>;
  /** The raw shard, for the rare statement that needs D1's own result metadata. */
  readonly d1: D1Database;
  /** The county's audit-chain object (its single writer and anchor) and key material. */
  readonly audit: {
    readonly chain: DurableObjectStub<AuditChain>;
    readonly masterKey: string;
  };
}

/** Building drizzle's schema map costs more than a D1 read: one instance per binding. */
const instances = new WeakMap<D1Database, DrizzleD1Database<typeof tables>>();

export function openTenantScope(env: Env, tenant: { code: string; shard: string }): TenantScope {
  const d1 = shardDatabase(env, tenant.shard);
  let db = instances.get(d1);
  if (!db) {
    db = drizzle(d1, { schema: tables });
    instances.set(d1, db);
  }
  // Most reads never audit: the chain's stub is made on first use, not on every request.
  let audit: TenantScope["audit"] | undefined;
  return {
    tenant: tenant.code,
    db,
    d1,
    get audit() {
      audit ??= {
        chain: env.AUDIT_CHAIN.get(env.AUDIT_CHAIN.idFromName(tenant.code)),
        masterKey: env.DATA_MASTER_KEY,
      };
      return audit;
    },
  };
}

/** The binding a scope reads, as caches key it (the same for a metered bench request). */
export const scopeBinding = (scope: TenantScope): object => unmetered(scope.d1);

/** `tenant_id = scope.tenant AND …conditions`. */
export function ofTenant(
  scope: TenantScope,
  table: { tenantId: SQLiteColumn },
  ...conditions: (SQL | undefined)[]
): SQL {
  // and() of at least one defined condition is never undefined.
  return and(eq(table.tenantId, scope.tenant), ...conditions) as SQL;
}
