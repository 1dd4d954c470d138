import { z } from "@hono/zod-openapi";
import { Id } from "./common.ts";
import { IsoDate, PetitionSummary } from "./petitions.ts";

/** 挂牌督办 or a leader's 批示, opened before any deadline is broken, with its own due date. */
export const EarlySupervisionBody = z
  .object({
    form: z.enum(["listed", "instruction"]).openapi({ description: "挂牌督办 or 领导批示" }),
    due: IsoDate.openapi({ description: "By when the unit must have acted" }),
    note: z.string().trim().min(1).max(2_000).optional(),
  })
  .strict()
  .openapi("EarlySupervisionBody");
export type EarlySupervisionBody = z.infer<typeof EarlySupervisionBody>;

export const EarlySupervisionOpened = z
  .object({ petitionId: z.string(), due: IsoDate })
  .openapi("EarlySupervisionOpened");
export type EarlySupervisionOpened = z.infer<typeof EarlySupervisionOpened>;

export const ReviewReason = z.enum(["unsatisfied", "petitionedAgain"]);
export type ReviewReason = z.infer<typeof ReviewReason>;

export const ReviewListItem = PetitionSummary.extend({
  reviewReason: ReviewReason,
  listedAt: z.iso.datetime(),
}).openapi("ReviewListItem");
export type ReviewListItem = z.infer<typeof ReviewListItem>;

export const ReviewListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;

export const ReviewListPage = z
  .object({ items: z.array(ReviewListItem), nextCursor: z.string().nullable() })
  .openapi("ReviewListPage");
export type ReviewListPage = z.infer<typeof ReviewListPage>;

/** 评查完毕: the county office's short conclusion on a case it reviewed. */
export const FinishReviewBody = z
  .object({ conclusion: z.string().trim().min(1).max(500) })
  .strict();
export type FinishReviewBody = z.infer<typeof FinishReviewBody>;

export const ReviewFinished = z
  .object({ id: z.string(), version: z.number().int() })
  .openapi("ReviewFinished");
export type ReviewFinished = z.infer<typeof ReviewFinished>;

/** 主办/协办: the lead unit, the assisting units and their opinions. */
export const JointHandling = z
  .object({
    leadUnitId: z.string(),
    assistingUnitIds: z.array(z.string()),
    opinions: z.array(
      z.object({ unitId: z.string(), staffId: z.string(), text: z.string(), at: z.iso.datetime() }),
    ),
  })
  .openapi("JointHandling");
export type JointHandling = z.infer<typeof JointHandling>;

export const AddAssistingUnitBody = z.object({ unitId: Id }).strict();
export type AddAssistingUnitBody = z.infer<typeof AddAssistingUnitBody>;

export const AssistingOpinionBody = z
  .object({ text: z.string().trim().min(1).max(2_000) })
  .strict();
export type AssistingOpinionBody = z.infer<typeof AssistingOpinionBody>;
