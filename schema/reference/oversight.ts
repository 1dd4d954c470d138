/**
 * The county's assessment of its units (考核) and the backlog (积案): the items a unit is
 * scored on, with the words the office uses, and the defaults a county starts from. Every
 * number here is a county setting (tenant_settings.oversight_policy).
 */

/** The scorecard's items: each a rate from the figures, higher is better. */
export const ASSESSMENT_ITEMS = [
  "timelyAcceptance",
  "onTimeReply",
  "satisfaction",
  "firstTimeResolution",
  "nonRepeat",
] as const;
export type AssessmentItem = (typeof ASSESSMENT_ITEMS)[number];

export const ASSESSMENT_ITEM_LABELS: Readonly<Record<AssessmentItem, string>> = Object.freeze({
  timelyAcceptance: "及时受理率",
  onTimeReply: "按期答复率",
  satisfaction: "满意率",
  firstTimeResolution: "一次性化解率",
  nonRepeat: "非重复信访率",
});

export const ASSESSMENT_ITEM_DEFINITIONS: Readonly<Record<AssessmentItem, string>> = Object.freeze({
  timelyAcceptance: "受理期限届满日在本季度的事项中，按期作出受理、转送、交办决定的比例。",
  onTimeReply: "办理期限届满日在本季度的事项中，按期书面答复的比例。",
  satisfaction: "本季度作出的评价中，对承办单位满意或基本满意的比例。",
  firstTimeResolution: "本季度办结的事项中，未经复查、复核即办结的比例。",
  nonRepeat: "本季度收到的事项中，不属于重复信访的比例（1 − 重复信访率）。",
});

/** Points per item out of 100, as a county starts; the county changes them in its settings. */
export const DEFAULT_ASSESSMENT_WEIGHTS: Readonly<Record<AssessmentItem, number>> = Object.freeze({
  timelyAcceptance: 20,
  onTimeReply: 25,
  satisfaction: 25,
  firstTimeResolution: 15,
  nonRepeat: 15,
});

/** A case open longer than this many days is in the backlog (积案), unless the county says otherwise. */
export const DEFAULT_BACKLOG_DAYS = 90;

/** Why a case is in the backlog. */
export const BACKLOG_REASONS = ["longOpen", "afterReview"] as const;
export type BacklogReason = (typeof BACKLOG_REASONS)[number];

export const BACKLOG_REASON_LABELS: Readonly<Record<BacklogReason, string>> = Object.freeze({
  longOpen: "超期未结",
  afterReview: "复核后再次信访",
});
