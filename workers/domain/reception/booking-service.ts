import { renderSVG } from "uqr";
import type { GatedBooking } from "../../../schema/realtime/phone-gate.ts";
import type { Booking, BookResult } from "../../../schema/realtime/reception-session.ts";
import type { Purpose } from "../../../schema/reference/intake.ts";
import type { Env } from "../../env.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { sessionClient } from "../../reception/client.ts";
import { PhoneGateClient } from "../../reception/phone-client.ts";
import { insertBookingAboutStatement } from "../../storage/appointments.ts";
import { appendAudit, batchWithAudit } from "../../storage/audit.ts";
import { petitionerTrackingCode } from "../../storage/petitions.ts";
import {
  findBookingCopy,
  findReceptionSession,
  loadReceptionPolicyRow,
} from "../../storage/reception.ts";
import { sha256Hex } from "../crypto/digest.ts";
import { decryptPii, encryptPii, lookupHash } from "../crypto/pii.ts";
import { rateLimited, spendSmsAllowance } from "../edges/limits.ts";
import { noticeStatements } from "../notify/notices.ts";
import { flushOutbox } from "../notify/outbox.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { checkIdNumber } from "../petitioner/id-number.ts";
import { maskName } from "../petitioner/mask.ts";
import { checkMobile, lastFour } from "../petitioner/phone.ts";
import type { CaseContext } from "../tenancy/county-context.ts";
import { bookingWindowProblem, resolveReceptionPolicy } from "./booking-policy.ts";
import { slotInstant } from "./session.ts";

const CODE_TTL_MS = 10 * 60_000;
const CODE_RESEND_MS = 60_000;

function phoneOrFail(phone: string, path = "phone") {
  const checked = checkMobile(phone);
  if (!checked.ok) throw invalid(path, checked.reason);
  return checked.value;
}

const codeHash = (tenant: string, phoneHash: string, code: string) =>
  sha256Hex(`${tenant}:${phoneHash}:${code}`);

/** The single writer of one phone's code and monthly bookings. */

/**
 * Sends a six-digit code to a citizen's phone, proving they hold it. The caller has passed
 * the human check; the county's limits per address, per county and per phone a day, and
 * one a minute per phone, bound what a script can make the county pay for. The code is
 * kept only as a hash in the phone's own object and lives ten minutes.
 */
export async function requestBookingCode(
  env: Env,
  ctx: CaseContext,
  phoneInput: string,
  address: string,
) {
  const phone = phoneOrFail(phoneInput);
  const policy = resolveReceptionPolicy(await loadReceptionPolicyRow(ctx.scope));
  const phoneHash = await lookupHash(ctx.keys, "phone", phone);
  await spendSmsAllowance(ctx, address, policy);
  const code = String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 1_000_000).padStart(
    6,
    "0",
  );
  const issued = await new PhoneGateClient(env, ctx.scope.tenant, phoneHash).issue({
    codeHash: await codeHash(ctx.scope.tenant, phoneHash, code),
    ttlMs: CODE_TTL_MS,
    resendMs: CODE_RESEND_MS,
    perDay: policy.codesPerPhonePerDay,
    today: ctx.today,
  });
  if (!issued.ok) {
    throw rateLimited(
      issued.daily
        ? "该手机号今日获取验证码次数已达上限，请明天再试"
        : `验证码已发送，请 ${issued.retryAfterSeconds} 秒后再试`,
      issued.retryAfterSeconds,
    );
  }
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  const notice = await noticeStatements(
    ctx.scope,
    ctx.keys,
    settings,
    {
      event: "booking.code",
      key: `code:${phoneHash}:${ctx.now.getTime()}`,
      params: { code, minutes: CODE_TTL_MS / 60_000 },
      phone,
    },
    ctx.now,
  );
  await batchWithAudit(
    ctx.scope,
    notice,
    {
      actorId: null,
      action: "reception.code",
      targetType: "phone",
      targetId: phoneHash.slice(0, 12),
    },
    ctx.now,
  );
  await flushOutbox(env, ctx.scope, ctx.now);
  return {
    sent: true as const,
    expiresInSeconds: CODE_TTL_MS / 1000,
    resendAfterSeconds: CODE_RESEND_MS / 1000,
  };
}

export interface BookingRequest {
  sessionId: string;
  slotStart: string;
  holdId?: string | undefined;
  name: string;
  phone: string;
  code: string;
  idNumber?: string | undefined;
  topic: string;
  purpose?: Purpose | undefined;
  categoryCode?: string | undefined;
  headcount: number;
}

