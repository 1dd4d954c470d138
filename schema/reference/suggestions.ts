/**
 * The county office's own suggestions to other organs (《信访工作条例》 §41 (三)): what kind
 * each is, and what became of it. The annual report counts them by both.
 */
export const SUGGESTION_KINDS = ["improvement", "policy"] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SUGGESTION_KIND_LABELS: Readonly<Record<SuggestionKind, string>> = Object.freeze({
  improvement: "改进工作建议",
  policy: "完善政策建议",
});

/** What the unit answered. */
export const SUGGESTION_ANSWERS = ["adopted", "partlyAdopted", "notAdopted"] as const;

/** `pending` until the unit answers. */
export const SUGGESTION_OUTCOMES = ["pending", ...SUGGESTION_ANSWERS] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];

export const SUGGESTION_OUTCOME_LABELS: Readonly<Record<SuggestionOutcome, string>> = Object.freeze(
  {
    pending: "待反馈",
    adopted: "采纳",
    partlyAdopted: "部分采纳",
    notAdopted: "未采纳",
  },
);

/** Lengths the register keeps (plain text). */
export const SUGGESTION_LIMITS = Object.freeze({ title: 100, content: 4000, note: 1000 });

/**
 * Who writes the register: the county office's staff with one of these roles (they act for
 * the office); every other member of the county office reads it.
 */
export const SUGGESTION_WRITER_ROLES = ["leader", "supervisor", "tenant_admin"] as const;
