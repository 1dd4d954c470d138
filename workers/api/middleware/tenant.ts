import { createMiddleware } from "hono/factory";
import { notFound } from "../../errors.ts";
import { findActiveTenant } from "../../storage/control.ts";
import { openTenantScope } from "../../storage/tenant-scope.ts";
import type { AppEnv } from "../context.ts";

/**
 * Resolves `/t/{tenant}` to an active county and its data scope. An unknown, malformed or
 * still-provisioning code is simply not found.
 */
export const tenantContext = createMiddleware<AppEnv>(async function tenantContext(c, next) {
  const code = c.req.param("tenant") ?? "";
  const tenant = /^\d{6}$/.test(code) ? await findActiveTenant(c.env, code) : undefined;
  if (!tenant) throw notFound("该县");
  c.set("tenant", tenant);
  c.set("scope", openTenantScope(c.env, tenant));
  await next();
});
