/**
 * The figures a county is judged on, with the definition of each, in the words the office
 * uses. The API returns these with the figures and the console shows them as help, so the
 * definition on screen is the one the numbers were computed by. Periods are days in China
 * Standard Time; a case belongs to the unit holding it now (first-handler responsibility).
 */

export const FIGURE_KEYS = [
  "batches",
  "persons",
  "byChannel",
  "byPurpose",
  "byCategory",
  "bySubcategory",
  "byUnit",
  "byLevel",
  "timelyAcceptanceRate",
  "onTimeReplyRate",
  "evaluationRate",
  "satisfactionRateUnit",
  "satisfactionRateOffice",
  "repeatRate",
  "firstTimeResolutionRate",
  "firstPetitionClosureRate",
  "supervision",
  "leaders",
  "backlog",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface FigureDefinition {
  name: string;
  definition: string;
}

export const FIGURE_DEFINITIONS: Readonly<Record<FigureKey, FigureDefinition>> = Object.freeze({
  batches: {
    name: "批次",
    definition: "期间内收到的信访事项件数（按收到日期计）；集体访一件计一批次。",
  },
  persons: {
    name: "人次",
    definition: "期间内收到的信访事项的人数之和；个人信访计 1 人次，集体访按登记人数计。",
  },
  byChannel: {
    name: "按渠道",
    definition: "按信访渠道（来信、来访、网上、电话等）分列的批次和人次。",
  },
  byPurpose: {
    name: "按目的",
    definition: "按信访目的（建议、申诉、求决、检举控告等）分列的批次和人次。",
  },
  byCategory: { name: "按内容大类", definition: "按内容分类大类分列的批次和人次。" },
  bySubcategory: { name: "按内容小类", definition: "按内容分类小类分列的批次和人次。" },
  byUnit: {
    name: "按单位",
    definition: "按现承办单位（含其下属单位）分列的批次和人次；事项交办、转送后计入接办单位。",
  },
  byLevel: {
    name: "按层级",
    definition: "按事项来源层级分列：本县受理的计“本级”，越级走访的计“越级”。",
  },
  timelyAcceptanceRate: {
    name: "及时受理率",
    definition:
      "受理期限届满日在期间内的事项中，在期限内作出受理、不予受理、转送或交办决定的比例。分母 = 按期决定 + 逾期决定 + 已过期限仍未决定。",
  },
  onTimeReplyRate: {
    name: "按期答复率",
    definition:
      "办理期限届满日在期间内的事项中，按期出具书面答复的比例：按期 ÷（按期 + 逾期 + 已到期未答复）。",
  },
  evaluationRate: {
    name: "参评率",
    definition: "期间内出具书面答复的事项中，信访人已作出满意度评价的比例。",
  },
  satisfactionRateUnit: {
    name: "满意率（承办单位）",
    definition: "期间内作出的评价中，对承办单位评价为满意或基本满意的比例。",
  },
  satisfactionRateOffice: {
    name: "满意率（信访部门）",
    definition: "期间内作出的评价中，对信访工作机构评价为满意或基本满意的比例。",
  },
  repeatRate: {
    name: "重复信访率",
    definition: "期间内收到的事项中，登记时被识别为重复信访（同一人同一事项）的比例。",
  },
  firstTimeResolutionRate: {
    name: "一次性化解率",
    definition: "期间内办结的事项中，未经复查、复核即办结的比例。",
  },
  firstPetitionClosureRate: {
    name: "初信初访办结率",
    definition:
      "办理期限届满日在期间内的初信初访中，在期限内办结（出具书面答复）的比例：按期 ÷（按期 + 逾期 + 已到期未答复）。",
  },
  supervision: {
    name: "督办",
    definition:
      "期间内启动的督办件数（按督办方式：电话、发函、约谈、会议、挂牌、通报）和办结的督办件数。",
  },
  leaders: {
    name: "领导接访",
    definition:
      "每位领导在期间内的接访天次（已公示的接访日）、接待批次和人次（接访台办结登记的来访，按接访日计）、包案件数（按事项收到日期计）、督办件数（本人批示或挂牌督办，按启动日期计）、回访次数（对本人包案事项的回访，按回访日期计）。",
  },
  backlog: {
    name: "积案",
    definition:
      "当前（不随统计期间变化）未办结、未不予受理的事项中：自收到之日起超过本县设定天数（默认 90 天）的，以及经复核后再次信访的。按现承办单位计。",
  },
});

/** The figures a drill-down can list the cases of. */
export const DRILL_FIGURES = [
  "batches",
  "repeat",
  "acceptOnTime",
  "acceptLate",
  "acceptOpen",
  "replyOnTime",
  "replyLate",
  "replyOpen",
  "evaluated",
  "unevaluated",
  "unitSatisfied",
  "unitUnsatisfied",
  "closed",
  "closedFirstTime",
  "firstPetitionOnTime",
  "firstPetitionDue",
  "backlog",
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];
