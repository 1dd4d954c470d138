import { createRoute, z } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import { CategoryCatalog as Categories, CategoryEntry } from "../../../schema/api/reference.ts";
import { StaffDirectory } from "../../../schema/api/staff.ts";
import { findCategory, LOCAL_CATEGORY_CODE } from "../../../schema/reference/categories.ts";
import {
  CHANNEL_LABELS,
  CHANNELS,
  PURPOSE_LABELS,
  PURPOSES,
} from "../../../schema/reference/intake.ts";
import { Taxonomy } from "../../domain/petitions/taxonomy.ts";
import { conflict, invalid } from "../../errors.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { insertLocalCategoryStatement, listLocalCategories } from "../../storage/categories.ts";
import { listStaff } from "../../storage/staff.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { publicRateLimit } from "../middleware/rate-limit.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

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

const createLocalCategoryRoute = createRoute({
  operationId: "createLocalCategory",
  method: "post",
  path: "/t/{tenant}/categories",
  tags: ["Petitions"],
  summary: "Add a local subcategory under a national class; national codes are never renumbered",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: {
    params: TenantParam,
    body: jsonBody(
      z
        .object({
          code: z.string().regex(LOCAL_CATEGORY_CODE, "本地分类代码形如 L.land-rights"),
          name: z.string().trim().min(1).max(40),
          parentCode: z.string().regex(/^\d{2}$/, "上级应为两位数的大类代码"),
        })
        .strict()
        .openapi("CreateLocalCategoryBody"),
    ),
  },
  responses: {
    201: jsonContent(CategoryEntry, "The new category"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

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
  .openapi(listCategoriesRoute, async (c) => {
    const taxonomy = new Taxonomy(await listLocalCategories(c.get("scope")));
    return c.json(
      {
        categories: taxonomy.all(),
        purposes: PURPOSES.map((code) => ({ code, label: PURPOSE_LABELS[code] })),
        channels: CHANNELS.map((code) => ({ code, label: CHANNEL_LABELS[code] })),
      },
      200,
    );
  })
  .openapi(createLocalCategoryRoute, async (c) => {
    const scope = c.get("scope");
    const body = c.req.valid("json");
    const parent = findCategory(body.parentCode);
    if (!parent || parent.parentCode) throw invalid("parentCode", "请选择一个全国统一的大类");
    const taxonomy = new Taxonomy(await listLocalCategories(scope));
    if (taxonomy.find(body.code)) throw conflict(`分类代码 ${body.code} 已存在`);
    const now = new Date();
    await batchWithAudit(
      scope,
      [insertLocalCategoryStatement(scope, body, now)],
      {
        actorId: c.get("staff").id,
        action: "category.create",
        targetType: "category",
        targetId: body.code,
        detail: body,
      },
      now,
    );
    const created = new Taxonomy(await listLocalCategories(scope)).find(body.code);
    if (!created) throw conflict(`分类代码 ${body.code} 已存在`);
    return c.json(created, 201);
  })
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
