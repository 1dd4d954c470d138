import { z } from "@hono/zod-openapi";
import { staffRoles } from "../reference/roles.ts";
import { Id, Text } from "./common.ts";

export const Role = z.enum(staffRoles).openapi({
  description:
    "tenant_admin 系统管理员 · clerk 登记员 · handler 承办人 · leader 领导干部 · supervisor 督办员 · viewer 查看",
});
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,40}$/, "用户名为 3–40 位字母、数字、点、下划线或连字符")
  .transform((value) => value.toLowerCase());
export type Username = z.infer<typeof Username>;

export const StaffPassword = z.string().min(10, "密码至少 10 位").max(128, "密码最多 128 位");
export type StaffPassword = z.infer<typeof StaffPassword>;

export const Staff = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    badgeNumber: z.string().nullable(),
    position: z.string().nullable(),
    unitId: z.string(),
    roles: z.array(Role),
    disabled: z.boolean(),
    lockedUntil: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Staff");
export type Staff = z.infer<typeof Staff>;

const Roles = z.array(Role).min(1, "至少选择一个角色").max(staffRoles.length);

export const CreateStaffBody = z
  .object({
    username: Username,
    password: StaffPassword,
    displayName: Text(50),
    unitId: Id,
    roles: Roles,
    badgeNumber: Text(30).optional(),
    position: Text(50).optional(),
  })
  .strict()
  .openapi("CreateStaffBody");
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

export const UpdateStaffBody = z
  .object({
    displayName: Text(50).optional(),
    unitId: Id.optional(),
    roles: Roles.optional(),
    badgeNumber: Text(30).nullable().optional(),
    position: Text(50).nullable().optional(),
    disabled: z.boolean().optional(),
    password: StaffPassword.optional().openapi({
      description: "Resets the password; also clears a lockout and signs the user out",
    }),
  })
  .strict()
  .openapi("UpdateStaffBody");
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const StaffParam = z.object({
  staffId: Id.openapi({ param: { name: "staffId", in: "path" } }),
});

export const StaffDirectory = z
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
export type StaffDirectory = z.infer<typeof StaffDirectory>;

export type DirectoryEntry = StaffDirectory["staff"][number];

export const StaffList = z.object({ staff: z.array(Staff) });
export type StaffList = z.infer<typeof StaffList>;
