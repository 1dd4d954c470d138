import { z } from "@hono/zod-openapi";
import {
  SUGGESTION_ANSWERS,
  SUGGESTION_KINDS,
  SUGGESTION_LIMITS,
  SUGGESTION_OUTCOMES,
} from "../reference/suggestions.ts";
import { Id } from "./common.ts";
import { IsoDate } from "./petitions.ts";

// The county office's register of its own suggestions (§41 (三)).

export const SuggestionKind = z.enum(SUGGESTION_KINDS);
export const SuggestionOutcome = z.enum(SUGGESTION_OUTCOMES);
/** An answer the unit gave: every outcome but `pending`. */
export const SuggestionAnswer = z.enum(SUGGESTION_ANSWERS);

const text = (max: number, what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 字`);

export const SuggestionParam = z.object({
  suggestionId: Id.openapi({ param: { name: "suggestionId", in: "path" } }),
});

export const CreateSuggestionBody = z
  .object({
    kind: SuggestionKind,
    unitId: Id.openapi({ description: "The unit of the county the suggestion was sent to" }),
    sentOn: IsoDate.openapi({ description: "The day it was sent (China Standard Time)" }),
    title: text(SUGGESTION_LIMITS.title, "标题"),
    content: text(SUGGESTION_LIMITS.content, "建议内容"),
    trackingCode: z.string().trim().min(1).max(30).optional().openapi({
      description:
        "The related case's tracking code, if one prompted it; a case you may not see answers as one that does not exist",
    }),
  })
  .strict()
  .openapi("CreateSuggestionBody");
export type CreateSuggestionBody = z.infer<typeof CreateSuggestionBody>;

export const RecordSuggestionOutcomeBody = z
  .object({
    version: z.number().int().min(1).openapi({ description: "The version you read" }),
    outcome: SuggestionAnswer,
    answeredOn: IsoDate.openapi({ description: "The day the unit answered" }),
    note: text(SUGGESTION_LIMITS.note, "反馈说明").optional(),
  })
  .strict()
  .openapi("RecordSuggestionOutcomeBody");
export type RecordSuggestionOutcomeBody = z.infer<typeof RecordSuggestionOutcomeBody>;

export const Suggestion = z
  .object({
    id: z.string(),
    kind: SuggestionKind,
    unitId: z.string(),
    sentOn: IsoDate,
    title: z.string(),
    content: z.string(),
    relatedCase: z.object({ id: z.string(), trackingCode: z.string() }).nullable().openapi({
      description:
        "The case that prompted it; null when none, or when you may not see it (exactly as if none)",
    }),
    outcome: SuggestionOutcome,
    answeredOn: IsoDate.nullable(),
    outcomeNote: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .openapi("Suggestion");
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionListQuery = z.object({
  year: z.coerce
    .number({ error: "年份应为 4 位数字" })
    .int("年份应为 4 位数字")
    .min(2000, "年份应在 2000 至 2100 之间")
    .max(2100, "年份应在 2000 至 2100 之间")
    .optional()
    .openapi({ description: "Sent in this year" }),
  outcome: SuggestionOutcome.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const SuggestionList = z
  .object({ items: z.array(Suggestion), nextCursor: z.string().nullable() })
  .openapi("SuggestionList");
export type SuggestionList = z.infer<typeof SuggestionList>;

const OutcomeCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  adopted: z.number().int(),
  partlyAdopted: z.number().int(),
  notAdopted: z.number().int(),
});
export type SuggestionOutcomeCounts = z.infer<typeof OutcomeCounts>;

/** The year's register as the annual report shows it. */
export const SuggestionsOfYear = z
  .object({
    all: OutcomeCounts,
    byKind: z.object({ improvement: OutcomeCounts, policy: OutcomeCounts }),
    items: z
      .array(
        z.object({
          id: z.string(),
          kind: SuggestionKind,
          unitId: z.string(),
          sentOn: IsoDate,
          title: z.string(),
          outcome: SuggestionOutcome,
        }),
      )
      .openapi({ description: "The year's suggestions by sent date, at most 200" }),
  })
  .openapi("SuggestionsOfYear", {
    description: "The office's own suggestions sent in the year (§41 (三)) and what became of them",
  });
export type SuggestionsOfYear = z.infer<typeof SuggestionsOfYear>;
