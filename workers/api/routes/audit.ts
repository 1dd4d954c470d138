import { createRoute } from "@hono/zod-openapi";
import { AuditChainVerdict } from "../../../schema/api/audit.ts";
import { TenantParam } from "../../../schema/api/common.ts";
import { verifyAuditChain } from "../../storage/audit.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const verifyAuditChainRoute = createRoute({
  operationId: "verifyAuditChain",
  method: "get",
  path: "/t/{tenant}/audit/verify",
  tags: ["Audit"],
  summary:
    "Recompute the county's keyed audit chain, hold it against its anchor, and report the first bad entry",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin", "supervisor")],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(AuditChainVerdict, "The verdict"),
    ...errorResponses(401, 403, 404),
  },
});

export const auditRoutes = newRouter().openapi(verifyAuditChainRoute, async (c) =>
  c.json(await verifyAuditChain(c.get("scope")), 200),
);
