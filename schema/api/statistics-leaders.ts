import { z } from "@hono/zod-openapi";

export const RebuildLeaderCountsBody = z
  .object({ cursor: z.string().max(200).optional() })
  .strict()
  .openapi("RebuildLeaderCountsBody");
export type RebuildLeaderCountsBody = z.infer<typeof RebuildLeaderCountsBody>;

export const RebuildLeaderCountsResult = z
  .object({
    done: z.boolean(),
    rows: z.number().int().openapi({ description: "Visits, 回访 and 督办 re-added in this call" }),
    nextCursor: z.string().nullable().openapi({ description: "Call again with this until done" }),
  })
  .openapi("RebuildLeaderCountsResult");
export type RebuildLeaderCountsResult = z.infer<typeof RebuildLeaderCountsResult>;
