import { z } from "zod";
import type { GroupVisitRules } from "../../../schema/reference/group-visit.ts";
import type { DayKind } from "./due-date.ts";

export interface DeadlineRule {
  days: number;
  kind: DayKind;
}

export interface FirstPetitionTargets {
  meet: DeadlineRule;
  feedback: DeadlineRule;
  close: DeadlineRule;
}

/**
 * Every period a case is held to. The defaults are the 《信访工作条例》 (2022); provinces
 * and counties may set their own, so each is a tenant setting.
 */
export interface DeadlinePolicy {
  /** Decide to accept and route (forward / assign) after registering (§22). */
  accept: DeadlineRule;
  /** Written notice of acceptance and route to the petitioner (§23). */
  notice: DeadlineRule;
  /** The receiving unit of a forwarded / assigned case notifies the petitioner (§23). */
  receivingNotice: DeadlineRule;
  /** The receiving unit objects that the case is not its business, with reasons (§23). */
  objection: DeadlineRule;
  /** Handling, from acceptance (§34). */
  handle: DeadlineRule;
  /** The longest extension a unit head may approve (§34). */
  extensionMax: DeadlineRule;
  /** The petitioner may ask for review within this period of the written reply (§35). */
  reviewRequest: DeadlineRule;
  /** The review is answered within this period of the request (§35). */
  reviewAnswer: DeadlineRule;
  /** The petitioner may ask for re-review within this period of the review answer (§36). */
  reReviewRequest: DeadlineRule;
  /** The re-review is answered within this period; hearing time is not counted (§36). */
  reReviewAnswer: DeadlineRule;
  /**
   * The petitioner may evaluate the handling within this period of the reply. §21 provides
   * for evaluation; the window itself is the product's default, not a statutory period.
   */
  evaluation: DeadlineRule;
  /** How far back a new petition is compared with earlier ones to flag a repeat. */
  repeatWindowDays: number;
  /** §20: how many representatives a group visit may choose (Zhejiang: 3 for 10 or fewer). */
  representativesMax: number;
  /** A smaller limit for groups of `upTo` people or fewer (Zhejiang: 3 for 10 or fewer). */
  representativesSmallGroup: { upTo: number; max: number } | null;
  /** A visit of this many people or more is a group visit: the county office is alerted. */
  groupVisitAlertAt: number;
  /** A county's internal first-petition targets such as "3-7-21"; null when not used. */
  firstPetitionTargets: FirstPetitionTargets | null;
  /** Shares of a deadline's time at which its holders are warned, ascending (70 %, 90 %). */
  nearAlerts: number[];
}

const calendarDays = (days: number): DeadlineRule => ({ days, kind: "calendar" });

/** The county "3-7-21" custom: meet in 3 days, feedback in 7, close in 21. */
export const TARGETS_3_7_21: FirstPetitionTargets = Object.freeze({
  meet: Object.freeze(calendarDays(3)),
  feedback: Object.freeze(calendarDays(7)),
  close: Object.freeze(calendarDays(21)),
});

export const DEFAULT_POLICY: DeadlinePolicy = Object.freeze({
  accept: Object.freeze(calendarDays(15)),
  notice: Object.freeze(calendarDays(15)),
  receivingNotice: Object.freeze(calendarDays(15)),
  objection: Object.freeze({ days: 5, kind: "working" as const }),
  handle: Object.freeze(calendarDays(60)),
  extensionMax: Object.freeze(calendarDays(30)),
  reviewRequest: Object.freeze(calendarDays(30)),
  reviewAnswer: Object.freeze(calendarDays(30)),
  reReviewRequest: Object.freeze(calendarDays(30)),
  reReviewAnswer: Object.freeze(calendarDays(30)),
  evaluation: Object.freeze(calendarDays(30)),
  repeatWindowDays: 365,
  representativesMax: 5,
  representativesSmallGroup: null,
  groupVisitAlertAt: 5,
  firstPetitionTargets: null,
  nearAlerts: Object.freeze([0.7, 0.9]) as unknown as number[],
});

const days = z.number().int().min(0).max(365);
const kind = z.enum(["calendar", "working"]);
/** A rule override may change the count, the kind, or both. */
const ruleOverride = z.strictObject({ days: days.optional(), kind: kind.optional() });

/**
 * An administrator's edit of the policy. Strict: an unknown or misspelt key is refused
 * rather than silently ignored, so the admin never believes a setting took effect when it
 * did not.
 */
