import { z } from "@hono/zod-openapi";
import { LOCAL_CATEGORY_CODE } from "../reference/categories.ts";
import { Channel, Purpose } from "./petitions.ts";

export const CategoryEntry = z
  .object({
    code: z.string(),
    name: z.string(),
    parentCode: z.string().optional(),
    accusation: z.boolean(),
    legalRouteNote: z.string().optional(),
    local: z.boolean(),
  })
  .openapi("Category");
export type CategoryEntry = z.infer<typeof CategoryEntry>;

export const CategoryCatalog = z
  .object({
    categories: z.array(CategoryEntry),
    purposes: z.array(z.object({ code: Purpose, label: z.string() })),
    channels: z.array(z.object({ code: Channel, label: z.string() })),
  })
  .openapi("Categories");
export type CategoryCatalog = z.infer<typeof CategoryCatalog>;

export const CreateLocalCategoryBody = z
  .object({
    code: z.string().regex(LOCAL_CATEGORY_CODE, "本地分类代码形如 L.land-rights"),
    name: z.string().trim().min(1).max(40),
    parentCode: z.string().regex(/^\d{2}$/, "上级应为两位数的大类代码"),
  })
  .strict()
  .openapi("CreateLocalCategoryBody");
export type CreateLocalCategoryBody = z.infer<typeof CreateLocalCategoryBody>;
