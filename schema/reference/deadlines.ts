/**
 * Every clock a case can run, in the order they are shown: the office's deadlines, the
 * petitioner's windows, then the internal first-petition targets. Their lengths are county
 * settings (workers/domain/deadlines/policy.ts), so the names carry no numbers.
 */
export const deadlineKeys = [
  "accept",
  "notice",
  "receivingNotice",
  "objection",
  "handle",
  "reviewAnswer",
  "reReviewAnswer",
  "reviewRequest",
  "reReviewRequest",
  "evaluation",
  "targetMeet",
  "targetFeedback",
  "targetClose",
] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

/** Chinese names of the clocks, for pages and messages alike. */
export const DEADLINE_LABELS: Readonly<Record<DeadlineKey, string>> = /* @__PURE__ */ Object.freeze(
  {
    accept: "受理期限",
    notice: "告知期限",
    receivingNotice: "承办告知期限",
    // The receiving unit's window to object to a forward or an assignment (交办), not the
    // petitioner's: named so a 交办 case's row does not read as the petitioner's objection.
    objection: "承办单位异议期限",
    handle: "办理期限",
    reviewAnswer: "复查答复期限",
    reReviewAnswer: "复核答复期限",
    reviewRequest: "申请复查期限",
    reReviewRequest: "申请复核期限",
    evaluation: "评价期限",
    targetMeet: "见面目标",
    targetFeedback: "反馈目标",
    targetClose: "办结目标",
  },
);
