import { z } from "@hono/zod-openapi";
import { DRILL_FIGURES, FIGURE_KEYS } from "../reference/statistics.ts";
import { documentKinds, petitionStatuses } from "../tenant/tables.ts";
import { Id } from "./common.ts";
import { IsoDate } from "./petitions.ts";

/**
 * A period and a scope. The period is at most one of: `month` (YYYY-MM), `quarter`
 * (YYYY-Qn), `year` (YYYY), or `from` and `to` (days, China Standard Time, inclusive);
 * none means the current month.
 */
export const StatisticsQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份应为 YYYY-MM")
    .optional(),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, "季度应为 YYYY-Q1 至 YYYY-Q4")
    .optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, "年份应为 4 位数字")
    .optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  scope: z.enum(["county", "unit", "tree"]).optional().openapi({
    description:
      "county: the whole county (default) · unit: one unit · tree: a unit and all below it",
  }),
  unitId: Id.optional().openapi({ description: "The unit of a `unit` or `tree` scope" }),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

export const Rate = z
  .object({
    numerator: z.number().int(),
    denominator: z.number().int(),
    rate: z.number().nullable().openapi({ description: "numerator ÷ denominator; null when 0/0" }),
  })
  .openapi("StatisticsRate");
export type Rate = z.infer<typeof Rate>;

export const Split = z.object({
  value: z.string(),
  batches: z.number().int(),
  persons: z.number().int(),
});
export type Split = z.infer<typeof Split>;

export const BacklogCount = z
  .object({
    total: z.number().int(),
    longOpen: z.number().int().openapi({ description: "Open longer than backlogDays" }),
    afterReview: z
      .number()
      .int()
      .openapi({ description: "Open, petitioned again after re-review, not yet long open" }),
    backlogDays: z.number().int(),
  })
  .openapi("BacklogCount");
export type BacklogCount = z.infer<typeof BacklogCount>;

export const Statistics = z
  .object({
    period: z.object({ from: IsoDate, to: IsoDate }),
    scope: z.object({ kind: z.enum(["county", "unit", "tree"]), unitId: z.string() }),
    batches: z.number().int(),
    persons: z.number().int(),
    byChannel: z.array(Split),
    byPurpose: z.array(Split),
    byCategory: z.array(Split),
    bySubcategory: z.array(Split),
    byUnit: z.array(Split).openapi({
      description: "Units directly below the scope's unit, each with everything below it",
    }),
    byLevel: z.array(Split),
    timelyAcceptanceRate: Rate,
    onTimeReplyRate: Rate,
    evaluationRate: Rate,
    satisfactionRate: z.object({ unit: Rate, office: Rate }),
    repeatRate: Rate,
    firstTimeResolutionRate: Rate,
    firstPetitionClosureRate: Rate,
    supervision: z.object({
      opened: z.number().int(),
      resolved: z.number().int(),
      byForm: z.record(z.string(), z.number().int()),
    }),
    leaders: z.array(
      z.object({
        leaderId: z.string(),
        name: z.string(),
        sessions: z.number().int().openapi({ description: "接访天次" }),
        casesOwned: z.number().int().openapi({ description: "包案件数" }),
        visits: z.number().int().openapi({ description: "接待批次" }),
        visitors: z.number().int().openapi({ description: "接待人次" }),
        casesSupervised: z.number().int().openapi({ description: "督办件数（领导批示、挂牌）" }),
        followUps: z.number().int().openapi({ description: "回访次数（包案事项）" }),
      }),
    ),
    backlog: BacklogCount.openapi({ description: "积案 now (not of the period), in the scope" }),
    rebuilding: z.boolean().openapi({
      description:
        "The county's rollups are being rebuilt by the cron (rebuildStatistics, a migration): the figures are incomplete until it is done",
    }),
    definitions: z.record(
      z.enum(FIGURE_KEYS),
      z.object({ name: z.string(), definition: z.string() }),
    ),
  })
  .openapi("Statistics");
export type Statistics = z.infer<typeof Statistics>;

export const DrillFigure = z.enum(DRILL_FIGURES);

export const StatisticsCasesQuery = StatisticsQuery.extend({
  figure: DrillFigure.optional().openapi({ description: "Defaults to batches (批次)" }),
  dim: z.string().max(80).optional().openapi({
    description: "For batches: a channel, purpose, category code or unit id to narrow to",
  }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const StatisticsCase = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    status: z.enum(petitionStatuses),
    receivedOn: IsoDate,
    channel: z.string(),
    purpose: z.string(),
    categoryCode: z.string(),
    responsibleUnitId: z.string(),
    day: IsoDate.openapi({ description: "The day the case counts on for this figure" }),
  })
  .openapi("StatisticsCase");
export type StatisticsCase = z.infer<typeof StatisticsCase>;

export const StatisticsCasesPage = z.object({
  items: z.array(StatisticsCase),
  nextCursor: z.string().nullable(),
});

export const RebuildStatisticsBody = z.object({}).strict().openapi("RebuildStatisticsBody");

export const RebuildStatisticsResult = z
  .object({
    requestedAt: z.string().datetime(),
  })
  .openapi("RebuildStatisticsResult");

export const StatisticsTrendQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份应为 YYYY-MM")
    .optional()
    .openapi({ description: "The last month shown; the current month when absent" }),
  months: z.coerce
    .number()
    .int()
    .min(2)
    .max(36)
    .optional()
    .openapi({ description: "12 by default" }),
  scope: StatisticsQuery.shape.scope,
  unitId: StatisticsQuery.shape.unitId,
});

export const StatisticsTrend = z
  .object({
    items: z.array(
      z.object({
        month: z.string().openapi({ example: "2026-11" }),
        batches: z.number().int(),
        persons: z.number().int(),
      }),
    ),
  })
  .openapi("StatisticsTrend");
export type StatisticsTrend = z.infer<typeof StatisticsTrend>;

export const DocumentKind = z.enum(documentKinds).openapi({
  description: "受理告知书 · 不予受理告知书 · 交办单 · 督办函 · 信访处理意见书 · 信访事项登记表",
});

export const IssueDocumentBody = z
  .object({ kind: DocumentKind })
  .strict()
  .openapi("IssueDocumentBody");

export const IssuedDocument = z
  .object({
    kind: DocumentKind,
    year: z.number().int(),
    seq: z.number().int(),
    number: z.string().openapi({ example: "溆浦县信访局〔2026〕12号" }),
    issuedOn: IsoDate,
    countyName: z.string(),
    attachments: z
      .array(z.object({ name: z.string(), size: z.number().int() }))
      .openapi({ description: "附件: the case's files not withdrawn, oldest first" }),
  })
  .openapi("IssuedDocument");
export type IssuedDocument = z.infer<typeof IssuedDocument>;

/** The quarter and scope of a reception sheet (filed quarterly): the current quarter when none. */
export const ReceptionSheetQuery = StatisticsQuery.pick({
  quarter: true,
  scope: true,
  unitId: true,
});

export const MyReceptionDays = z
  .object({
    items: z.array(
      z.object({
        date: IsoDate,
        sessionId: z.string(),
        visits: z.number().int().openapi({ description: "接待批次" }),
        persons: z.number().int().openapi({ description: "接待人次" }),
      }),
    ),
  })
  .openapi("MyReceptionDays");
export type MyReceptionDays = z.infer<typeof MyReceptionDays>;
