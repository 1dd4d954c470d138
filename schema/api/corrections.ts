import { z } from "@hono/zod-openapi";
import { Text } from "./common.ts";

/**
 * 更正登记信息: what a clerk may put right in a case as registered. Each field given replaces
 * the recorded one; the reason and the fields changed go on the timeline and the audit log.
 */
export const CorrectPetitionBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .openapi({ description: "The version you read; a stale one answers 409" }),
    reason: Text(500).openapi({ description: "更正原因" }),
    facts: Text(10_000).optional().openapi({ description: "事实真相" }),
    demands: Text(5_000).optional().openapi({ description: "诉求与理由" }),
    hardships: Text(5_000).optional().openapi({ description: "实际困难" }),
    history: Text(5_000).optional().openapi({ description: "信访经历" }),
    priorHandling: Text(5_000).optional().openapi({ description: "此前办理情况" }),
    categoryCode: z
      .string()
      .trim()
      .min(2)
      .max(40)
      .optional()
      .openapi({ description: "内容分类（小类）" }),
    petitionerName: Text(40).optional().openapi({ description: "信访人姓名（更正错别字等）" }),
  })
  .strict()
  .openapi("CorrectPetitionBody");
export type CorrectPetitionBody = z.infer<typeof CorrectPetitionBody>;

export const CORRECTABLE = [
  "facts",
  "demands",
  "hardships",
  "history",
  "priorHandling",
  "categoryCode",
  "petitionerName",
] as const;
