import { createRoute } from "@hono/zod-openapi";
import { TenantParam } from "../../../schema/api/common.ts";
import {
  CreateUnitBody,
  Unit,
  UnitList,
  UnitParam,
  UpdateUnitBody,
} from "../../../schema/api/units.ts";
import { createUnit, renameUnit } from "../../domain/tenancy/units.ts";
import { countyContext } from "../case-request.ts";
import { requireRole, requireStaff } from "../middleware/auth.ts";
import { tenantContext } from "../middleware/tenant.ts";
import { presentUnit } from "../present.ts";
import { errorResponses, jsonBody, jsonContent, newRouter, staffSecurity } from "../router.ts";

const listUnitsRoute = createRoute({
  operationId: "listUnits",
  method: "get",
  path: "/t/{tenant}/units",
  tags: ["Tenancy"],
  summary: "The county office, townships, bureaus and villages of the county",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff],
  request: { params: TenantParam },
  responses: {
    200: jsonContent(UnitList, "Every unit; build the tree from parentId"),
    ...errorResponses(401, 404),
  },
});

const createUnitRoute = createRoute({
  operationId: "createUnit",
  method: "post",
  path: "/t/{tenant}/units",
  tags: ["Tenancy"],
  summary: "Add a township, bureau or village",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam, body: jsonBody(CreateUnitBody) },
  responses: {
    201: jsonContent(Unit, "The new unit"),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const updateUnitRoute = createRoute({
  operationId: "updateUnit",
  method: "patch",
  path: "/t/{tenant}/units/{unitId}",
  tags: ["Tenancy"],
  summary: "Rename a unit or change its division code",
  security: staffSecurity,
  middleware: [tenantContext, requireStaff, requireRole("tenant_admin")],
  request: { params: TenantParam.extend(UnitParam.shape), body: jsonBody(UpdateUnitBody) },
  responses: {
    200: jsonContent(Unit, "The unit"),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const unitRoutes = newRouter()
  .openapi(listUnitsRoute, async (c) => {
    const { units } = await countyContext(c);
    return c.json({ units: units.map(presentUnit) }, 200);
  })
  .openapi(createUnitRoute, async (c) => {
    const unit = await createUnit(c.get("scope"), c.req.valid("json"), c.get("staff"));
    return c.json(presentUnit(unit), 201);
  })
  .openapi(updateUnitRoute, async (c) => {
    const { unitId } = c.req.valid("param");
    const unit = await renameUnit(c.get("scope"), unitId, c.req.valid("json"), c.get("staff"));
    return c.json(presentUnit(unit), 200);
  });
