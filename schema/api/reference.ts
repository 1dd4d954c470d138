import { z } from "@hono/zod-openapi";
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