async function bookableSession(
  env: Env,
  ctx: CaseContext,
  shard: string,
  sessionId: string,
  slotStart: string,
) {
  const session = await findReceptionSession(ctx.scope, sessionId);
  if (session?.status !== "published") throw notFound("该接访日");
  const policy = resolveReceptionPolicy(await loadReceptionPolicyRow(ctx.scope));
  const problem = bookingWindowProblem(slotInstant(session.date, slotStart), ctx.now, policy);
  if (problem) throw invalid("slotStart", problem);
  return { session, policy, client: sessionClient(env, ctx.scope, session, shard) };
}

export function refused(result: Exclude<BookResult, { ok: true }>): never {
  switch (result.reason) {
    case "SLOT_FULL":
      throw new ApiError("SLOT_FULL", "该时段已约满", {
        details: { nearestFree: result.nearestFree },
      });
    case "ALREADY_BOOKED":
      throw conflict("该手机号已预约本场接访，如需改期请使用改约");
    case "NO_SUCH_SLOT":
      throw invalid("slotStart", "该时段不存在");
    default:
      throw conflict("该接访日暂不接受预约");
  }
}

/** Holds a place for five minutes while the form is filled. */
export async function holdSlot(
  env: Env,
  ctx: CaseContext,
  shard: string,
  sessionId: string,
  slotStart: string,
) {
  const { client } = await bookableSession(env, ctx, shard, sessionId, slotStart);
  const result = await client.hold(slotStart);
  if (!result.ok) refused(result);
  return { holdId: result.holdId, expiresAt: new Date(result.expiresAt).toISOString() };
}

export async function bookSlot(env: Env, ctx: CaseContext, shard: string, request: BookingRequest) {
  const { session, policy, client } = await bookableSession(
    env,
    ctx,
    shard,
    request.sessionId,
    request.slotStart,
  );
  const phone = phoneOrFail(request.phone);
  if (request.categoryCode && !ctx.taxonomy.find(request.categoryCode)) {
    throw invalid("categoryCode", "请从列表中选择事项类别");
  }
  const id = request.idNumber ? checkIdNumber(request.idNumber) : undefined;
  if (id && !id.ok) throw invalid("idNumber", id.reason);
  const phoneHash = await lookupHash(ctx.keys, "phone", phone);
  const party = { name: request.name, phone, ...(id?.ok && { idNumber: id.value }) };
  const partySealed = await encryptPii(ctx.keys, JSON.stringify(party));
  const gate = new PhoneGateClient(env, ctx.scope.tenant, phoneHash);
  const gated: GatedBooking = {
    tenant: ctx.scope.tenant,
    sessionId: session.id,
    month: session.date.slice(0, 7),
    monthlyCap: policy.monthlyBookingsPerPhone,
    codeHash: await codeHash(ctx.scope.tenant, phoneHash, request.code),
    booking: {
      slotStart: request.slotStart,
      holdId: request.holdId,
      phoneHash,
      partySealed,
      label: request.name,
      topic: request.topic,
      headcount: request.headcount,
    },
  };
  // The phone's gate checks the code and the monthly cap and books, as one step; a session
  // never set up is set up here, where the county's rules can be read, and asked again.
  let result = await gate.book(gated);
  if (!result.ok && result.reason === "NOT_CONFIGURED") {
    await client.configure();
    result = await gate.book(gated);
  }
  if (!result.ok) {
    if (result.reason === "WRONG_CODE") throw invalid("code", "验证码不正确或已过期");
    if (result.reason === "MONTHLY_CAP") {
      throw conflict(`同一手机号每月最多预约 ${policy.monthlyBookingsPerPhone} 次`);
    }
    refused(result);
  }
  // The booking code goes by SMS at once, with the booking in the same audited batch.
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  const notice = await noticeStatements(
    ctx.scope,
    ctx.keys,
    settings,
    {
      event: "reception.booked",
      key: `booked:${result.booking.code}`,
      params: {
        date: session.date,
        time: result.booking.slotStart,
        leader: session.leaderName,
        venue: session.venue,
        bookingCode: result.booking.code,
      },
      phone,
    },
    ctx.now,
  );
  // What it is about is kept beside the booking, for the leader to prepare.
  const about = insertBookingAboutStatement(
    ctx.scope,
    {
      bookingCode: result.booking.code,
      sessionId: session.id,
      purpose: request.purpose ?? null,
      categoryCode: request.categoryCode ?? null,
    },
    ctx.now,
  );
  await batchWithAudit(
    ctx.scope,
    [...notice, about],
    bookingAudit("reception.book", result.booking),
    ctx.now,
  );
  await flushOutbox(env, ctx.scope, ctx.now);
  return bookingView(ctx, session, result.booking);
}

