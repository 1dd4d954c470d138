import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CHANNEL_LABELS,
  CHANNELS,
  isAccusationCategory,
  legalRouteNote,
  NATIONAL_CATEGORIES,
  PURPOSE_LABELS,
  PURPOSES,
} from "../../../schema/reference/categories.ts";
import { listStaff } from "../../storage/staff.ts";
import { requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonContent, newRouter, staffSecurity } from "../router.ts";

const Categories = z
  .object({
    categories: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        parentCode: z.string().optional(),
        accusation: z.boolean(),
        legalRouteNote: z.string().optional(),
        local: z.boolean(),
      }),
    ),
    purposes: z.array(z.object({ code: z.string(), label: z.string() })),
    channels: z.array(z.object({ code: z.string(), label: z.string() })),
  })
  .openapi("Categories");

const listCategoriesRoute = createRoute({
  operationId: "listCategories",
  method: "get",
  path: "/t/{tenant}/categories",
  tags: ["Petitions"],
  summary: "The intake taxonomy (内容分类), purposes and channels",
  middleware: [publicRateLimit, tenantContext],
  request: { params: TenantParam },
  responses: { 200: jsonContent(Categories, "The taxonomy"), ...errorResponses(404, 429) },
});

const StaffDirectory = z
  .object({
    staff: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        position: z.string().nullable(),
        badgeNumber: z.string().nullable(),
        unitId: z.string(),
        roles: z.array(z.string()),
      }),
    ),
  })
  .openapi("StaffDirectory");

const listStaffDirectoryRoute = createRoute({
  operationId: "listStaffDirectory",
  method: "get",
  path: "/t/{tenant}/staff/directory",
  tags: ["Staff"],
  summary: "Names, positions and units of active staff, for naming an owner leader or a handler",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam },
  responses: { 200: jsonContent(StaffDirectory, "Active staff"), ...errorResponses(401, 404) },
});

export const referenceRoutes = newRouter()
  .openapi(listCategoriesRoute, (c) =>
    c.json(
      {
        categories: NATIONAL_CATEGORIES.map((category) => {
          const note = legalRouteNote(category.code);
          return {
            code: category.code,
            name: category.name,
            ...(category.parentCode && { parentCode: category.parentCode }),
            accusation: isAccusationCategory(category.code),
            ...(note && { legalRouteNote: note }),
            local: false,
          };
        }),
        purposes: PURPOSES.map((code) => ({ code, label: PURPOSE_LABELS[code] })),
        channels: CHANNELS.map((code) => ({ code, label: CHANNEL_LABELS[code] })),
      },
      200,
    ),
  )
  .openapi(listStaffDirectoryRoute, async (c) => {
    const rows = await listStaff(c.get("scope"));
    return c.json(
      {
        staff: rows
          .filter((row) => !row.disabled)
          .map((row) => ({
            id: row.id,
            displayName: row.displayName,
            position: row.position,
            badgeNumber: row.badgeNumber,
            unitId: row.unitId,
            roles: row.roles,
          })),
      },
      200,
    );
  });
