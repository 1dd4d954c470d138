import { z } from "zod";

/** The county's rules for booking and the day's queue; every number is a setting. */
export const ReceptionPolicySchema = z.strictObject({
  /** Active bookings one phone may hold in a calendar month, across sessions. */
  monthlyBookingsPerPhone: z.number().int().min(1).max(31).default(4),
  /** How long before a slot booking closes, in minutes. */
  minimumNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(120),
  /** How far ahead sessions can be booked, in days. */
  horizonDays: z.number().int().min(1).max(366).default(90),
  /** A walk-in is called after this many booked citizens minus one. */
  walkInEvery: z.number().int().min(1).max(20).default(3),
  /** Unanswered calls before a ticket counts as a no-show. */
  maxCalls: z.number().int().min(1).max(10).default(3),
  // ── the public edges: what one phone, one address and the county may cost a day ──
  /** SMS one-time codes one phone may receive in a day. */
  codesPerPhonePerDay: z.number().int().min(1).max(50).default(5),
  /** SMS one-time codes one client address may ask for in a day (a village hall shares one). */
  codesPerAddressPerDay: z.number().int().min(1).max(1000).default(20),
  /** SMS one-time codes the whole county sends in a day: a ceiling on the SMS bill. */
  codesPerCountyPerDay: z.number().int().min(1).max(100_000).default(1000),
  /** Wrong phone digits one case's tracking page tolerates in a day before it locks. */
  trackAttemptsPerCase: z.number().int().min(1).max(50).default(5),
  /**
   * Difficulty of the proof-of-work human check, in leading zero hex digits of a SHA-256
   * (each one multiplies the work by 16; 4 takes a phone well under a second).
   */
  proofOfWorkDifficulty: z.number().int().min(1).max(6).default(4),
});

export type ReceptionPolicy = z.infer<typeof ReceptionPolicySchema>;

export function resolveReceptionPolicy(stored: unknown): ReceptionPolicy {
  const parsed = ReceptionPolicySchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : ReceptionPolicySchema.parse({});
}

/** Why a slot cannot be booked now, or undefined when it can. */
export function bookingWindowProblem(
  slotAt: Date,
  now: Date,
  policy: Pick<ReceptionPolicy, "minimumNoticeMinutes" | "horizonDays">,
): string | undefined {
  const minutesAhead = (slotAt.getTime() - now.getTime()) / 60_000;
  if (minutesAhead < policy.minimumNoticeMinutes) {
    return `请至少提前 ${policy.minimumNoticeMinutes} 分钟预约`;
  }
  if (minutesAhead > policy.horizonDays * 24 * 60)
    return `只能预约 ${policy.horizonDays} 天内的接访`;
  return undefined;
}

/** Whether a citizen can book a slot now; the reasons the slot list shows beside the others. */
export type SlotOffer = "open" | "full" | "closed" | "not_yet_open";

/**
 * One rule for the list and for the booking itself: a slot is offered only when the booking
 * would be accepted, so nobody taps a slot that fails afterwards.
 */
export function slotOffer(
  slotAt: Date,
  now: Date,
  policy: Pick<ReceptionPolicy, "minimumNoticeMinutes" | "horizonDays">,
  free: number,
): SlotOffer {
  const minutesAhead = (slotAt.getTime() - now.getTime()) / 60_000;
  if (minutesAhead < policy.minimumNoticeMinutes) return "closed";
  if (minutesAhead > policy.horizonDays * 24 * 60) return "not_yet_open";
  return free > 0 ? "open" : "full";
}
