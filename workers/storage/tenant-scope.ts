import { and, eq, type SQL } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as tables from "../../schema/tenant/tables.ts";
import type { AuditChain } from "../audit/chain-object.ts";
import type { Env } from "../env.ts";
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

export function openTenantScope(env: Env, tenant: { code: string; shard: string }): TenantScope {
  const d1 = shardDatabase(env, tenant.shard);
  return {
    tenant: tenant.code,
    db: drizzle(d1, { schema: tables }),
    d1,
    audit: {
      chain: env.AUDIT_CHAIN.get(env.AUDIT_CHAIN.idFromName(tenant.code)),
      masterKey: env.DATA_MASTER_KEY,
    },
  };
}

/** `tenant_id = scope.tenant AND …conditions`. */
export function ofTenant(
  scope: TenantScope,
  table: { tenantId: SQLiteColumn },
  ...conditions: (SQL | undefined)[]
): SQL {
  // and() of at least one defined condition is never undefined.
  return and(eq(table.tenantId, scope.tenant), ...conditions) as SQL;
}
