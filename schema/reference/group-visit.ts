/**
 * 集体访 (§20): how many representatives a group visit may choose, and at what headcount the
 * county office is alerted. The numbers are county settings (the deadline policy); this is the
 * one reading of them, used by the intake check on the server and by the intake form.
 */
export interface GroupVisitRules {
  /** The most representatives any group may choose (default 5, §20). */
  representativesMax: number;
  /** A smaller limit for small groups (Zhejiang: 3 when 10 people or fewer); null when none. */
  smallGroup: { upTo: number; representativesMax: number } | null;
  /** A visit of this many people or more alerts the county office. */
  alertAt: number;
}

/** How many representatives a visit of `headcount` people may choose. */
export function representativesAllowed(rules: GroupVisitRules, headcount: number): number {
  const small = rules.smallGroup;
  return small && headcount <= small.upTo
    ? Math.min(small.representativesMax, rules.representativesMax)
    : rules.representativesMax;
}
