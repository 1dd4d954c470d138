import { ApiError } from "../../errors.ts";
import { bumpCounters, readCounter } from "../../storage/edges.ts";
import { lookupHash } from "../crypto/pii.ts";
import type { ReceptionPolicy } from "../reception/booking-policy.ts";
import type { CaseContext } from "../tenancy/county-context.ts";

/** 429 in the one envelope, with when to come back, in words a citizen reads. */
export function rateLimited(message: string, retryAfterSeconds: number) {
  return new ApiError("RATE_LIMITED", message, {
    details: { retryAfterSeconds },
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/** Seconds until the next midnight in China, when the daily counts start again. */
export function secondsToChinaMidnight(now: Date) {
  const day = 86_400_000;
  const cst = now.getTime() + 8 * 3_600_000;
  return Math.max(1, Math.ceil((day - (cst % day)) / 1000));
}

/**
 * Counts one SMS against the client address and the county for today, refusing once
 * either is over the county's limit. Addresses are kept only as keyed hashes.
 */
export async function spendSmsAllowance(
  ctx: CaseContext,
  address: string,
  policy: Pick<ReceptionPolicy, "codesPerAddressPerDay" | "codesPerCountyPerDay">,
) {
  const addressHash = await lookupHash(ctx.keys, "address", address);
  const [byAddress, byCounty] = await bumpCounters(
    ctx.scope,
    [
      { bucket: `sms:address:${addressHash}`, window: ctx.today },
      { bucket: "sms:county", window: ctx.today },
    ],
    ctx.now,
  );
  const wait = secondsToChinaMidnight(ctx.now);
  if ((byAddress?.count ?? 0) > policy.codesPerAddressPerDay) {
    throw rateLimited("本网络今日获取验证码次数已达上限，请明天再试", wait);
  }
  if ((byCounty?.count ?? 0) > policy.codesPerCountyPerDay) {
    throw rateLimited("今日短信验证码发送量已达上限，请明天再试或来电预约", wait);
  }
}

const trackBucket = (petitionId: string) => `track:${petitionId}`;

/** Whether a case's tracking page has had too many wrong phone digits today. */
export async function trackingLocked(ctx: CaseContext, petitionId: string, limit: number) {
  const row = await readCounter(ctx.scope, { bucket: trackBucket(petitionId), window: ctx.today });
  return (row?.count ?? 0) >= limit;
}

/** One more wrong guess at a case's phone digits. */
export async function countTrackingMiss(ctx: CaseContext, petitionId: string) {
  await bumpCounters(ctx.scope, [{ bucket: trackBucket(petitionId), window: ctx.today }], ctx.now);
}
