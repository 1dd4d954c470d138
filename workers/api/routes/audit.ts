import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { verifyAuditChain } from "../../storage/audit.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const ChainVerdict = z
  .object({
    intact: z.boolean(),
    entries: z.number().int().openapi({ description: "Entries verified before any break" }),
    unsealed: z.number().int().openapi({ description: "Entries written but not yet in the chain" }),
    headHash: z.string().optional(),
    brokenAt: z.number().int().optional().openapi({ description: "The first entry that fails" }),
    problem: z.enum(["gap", "rewritten", "truncated", "unanchored"]).optional().openapi({
      description:
        "gap: an entry is missing; rewritten: altered or re-linked; truncated: the newest entries were removed; unanchored: entries beyond the anchored head",
    }),
    entryId: z.string().optional().openapi({ description: "The first bad entry, if still there" }),
    reason: z.string().optional(),
  })
  .openapi("AuditChainVerdict");

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
    200: jsonContent(ChainVerdict, "The verdict"),
    ...errorResponses(401, 403, 404),
  },
});

export const auditRoutes = newRouter().openapi(verifyAuditChainRoute, async (c) =>
  c.json(await verifyAuditChain(c.get("scope")), 200),
);
