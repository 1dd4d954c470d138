/** Where a petition stands in its life (workers/domain/petitions/lifecycle.ts), with its Chinese name. */
export const petitionStatuses = [
  "registered",
  "accepted",
  "declined",
  "forwarded",
  "assigned",
  "objected",
  "replied",
  "under_review",
  "reviewed",
  "under_re_review",
  "re_reviewed",
  "closed",
] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];

export const STATUS_LABELS: Readonly<Record<PetitionStatus, string>> =
  /* @__PURE__ */ Object.freeze({
    registered: "已登记",
    accepted: "已受理",
    declined: "不予受理",
    forwarded: "已转送",
    assigned: "已交办",
    objected: "有异议",
    replied: "已答复",
    under_review: "复查中",
    reviewed: "已复查",
    under_re_review: "复核中",
    re_reviewed: "已复核",
    closed: "已办结",
  });
