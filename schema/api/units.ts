import { z } from "@hono/zod-openapi";
import { unitKinds } from "../reference/unit-kinds.ts";
import { Id, Text } from "./common.ts";

export const UnitKind = z.enum(unitKinds).openapi({
  description: "county 县信访局 · township 乡镇/街道 · bureau 县直部门 · village 村/社区",
});
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: UnitKind,
    code: z.string().optional(),
    parentId: z.string().optional(),
  })
  .openapi("Unit");
export type Unit = z.infer<typeof Unit>;

const DivisionCode = z
  .string()
  .regex(/^\d{6,12}$/, "行政区划代码应为 6–12 位数字")
  .openapi({ example: "431224100" });

export const CreateUnitBody = z
  .object({
    name: Text(60),
    kind: UnitKind,
    parentId: Id.optional(),
    code: DivisionCode.optional(),
  })
  .strict()
  .openapi("CreateUnitBody");
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z
  .object({ name: Text(60).optional(), code: DivisionCode.nullable().optional() })
  .strict()
  .openapi("UpdateUnitBody");
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const UnitParam = z.object({
  unitId: Id.openapi({ param: { name: "unitId", in: "path" } }),
});

export const UnitList = z.object({ units: z.array(Unit) });
export type UnitList = z.infer<typeof UnitList>;