export const DeadlinePolicyOverridesSchema = z.strictObject({
  accept: ruleOverride.optional(),
  notice: ruleOverride.optional(),
  receivingNotice: ruleOverride.optional(),
  objection: ruleOverride.optional(),
  handle: ruleOverride.optional(),
  extensionMax: ruleOverride.optional(),
  reviewRequest: ruleOverride.optional(),
  reviewAnswer: ruleOverride.optional(),
  reReviewRequest: ruleOverride.optional(),
  reReviewAnswer: ruleOverride.optional(),
  evaluation: ruleOverride.optional(),
  // Wider than a deadline: some counties look back two or three years for repeats.
  repeatWindowDays: z.number().int().min(0).max(3650).optional(),
  representativesMax: z.number().int().min(1).max(20).optional(),
  representativesSmallGroup: z
    .strictObject({
      upTo: z.number().int().min(2).max(10_000),
      max: z.number().int().min(1).max(20),
    })
    .nullable()
    .optional(),
  groupVisitAlertAt: z.number().int().min(2).max(10_000).optional(),
  firstPetitionTargets: z
    .strictObject({
      meet: ruleOverride.optional(),
      feedback: ruleOverride.optional(),
      close: ruleOverride.optional(),
    })
    .nullable()
    .optional(),
  nearAlerts: z.array(z.number().gt(0).lt(1)).max(4).optional(),
});

export type DeadlinePolicyOverrides = z.infer<typeof DeadlinePolicyOverridesSchema>;
type RuleOverride = z.infer<typeof ruleOverride>;

/**
 * 浙江省信访条例 (2016): accept within 5 working days, handle in 30, extend by up to 60;
 * representatives 3 when 10 people or fewer, else 5.
 */
export const ZHEJIANG_EXAMPLE: DeadlinePolicyOverrides = Object.freeze({
  accept: Object.freeze({ days: 5, kind: "working" as const }),
  handle: Object.freeze(calendarDays(30)),
  extensionMax: Object.freeze(calendarDays(60)),
  representativesMax: 5,
  representativesSmallGroup: Object.freeze({ upTo: 10, max: 3 }),
});

function mergeRule(base: DeadlineRule, override: RuleOverride | undefined): DeadlineRule {
  return { days: override?.days ?? base.days, kind: override?.kind ?? base.kind };
}

/**
 * The tenant's effective policy: overrides laid over the statutory defaults, rule by rule
 * and field by field. Turning on first-petition targets with only some fields fills the
 * rest from "3-7-21"; null turns them off. The overrides are parsed again (throwing a
 * ZodError) because stored settings may predate a schema change.
 */
export function resolvePolicy(overrides: DeadlinePolicyOverrides): DeadlinePolicy {
  const o = DeadlinePolicyOverridesSchema.parse(overrides);
  const d = DEFAULT_POLICY;
  const targets =
    o.firstPetitionTargets === undefined ? d.firstPetitionTargets : o.firstPetitionTargets;
  const targetBase = d.firstPetitionTargets ?? TARGETS_3_7_21;
  return {
    accept: mergeRule(d.accept, o.accept),
    notice: mergeRule(d.notice, o.notice),
    receivingNotice: mergeRule(d.receivingNotice, o.receivingNotice),
    objection: mergeRule(d.objection, o.objection),
    handle: mergeRule(d.handle, o.handle),
    extensionMax: mergeRule(d.extensionMax, o.extensionMax),
    reviewRequest: mergeRule(d.reviewRequest, o.reviewRequest),
    reviewAnswer: mergeRule(d.reviewAnswer, o.reviewAnswer),
    reReviewRequest: mergeRule(d.reReviewRequest, o.reReviewRequest),
    reReviewAnswer: mergeRule(d.reReviewAnswer, o.reReviewAnswer),
    evaluation: mergeRule(d.evaluation, o.evaluation),
    repeatWindowDays: o.repeatWindowDays ?? d.repeatWindowDays,
    representativesMax: o.representativesMax ?? d.representativesMax,
    representativesSmallGroup:
      o.representativesSmallGroup === undefined
        ? d.representativesSmallGroup
        : o.representativesSmallGroup,
    groupVisitAlertAt: o.groupVisitAlertAt ?? d.groupVisitAlertAt,
    nearAlerts: [...(o.nearAlerts ?? d.nearAlerts)].sort((a, b) => a - b),
    firstPetitionTargets:
      targets === null
        ? null
        : {
            meet: mergeRule(targetBase.meet, targets.meet),
            feedback: mergeRule(targetBase.feedback, targets.feedback),
            close: mergeRule(targetBase.close, targets.close),
          },
  };
}

/** The group-visit numbers of a policy, as the intake check and the intake form read them. */
export function groupVisitRules(policy: DeadlinePolicy): GroupVisitRules {
  const small = policy.representativesSmallGroup;
  return {
    representativesMax: policy.representativesMax,
    smallGroup: small ? { upTo: small.upTo, representativesMax: small.max } : null,
    alertAt: policy.groupVisitAlertAt,
  };
}
