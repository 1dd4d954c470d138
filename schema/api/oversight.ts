import { z } from "@hono/zod-openapi";
import {
  ASSESSMENT_ITEMS,
  BACKLOG_REASONS,
  DEFAULT_ASSESSMENT_WEIGHTS,
  DEFAULT_BACKLOG_DAYS,
} from "../reference/oversight.ts";
import { petitionStatuses } from "../tenant/tables.ts";
import { Id } from "./common.ts";
import { IsoDate } from "./petitions.ts";
import { BacklogCount, Rate, Split, Statistics, StatisticsQuery } from "./statistics.ts";
import { SuggestionsOfYear } from "./suggestions.ts";

// ── the county's settings ─────────────────────────────────────────────────────

const Weight = z.number().int().min(0).max(100);

export const AssessmentWeights = z
  .object({
    timelyAcceptance: Weight,
    onTimeReply: Weight,
    satisfaction: Weight,
    firstTimeResolution: Weight,
    nonRepeat: Weight,
  })
  .strict()
  .refine((w) => Object.values(w).some((v) => v > 0), "至少一项考核指标的分值应大于 0")
  .openapi("AssessmentWeights", { description: "Points per item; a score is out of their sum" });
export type AssessmentWeights = z.infer<typeof AssessmentWeights>;

export const OversightSettings = z
  .object({
    backlogDays: z
      .number()
      .int()
      .min(30, "积案天数不能少于 30 天")
      .max(730, "积案天数不能超过 730 天")
      .openapi({ description: "A case open longer than this is in the backlog (积案)" }),
    weights: AssessmentWeights,
  })
  .strict()
  .openapi("OversightSettings");
export type OversightSettings = z.infer<typeof OversightSettings>;

export const DEFAULT_OVERSIGHT_SETTINGS: OversightSettings = {
  backlogDays: DEFAULT_BACKLOG_DAYS,
  weights: { ...DEFAULT_ASSESSMENT_WEIGHTS },
};

export const UpdateOversightSettingsBody = z
  .object({
    backlogDays: OversightSettings.shape.backlogDays.optional(),
    weights: AssessmentWeights.optional(),
  })
  .strict()
  .openapi("UpdateOversightSettingsBody");

// ── the backlog (积案) ───────────────────────────────────────────────────────────

export const BacklogQuery = z.object({
  scope: StatisticsQuery.shape.scope,
  unitId: StatisticsQuery.shape.unitId,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const BacklogCase = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    status: z.enum(petitionStatuses),
    receivedOn: IsoDate,
    categoryCode: z.string(),
    responsibleUnitId: z.string(),
    daysOpen: z.number().int().openapi({ description: "Calendar days since it was received" }),
    reasons: z.array(z.enum(BACKLOG_REASONS)),
    ownerLeader: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: "包案领导" }),
  })
  .openapi("BacklogCase");
export type BacklogCase = z.infer<typeof BacklogCase>;

export const BacklogPage = z
  .object({
    backlogDays: z.number().int(),
    items: z.array(BacklogCase),
    nextCursor: z.string().nullable(),
  })
  .openapi("BacklogPage");
export type BacklogPage = z.infer<typeof BacklogPage>;

// ── the quarterly assessment (考核) ──────────────────────────────────────────────

export const AssessmentQuery = z.object({
  quarter: StatisticsQuery.shape.quarter.openapi({
    description: "YYYY-Qn; the current quarter (to date) when absent",
  }),
  scope: StatisticsQuery.shape.scope,
  unitId: StatisticsQuery.shape.unitId,
});

export const UnitAssessment = z
  .object({
    quarter: z.string(),
    period: z.object({ from: IsoDate, to: IsoDate }),
    scope: z.object({ kind: z.enum(["county", "unit", "tree"]), unitId: z.string() }),
    weights: AssessmentWeights,
    units: z.array(
      z.object({
        unitId: Id,
        rank: z.number().int(),
        score: z
          .number()
          .nullable()
          .openapi({ description: "0–100; null when no item had anything to count" }),
        batches: z.number().int(),
        persons: z.number().int(),
        items: z.record(z.enum(ASSESSMENT_ITEMS), Rate),
      }),
    ),
  })
  .openapi("UnitAssessment");
export type UnitAssessment = z.infer<typeof UnitAssessment>;

// ── the monthly analysis (研判) ──────────────────────────────────────────────────

export const HotIssuesQuery = z.object({
  month: StatisticsQuery.shape.month.openapi({ description: "YYYY-MM; this month when absent" }),
  scope: StatisticsQuery.shape.scope,
  unitId: StatisticsQuery.shape.unitId,
});

const Comparison = z.object({
  value: z.string(),
  batches: z.number().int(),
  lastMonth: z.number().int(),
  lastYear: z.number().int(),
  rising: z.boolean().openapi({ description: "More than both last month and a year before" }),
});

export const HotIssues = z
  .object({
    month: z.string(),
    lastMonth: z.string(),
    lastYear: z.string(),
    batches: z.number().int(),
    categories: z.array(Comparison).openapi({ description: "内容大类, most first" }),
    subcategories: z.array(Comparison).openapi({ description: "内容小类, most first" }),
    places: z.array(
      z.object({
        unitId: Id,
        firstPetitions: z.number().int(),
        batches: z.number().int(),
      }),
    ),
    repeat: z
      .object({
        batches: z.number().int(),
        persons: z.number().int(),
        byCategory: z.array(Split),
      })
      .openapi({ description: "Repeat petitions, counted: never a list of people" }),
  })
  .openapi("HotIssues");
export type HotIssues = z.infer<typeof HotIssues>;

// ── the annual report outline (§41) ──────────────────────────────────────────────

export const AnnualReportQuery = z.object({
  year: StatisticsQuery.shape.year.openapi({ description: "YYYY; last year when absent" }),
});

export const AnnualReport = z
  .object({
    year: z.string(),
    statistics: Statistics,
    complainedUnits: z
      .array(Split)
      .openapi({ description: "Units petitions were about (被投诉较多的单位), most first" }),
    routed: z.object({
      accept: z.number().int(),
      forward: z.number().int(),
      assign: z.number().int(),
    }),
    suggestions: z
      .object({
        received: z.number().int(),
        answered: z.record(z.string(), z.number().int()),
      })
      .openapi({
        description: "Suggestion petitions (意见建议类信访事项) received and answered by outcome",
      }),
    officeSuggestions: SuggestionsOfYear,
    backlog: BacklogCount,
  })
  .openapi("AnnualReport");
export type AnnualReport = z.infer<typeof AnnualReport>;
