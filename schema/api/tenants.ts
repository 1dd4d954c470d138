import { z } from "@hono/zod-openapi";
import { TenantCode, Text } from "./common.ts";
import { StaffPassword, Username } from "./staff.ts";
import { Unit } from "./units.ts";

/** A link citizens click: only http(s), never javascript: or data: that would run script. */
const WebLink = z
  .url({ protocol: /^https?$/, error: "网址须以 http:// 或 https:// 开头" })
  .max(300);

/** What the county publishes for petitioners (§18 of the 信访工作条例). */
export const TenantContact = z
  .object({
    address: Text(200).optional().openapi({ description: "来访接待地址" }),
    phone: Text(50).optional().openapi({ description: "咨询电话" }),
    email: z.email().max(200).optional(),
    website: WebLink.optional(),
    onlinePetitionUrl: WebLink.optional().openapi({ description: "网上信访渠道" }),
    receptionHours: Text(200).optional().openapi({ description: "接待时间" }),
    receptionPlace: Text(200).optional().openapi({ description: "接待地点" }),
    progressQuery: Text(300).optional().openapi({ description: "查询办理进度的方式" }),
  })
  .strict()
  .openapi("TenantContact");
export type TenantContact = z.infer<typeof TenantContact>;

export const PublicTenant = z
  .object({ code: TenantCode, name: z.string(), contact: TenantContact })
  .openapi("PublicTenant");
export type PublicTenant = z.infer<typeof PublicTenant>;

export const CreateTenantBody = z
  .object({
    code: TenantCode,
    name: Text(50).openapi({ example: "溆浦县" }),
    importDivisions: z.boolean().optional().openapi({
      description: "Import the county's townships and streets from the GB/T 2260 list",
    }),
    contact: TenantContact.optional(),
    admin: z.object({
      username: Username,
      password: StaffPassword,
      displayName: Text(50),
    }),
  })
  .openapi("CreateTenantBody");
export type CreateTenantBody = z.infer<typeof CreateTenantBody>;

export const CreatedTenant = z
  .object({
    tenant: PublicTenant.extend({ shard: z.string(), createdAt: z.iso.datetime() }),
    units: z.array(Unit),
    admin: z.object({ id: z.string(), username: z.string() }),
  })
  .openapi("CreatedTenant");
export type CreatedTenant = z.infer<typeof CreatedTenant>;

export const UpdateTenantBody = z
  .object({ name: Text(50).optional(), contact: TenantContact.optional() })
  .strict()
  .openapi("UpdateTenantBody");
export type UpdateTenantBody = z.infer<typeof UpdateTenantBody>;
