import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CreatedTenant,
  CreateTenantBody,
  PublicTenant,
  UpdateTenantBody,
} from "../../../schema/api/tenants.ts";
import { onboardCounty } from "../../domain/tenancy/onboarding.ts";
import { notFound } from "../../errors.ts";
import { appendAudit } from "../../storage/audit.ts";
import { findActiveTenant, updateTenantProfile } from "../../storage/control.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { requirePlatformAdmin } from "../middleware/platform-admin.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { presentPublicTenant, presentUnit } from "../present.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const createTenant = createRoute({
  operationId: "createTenant",
  method: "post",
  path: "/tenants",
  tags: ["Platform"],
  summary: "Onboard a county, optionally importing its townships from GB/T 2260",
  security: [{ platformAdmin: [] }],
  middleware: [requirePlatformAdmin],
  request: { body: jsonBody(CreateTenantBody) },
  responses: {
    201: jsonContent(CreatedTenant, "The county, its units and its first administrator"),
    ...errorResponses(400, 401, 403, 409, 422),
  },
});

const getTenant = createRoute({
  operationId: "getTenant",
  method: "get",
  path: "/t/{tenant}",
  tags: ["Tenancy"],
  summary: "A county's public profile and published contact details (§18)",
  middleware: [publicRateLimit, tenantContext],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(PublicTenant, "The county"),
    ...errorResponses(404, 429),
  },
});

const updateTenant = createRoute({
  operationId: "updateTenant",
  method: "patch",
  path: "/t/{tenant}",
  tags: ["Tenancy"],
  summary: "Change the county's name or published contact details",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(UpdateTenantBody) },
  responses: {
    200: jsonContent(PublicTenant, "The updated county"),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const tenantRoutes = newRouter()
  .openapi(createTenant, async (c) => {
    const created = await onboardCounty(c.env, c.req.valid("json"));
    return c.json(
      {
        tenant: { ...created.tenant, createdAt: created.tenant.createdAt.toISOString() },
        units: created.units.map(presentUnit),
        admin: created.admin,
      },
      201,
    );
  })
  .openapi(getTenant, (c) => c.json(presentPublicTenant(c.get("tenant")), 200))
  .openapi(updateTenant, async (c) => {
    const { code } = c.get("tenant");
    const patch = c.req.valid("json");
    const now = new Date();
    await updateTenantProfile(c.env, code, patch, now);
    await appendAudit(
      c.get("scope"),
      {
        actorId: c.get("staff").id,
        action: "tenant.update",
        targetType: "tenant",
        targetId: code,
        detail: patch,
      },
      now,
    );
    const updated = await findActiveTenant(c.env, code);
    if (!updated) throw notFound("该县");
    return c.json(presentPublicTenant(updated), 200);
  });
