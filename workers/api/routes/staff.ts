import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CreateStaffBody,
  Staff,
  StaffList,
  StaffParam,
  UpdateStaffBody,
} from "../../../schema/api/staff.ts";
import { createStaffAccount, updateStaffAccount } from "../../domain/staff/accounts.ts";
import { listStaff } from "../../storage/staff.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { presentStaff } from "../present.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const adminOnly = [tenantContext, requireStaff, requireRole("tenant_admin")];

const listStaffRoute = createRoute({
  operationId: "listStaff",
  method: "get",
  path: "/t/{tenant}/staff",
  tags: ["Staff"],
  summary: "Every staff account of the county",
  security: staffSecurity,
  middleware: adminOnly,
  request: { params: TenantParam },
  responses: {
    200: jsonContent(StaffList, "Staff accounts"),
    ...errorResponses(401, 403, 404),
  },
});

const createStaffRoute = createRoute({
  operationId: "createStaff",
  method: "post",
  path: "/t/{tenant}/staff",
  tags: ["Staff"],
  summary: "Open a staff account in a unit, with roles",
  security: staffSecurity,
  middleware: adminOnly,
  request: { params: TenantParam, body: jsonBody(CreateStaffBody) },
  responses: {
    201: jsonContent(Staff, "The new account"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const updateStaffRoute = createRoute({
  operationId: "updateStaff",
  method: "patch",
  path: "/t/{tenant}/staff/{staffId}",
  tags: ["Staff"],
  summary: "Change roles, unit or profile; disable; reset the password",
  security: staffSecurity,
  middleware: adminOnly,
  request: { params: TenantParam.extend(StaffParam.shape), body: jsonBody(UpdateStaffBody) },
  responses: {
    200: jsonContent(Staff, "The account"),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export const staffRoutes = newRouter()
  .openapi(listStaffRoute, async (c) => {
    const rows = await listStaff(c.get("scope"));
    return c.json({ staff: rows.map(presentStaff) }, 200);
  })
  .openapi(createStaffRoute, async (c) => {
    const row = await createStaffAccount(c.get("scope"), c.req.valid("json"), c.get("staff"));
    return c.json(presentStaff(row), 201);
  })
  .openapi(updateStaffRoute, async (c) => {
    const { staffId } = c.req.valid("param");
    const row = await updateStaffAccount(
      c.get("scope"),
      staffId,
      c.req.valid("json"),
      c.get("staff"),
    );
    return c.json(presentStaff(row), 200);
  });
