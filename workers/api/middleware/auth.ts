import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { StaffRole } from "../../../schema/reference/roles.ts";
import { hasAnyRole } from "../../domain/auth/roles.ts";
import { tenantOfToken } from "../../domain/auth/tokens.ts";
import { sha256Hex } from "../../domain/crypto/digest.ts";
import { ApiError, notFound } from "../../errors.ts";
import { findActiveTenant } from "../../storage/control.ts";
import { markAuthenticated } from "../../storage/d1-meter.ts";
import { findSignedInStaff } from "../../storage/sessions.ts";
import { openTenantScope } from "../../storage/tenant-scope.ts";
import type { AppEnv } from "../context.ts";

export const SESSION_COOKIE = "lx_session";

const unauthenticated = () => new ApiError("UNAUTHENTICATED", "请先登录");

/**
 * Signs in a staff member from a bearer token or the session cookie. On `/t/{tenant}`
 * routes a token of another county answers 404, exactly as a record that does not exist,
 * so one county cannot even learn what another holds.
 */
export const requireStaff = createMiddleware<AppEnv>(async function requireStaff(c, next) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthenticated();
  if (!bearer) assertSameOrigin(c.req.raw);

  const tokenTenant = tenantOfToken(token);
  if (!tokenTenant) throw unauthenticated();
  const pathTenant = c.get("tenant");
  if (pathTenant && pathTenant.code !== tokenTenant) throw notFound();

  const tenant = pathTenant ?? (await findActiveTenant(c.env, tokenTenant));
  if (!tenant) throw unauthenticated();
  const scope = c.get("scope") ?? openTenantScope(c.env, tenant);

  const tokenHash = await sha256Hex(token);
  // One query: the session, and whether this isolate's copy of the county is current.
  const signedIn = await findSignedInStaff(scope, tokenHash, new Date());
  const member = signedIn?.staff;
  if (!member) throw unauthenticated();
  markAuthenticated(c.env);

  c.set("tenant", tenant);
  c.set("scope", scope);
  c.set("staff", member);
  c.set("sessionTokenHash", tokenHash);
  c.set("contextStamp", signedIn.contextStamp ?? null);
  await next();
});

/** Declared per route after `requireStaff`: the caller must hold one of these roles. */
export function requireRole(...allowed: StaffRole[]) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    if (!hasAnyRole(c.get("staff").roles, allowed)) {
      throw new ApiError("FORBIDDEN", "当前账号没有此项操作的权限", {
        details: { requiredRoles: allowed },
      });
    }
    await next();
  });
}

/**
 * A cookie rides along on cross-site requests; a state change authenticated by the cookie
 * alone must come from our own pages.
 */
function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const sameOrigin = origin ? origin === new URL(request.url).origin : site === "same-origin";
  if (!sameOrigin) throw new ApiError("FORBIDDEN", "跨站请求被拒绝");
}
