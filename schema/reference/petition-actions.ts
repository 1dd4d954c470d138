/**
 * The actions a petition can undergo (domain.md "What happens to a petition"), with the
 * Chinese name staff see on buttons, in the timeline and in error messages. The state
 * machine (workers/domain/petitions/lifecycle.ts) says when each is possible.
 */
export const petitionActions = [
  "accept",
  "decline",
  "forward",
  "assign",
  "object",
  "reply",
  "extend",
  "requestReview",
  "requestReReview",
  "recordHearing",
  "assignOwner",
  "designateHandler",
  "signOff",
  "close",
  "recordFollowUp",
  "recordNotice",
  "requestExtension",
  "refuseExtension",
  "acceptReport",
  "sendBack",
  "reportUpward",
] as const;
export type PetitionAction = (typeof petitionActions)[number];

export const ACTION_LABELS: Readonly<Record<PetitionAction, string>> =
  /* @__PURE__ */ Object.freeze({
    accept: "受理",
    decline: "不予受理",
    forward: "转送",
    assign: "交办",
    object: "提出异议",
    reply: "出具处理意见书",
    extend: "延期",
    requestReview: "登记复查申请",
    requestReReview: "登记复核申请",
    recordHearing: "记录听证",
    assignOwner: "确定包案领导",
    designateHandler: "指定承办人",
    signOff: "包案领导签字",
    close: "结案",
    recordFollowUp: "回访",
    recordNotice: "记录告知",
    requestExtension: "申请延期",
    refuseExtension: "不批准延期",
    acceptReport: "审核通过办结报告",
    sendBack: "发回重办",
    reportUpward: "向上级报送办结报告",
  });

/** The URL segment of each action: `POST /t/{tenant}/petitions/{petitionId}/<segment>`. */
export const ACTION_PATHS: Readonly<Record<PetitionAction, string>> = /* @__PURE__ */ Object.freeze(
  {
    accept: "accept",
    decline: "decline",
    forward: "forward",
    assign: "assign",
    object: "object",
    reply: "reply",
    extend: "extend",
    requestReview: "review",
    requestReReview: "re-review",
    recordHearing: "hearing",
    assignOwner: "owner",
    designateHandler: "handler",
    signOff: "sign-off",
    close: "close",
    recordFollowUp: "follow-up",
    recordNotice: "notice",
    requestExtension: "extension-request",
    refuseExtension: "extension-refusal",
    acceptReport: "report-acceptance",
    sendBack: "send-back",
    reportUpward: "upward-report",
  },
);

export function isPetitionAction(value: string): value is PetitionAction {
  return (petitionActions as readonly string[]).includes(value);
}
