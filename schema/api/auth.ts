import { z } from "@hono/zod-openapi";
import { TenantCode } from "./common.ts";
import { Staff, StaffPassword } from "./staff.ts";
import { Unit } from "./units.ts";

export const LoginBody = z
  .object({
    tenant: TenantCode,
    username: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .transform((value) => value.toLowerCase()),
    password: z.string().min(1).max(128),
  })
  .openapi("LoginBody");
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResult = z
  .object({ token: z.string(), expiresAt: z.iso.datetime(), staff: Staff })
  .openapi("LoginResult");
export type LoginResult = z.infer<typeof LoginResult>;

export const Me = z
  .object({
    staff: Staff,
    tenant: z.object({ code: z.string(), name: z.string() }),
    unit: Unit,
  })
  .openapi("Me");
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z
  .object({
    oldPassword: z.string().min(1, "请输入原密码").max(128),
    newPassword: StaffPassword,
  })
  .strict()
  .openapi("ChangePasswordBody");
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
