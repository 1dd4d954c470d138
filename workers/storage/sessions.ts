import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { authSessions, staff } from "../../schema/tenant/tables.ts";
import { contextStampSubquery } from "./context-stamp.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export function insertSessionStatement(
  scope: TenantScope,
  session: { tokenHash: string; staffId: string; expiresAt: Date },
  now: Date,
) {
  return scope.db
    .insert(authSessions)
    .values({ ...session, tenantId: scope.tenant, createdAt: now });
}

/**
 * The staff member behind a token hash, if the session is neither expired nor revoked and
 * the account is not disabled, with the county context's stamp (see `context_versions`):
 * the one query of every authenticated request.
 */
export async function findSignedInStaff(scope: TenantScope, tokenHash: string, now: Date) {
  const [row] = await signedInQuery(scope.db).all({
    tenant: scope.tenant,
    tokenHash,
    now: now.getTime(),
  });
  return row;
}

type TenantDb = TenantScope["db"];

/**
 * Building this query's SQL through drizzle cost a quarter of a signed-in request's CPU,
 * so it is built once per database instance and bound per request. The tenant is a bound
 * parameter on every table, exactly as `ofTenant` would write it.
 */
const signedInQueries = new WeakMap<TenantDb, ReturnType<typeof prepareSignedIn>>();

function signedInQuery(db: TenantDb) {
  let query = signedInQueries.get(db);
  if (!query) {
    query = prepareSignedIn(db);
    signedInQueries.set(db, query);
  }
  return query;
}

function prepareSignedIn(db: TenantDb) {
  const tenant = sql.placeholder("tenant");
  return db
    .select({ staff, contextStamp: contextStampSubquery(db, tenant) })
    .from(authSessions)
    .innerJoin(staff, and(eq(staff.tenantId, tenant), eq(staff.id, authSessions.staffId)))
    .where(
      and(
        eq(authSessions.tenantId, tenant),
        eq(authSessions.tokenHash, sql.placeholder("tokenHash")),
        isNull(authSessions.revokedAt),
        // A placeholder skips the column's encoder: bound as epoch milliseconds, as stored.
        gt(authSessions.expiresAt, sql.placeholder("now")),
        eq(staff.disabled, false),
      ),
    )
    .limit(1)
    .prepare();
}

export function revokeSessionStatement(scope: TenantScope, tokenHash: string, now: Date) {
  return scope.db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(ofTenant(scope, authSessions, eq(authSessions.tokenHash, tokenHash)));
}

/** Signs a staff member out everywhere: after a password reset or when disabled. */
export function revokeStaffSessionsStatement(scope: TenantScope, staffId: string, now: Date) {
  return scope.db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(
      ofTenant(
        scope,
        authSessions,
        eq(authSessions.staffId, staffId),
        isNull(authSessions.revokedAt),
      ),
    );
}

/**
 * Housekeeping across a whole shard (every tenant on it): drops sessions that expired more
 * than a day ago. The one query here that is not per tenant, because it serves no tenant.
 */
export async function purgeExpiredSessions(db: D1Database, now: Date) {
  const cutoff = now.getTime() - 24 * 60 * 60_000;
  const result = await db
    .prepare("DELETE FROM auth_sessions WHERE expires_at < ?")
    .bind(cutoff)
    .run();
  return result.meta.changes;
}

/** Signs a staff member out everywhere but the session they are using now. */
export function revokeOtherSessionsStatement(
  scope: TenantScope,
  staffId: string,
  keepTokenHash: string,
  now: Date,
) {
  return scope.db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(
      ofTenant(
        scope,
        authSessions,
        eq(authSessions.staffId, staffId),
        ne(authSessions.tokenHash, keepTokenHash),
        isNull(authSessions.revokedAt),
      ),
    );
}
