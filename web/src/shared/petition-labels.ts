import type {
  CloseMethod,
  DeadlineState,
  DeclineGround,
  EvaluationView,
  Outcome,
  PetitionStatus,
  Satisfaction,
  WrittenReply,
} from "../../../schema/api/petitions.ts";

import { STATUS_LABELS } from "../../../schema/reference/petition-statuses.ts";

export {
  petitionStatuses as STATUSES,
  STATUS_LABELS,
} from "../../../schema/reference/petition-statuses.ts";

export function statusLabel(status: string | null | undefined): string {
  if (!status) return "—";
  return STATUS_LABELS[status as PetitionStatus] ?? status;
}

export {
  CHANNEL_LABELS,
  PURPOSE_LABELS,
  SOURCE_LEVEL_LABELS,
  type SourceLevelCode,
} from "../../../schema/reference/intake.ts";

import { DEADLINE_LABELS, deadlineKeys } from "../../../schema/reference/deadlines.ts";

export { DEADLINE_LABELS };

/** The deadlines a petitioner is shown when tracking: what the office owes, and their own windows. */
export const CITIZEN_DEADLINES = [
  "accept",
  "notice",
  "receivingNotice",
  "handle",
  "reviewAnswer",
  "reReviewAnswer",
  "reviewRequest",
  "reReviewRequest",
  "evaluation",
];

export function deadlineLabel(key: string): string {
  return (DEADLINE_LABELS as Record<string, string>)[key] ?? key;
}

export function deadlineOrder(key: string): number {
  const i = (deadlineKeys as readonly string[]).indexOf(key);
  return i < 0 ? 99 : i;
}

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  overdue: "已超期",
  dueToday: "今日到期",
  near: "临近",
  ok: "正常",
};

import { ACTION_LABELS, isPetitionAction } from "../../../schema/reference/petition-actions.ts";

export {
  ACTION_LABELS,
  isPetitionAction,
  petitionActions as ACTIONS,
} from "../../../schema/reference/petition-actions.ts";

/** Timeline entries also record things that are not case actions (registration, recusal). */
const EVENT_LABELS: Record<string, string> = {
  register: "登记",
  registered: "登记",
  create: "登记",
  submit: "网上提交",
  submitOnline: "网上提交",
  evaluate: "满意度评价",
  evaluated: "满意度评价",
  recusal: "申请回避",
  recuse: "申请回避",
  supervise: "督办",
  remind: "提醒",
  correct: "更正登记信息",
  finishReview: "评查完毕",
};

export function eventLabel(action: string): string {
  return isPetitionAction(action) ? ACTION_LABELS[action] : (EVENT_LABELS[action] ?? action);
}

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  unsatisfied: "不满意",
};

export const SATISFACTIONS = Object.keys(SATISFACTION_LABELS) as Satisfaction[];

export const CLOSE_METHOD_LABELS: Record<CloseMethod, string> = {
  handled: "办结",
  lawful_termination: "依法终结",
  suspended: "程序中止",
  agreement: "协议化解",
  hearing: "听证终结",
  relief: "救助息访",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  support: "支持",
  explain: "解释说明",
  reject: "不予支持",
};

export const REPLY_STAGE_LABELS: Record<WrittenReply["stage"], string> = {
  first: "信访处理意见书",
  review: "复查意见书",
  reReview: "复核意见书",
};

export const EVALUATION_STATUS_LABELS: Record<EvaluationView["status"], string> = {
  not_open: "尚未开始",
  pending: "待评价",
  done: "已评价",
  expired: "已过评价期限",
};

export const DECLINE_GROUND_LABELS: Record<DeclineGround, string> = {
  not_ours: "不属于本机关职权范围",
  in_progress_below: "下级机关正在办理（第十九条）",
  after_re_review: "复核后不再受理（第三十六条）",
  other: "其他",
};

/** The five 不结案 conditions, as the close endpoint names them in `details.blockers`. */
export const CLOSE_BLOCKER_LABELS: Record<string, string> = {
  factsClear: "事实尚未查清",
  handled: "问题尚未处理",
  ownerSignedOff: "包案领导尚未签字",
  petitionerOpinionRecorded: "尚未记录信访人意见",
  fileComplete: "案卷材料不全",
};

export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}
