import { z } from "@hono/zod-openapi";
import { Id } from "./common.ts";
import { Channel, IsoDate, PetitionStatus, PetitionSummary, Purpose } from "./petitions.ts";

export const WORK_LISTS = [
  "mine",
  "toSign",
  "toReview",
  "unitOverdue",
  "dueSoon",
  "dueThisWeek",
] as const;
export type WorkList = (typeof WORK_LISTS)[number];

/** The filters beside the search box, and the daily work lists: also what an export takes. */
export const SearchFilters = z.object({
  list: z.enum(WORK_LISTS).optional().openapi({
    description:
      "常用工作清单：mine 我包案的, toSign 待我签字, toReview 待我审核（办结报告，县信访局）, unitOverdue 本单位超期, dueSoon 即将到期（3 日内）, dueThisWeek 本周到期（从现在起 7 日内，期限近在前）",
  }),
  status: PetitionStatus.optional(),
  channel: Channel.optional(),
  purpose: Purpose.optional(),
  categoryCode: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: "类别：大类（两位代码）含其下小类，或一个小类" }),
  unitId: Id.optional().openapi({ description: "承办单位" }),
  registeredFrom: IsoDate.optional().openapi({ description: "登记日期起（含）" }),
  registeredTo: IsoDate.optional().openapi({ description: "登记日期止（含）" }),
  overdue: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "只看超期的（按期限排序）" }),
  ownerLeaderId: Id.optional().openapi({ description: "包案领导" }),
  repeat: z.enum(["first", "repeat"]).optional().openapi({ description: "初信初访或重复信访" }),
  fromAbove: z.enum(["true", "false"]).optional().openapi({ description: "上级交办、转送的" }),
  sort: z.enum(["newest", "oldest", "deadline"]).optional().openapi({
    description:
      "newest 登记时间新在前（默认）；oldest 旧在前；deadline 期限近在前（办理中的）。按词查找时总是新在前",
  }),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchQuery = SearchFilters.extend({
  q: z.string().trim().max(100).optional().openapi({
    description: "查询码、信访人姓名（完整）、手机号、身份证号，或事项内容中的词（至少两个汉字）",
  }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const MATCHED_BY = ["trackingCode", "name", "phone", "idNumber", "text", "filter"] as const;

export const SearchHit = PetitionSummary.extend({
  matchedBy: z.enum(MATCHED_BY).openapi({ description: "命中方式" }),
}).openapi("SearchHit");
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z
  .object({ items: z.array(SearchHit), nextCursor: z.string().nullable() })
  .openapi("SearchPage");
export type SearchPage = z.infer<typeof SearchPage>;

export const ReindexRequest = z.object({}).strict().openapi("ReindexRequest");

export const ReindexJob = z
  .object({
    id: z.string(),
    kind: z.enum(["unit", "all"]),
    requestedAt: z.string().datetime(),
  })
  .openapi("ReindexJob");
export type ReindexJob = z.infer<typeof ReindexJob>;