const bookingAudit = (
  action: "reception.book" | "reception.cancel" | "reception.reschedule",
  booking: Booking,
) => ({
  actorId: null,
  action,
  targetType: "booking",
  targetId: booking.code,
  detail: { sessionId: booking.sessionId, slotStart: booking.slotStart },
});

/** Book, cancel and reschedule are written to the audit log like every other change. */
async function auditBooking(
  ctx: CaseContext,
  action: "reception.book" | "reception.cancel" | "reception.reschedule",
  booking: Booking,
) {
  await appendAudit(ctx.scope, bookingAudit(action, booking), ctx.now);
}

/** A cancelled booking stops counting against its phone's monthly cap. */
async function releaseBooking(env: Env, ctx: CaseContext, booking: Booking) {
  await new PhoneGateClient(env, ctx.scope.tenant, booking.phoneHash).released(booking.code);
}

export function bookingView(
  ctx: CaseContext,
  session: {
    id: string;
    date: string;
    venue: string;
    leaderName: string;
    leaderPosition: string;
    unitId: string;
  },
  booking: Booking,
  registered: { trackingCode: string; receivedOn: string } | null = null,
) {
  return {
    registered,
    bookingCode: booking.code,
    status: booking.status,
    sessionId: session.id,
    date: session.date,
    slotStart: booking.slotStart,
    venue: session.venue,
    leaderName: session.leaderName,
    leaderPosition: session.leaderPosition,
    unitName: ctx.units.find((u) => u.id === session.unitId)?.name ?? "",
    name: maskName(booking.label),
    topic: booking.topic,
    headcount: booking.headcount,
    ticketNumber: booking.ticketNumber,
    qrSvg: renderSVG(booking.code),
  };
}

/** The citizen's own booking, by its code and the last four digits of the phone. */
export async function citizenBooking(
  env: Env,
  ctx: CaseContext,
  shard: string,
  code: string,
  phoneLast4: string,
) {
  const copy = await findBookingCopy(ctx.scope, code.trim().toUpperCase());
  const party = copy
    ? (JSON.parse(await decryptPii(ctx.keys, copy.partySealed)) as { phone?: string })
    : undefined;
  if (!copy || !party?.phone || lastFour(party.phone) !== phoneLast4) {
    throw notFound("预约码或手机号后四位不正确，该预约");
  }
  const session = await findReceptionSession(ctx.scope, copy.sessionId);
  if (!session) throw notFound("该接访日");
  const client = sessionClient(env, ctx.scope, session, shard);
  const live = await client.booking(copy.code);
  if (!live) throw notFound("该预约");
  return { session, booking: live, client, petitionId: copy.petitionId };
}

/** The case registered from the visit, as its petitioner is shown it. */
export async function registeredFromVisit(ctx: CaseContext, petitionId: string | null) {
  if (!petitionId) return null;
  const row = await petitionerTrackingCode(ctx.scope, petitionId);
  return row ? { trackingCode: row.trackingCode, receivedOn: row.receivedOn } : null;
}

/** The citizen cancels their own booking, which frees its place. */
export async function cancelBooking(
  env: Env,
  ctx: CaseContext,
  shard: string,
  code: string,
  phoneLast4: string,
) {
  const { session, booking, client } = await citizenBooking(env, ctx, shard, code, phoneLast4);
  const result = await client.cancelBooking(booking.code, booking.phoneHash);
  if (!result.ok) throw conflict("该预约已签到、已取消或已结束");
  await releaseBooking(env, ctx, result.booking);
  await auditBooking(ctx, "reception.cancel", result.booking);
  return bookingView(ctx, session, result.booking);
}

/** The citizen moves their own booking to another slot of the same session. */
export async function rescheduleBooking(
  env: Env,
  ctx: CaseContext,
  shard: string,
  code: string,
  phoneLast4: string,
  slotStart: string,
) {
  const { session, booking, client } = await citizenBooking(env, ctx, shard, code, phoneLast4);
  const result = await client.reschedule(booking.code, booking.phoneHash, slotStart);
  if (!result.ok) {
    if (result.reason === "SLOT_FULL") {
      throw new ApiError("SLOT_FULL", "该时段已约满", {
        details: { nearestFree: result.nearestFree },
      });
    }
    throw conflict("无法改约到该时段");
  }
  await auditBooking(ctx, "reception.reschedule", result.booking);
  return bookingView(ctx, session, result.booking);
}
