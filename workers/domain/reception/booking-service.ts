import { renderSVG } from "uqr";
import type { Env } from "../../env.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import type { Booking, BookResult } from "../../reception/session-object.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import {
  countCodeAttempt,
  countPhoneBookings,
  findBookingCode,
  findBookingCopy,
  findReceptionSession,
  loadReceptionPolicyRow,
  saveBookingCodeStatement,
  spendBookingCode,
} from "../../storage/reception.ts";
import { sha256Hex } from "../auth/tokens.ts";
import { decryptPii, encryptPii, lookupHash } from "../crypto/pii.ts";
import { noticeStatements } from "../notify/notices.ts";
import { flushOutbox } from "../notify/outbox.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { checkIdNumber } from "../petitioner/id-number.ts";
import { maskName } from "../petitioner/mask.ts";
import { checkMobile, lastFour } from "../petitioner/phone.ts";
import type { CaseContext } from "../tenancy/county-context.ts";
import { bookingWindowProblem, resolveReceptionPolicy } from "./booking-policy.ts";
import { configureSession, sessionStub } from "./schedule-service.ts";
import { slotInstant } from "./session.ts";

const CODE_TTL_MS = 10 * 60_000;
const CODE_RESEND_MS = 60_000;
const CODES_PER_DAY = 10;
const CODE_ATTEMPTS = 5;

function phoneOrFail(phone: string, path = "phone") {
  const checked = checkMobile(phone);
  if (!checked.ok) throw invalid(path, checked.reason);
  return checked.value;
}

const codeHash = (tenant: string, phoneHash: string, code: string) =>
  sha256Hex(`${tenant}:${phoneHash}:${code}`);

/**
 * Sends a six-digit code to a citizen's phone, proving they hold it. At most one a minute
 * and ten a day per phone; the code is stored only as a hash and lives ten minutes.
 */
export async function requestBookingCode(env: Env, ctx: CaseContext, phoneInput: string) {
  const phone = phoneOrFail(phoneInput);
  const phoneHash = await lookupHash(ctx.keys, "phone", phone);
  const previous = await findBookingCode(ctx.scope, phoneHash);
  const sameDay = previous?.day === ctx.today;
  if (previous && ctx.now.getTime() - previous.sentAt.getTime() < CODE_RESEND_MS) {
    const wait = Math.ceil(
      (CODE_RESEND_MS - (ctx.now.getTime() - previous.sentAt.getTime())) / 1000,
    );
    throw new ApiError("RATE_LIMITED", `验证码已发送，请 ${wait} 秒后再试`, {
      details: { retryAfterSeconds: wait },
      headers: { "Retry-After": String(wait) },
    });
  }
  if (sameDay && (previous?.sentToday ?? 0) >= CODES_PER_DAY) {
    throw new ApiError("RATE_LIMITED", "今日获取验证码次数已达上限");
  }
  const code = String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 1_000_000).padStart(
    6,
    "0",
  );
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
    [
      saveBookingCodeStatement(ctx.scope, {
        phoneHash,
        codeHash: await codeHash(ctx.scope.tenant, phoneHash, code),
        expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
        sentAt: ctx.now,
        sentToday: sameDay ? (previous?.sentToday ?? 0) + 1 : 1,
        day: ctx.today,
      }),
      ...notice,
    ],
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

async function verifyCode(ctx: CaseContext, phoneHash: string, code: string) {
  const stored = await findBookingCode(ctx.scope, phoneHash);
  const wrong = () => invalid("code", "验证码不正确或已过期");
  if (!stored || stored.expiresAt < ctx.now || stored.attempts >= CODE_ATTEMPTS) throw wrong();
  if ((await codeHash(ctx.scope.tenant, phoneHash, code)) !== stored.codeHash) {
    await countCodeAttempt(ctx.scope, phoneHash);
    throw wrong();
  }
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
  return {
    session,
    policy,
    stub: sessionStub(env, ctx.scope.tenant, sessionId),
    configure: () => configureSession(env, ctx, session, shard),
  };
}

/**
 * Asks the session's object, configuring it first if it has never been set up. RPC results
 * arrive wrapped for disposal; the plain shape is what the object returned.
 */
export async function withConfigured<T extends { ok: boolean; reason?: string }>(
  call: () => Promise<unknown>,
  configure: () => Promise<void>,
): Promise<T> {
  const first = (await call()) as T;
  if (first.ok || first.reason !== "NOT_CONFIGURED") return first;
  await configure();
  return (await call()) as T;
}

function refused(result: Exclude<BookResult, { ok: true }>): never {
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
  const { stub, configure } = await bookableSession(env, ctx, shard, sessionId, slotStart);
  const result = await withConfigured<
    { ok: true; holdId: string; expiresAt: number } | Exclude<BookResult, { ok: true }>
  >(() => stub.hold(slotStart), configure);
  if (!result.ok) refused(result);
  return { holdId: result.holdId, expiresAt: new Date(result.expiresAt).toISOString() };
}

export async function bookSlot(env: Env, ctx: CaseContext, shard: string, request: BookingRequest) {
  const { session, policy, stub, configure } = await bookableSession(
    env,
    ctx,
    shard,
    request.sessionId,
    request.slotStart,
  );
  const phone = phoneOrFail(request.phone);
  const id = request.idNumber ? checkIdNumber(request.idNumber) : undefined;
  if (id && !id.ok) throw invalid("idNumber", id.reason);
  const phoneHash = await lookupHash(ctx.keys, "phone", phone);
  await verifyCode(ctx, phoneHash, request.code);
  if (
    (await countPhoneBookings(ctx.scope, phoneHash, session.date.slice(0, 7))) >=
    policy.monthlyBookingsPerPhone
  ) {
    throw conflict(`同一手机号每月最多预约 ${policy.monthlyBookingsPerPhone} 次`);
  }
  const party = { name: request.name, phone, ...(id?.ok && { idNumber: id.value }) };
  const partySealed = await encryptPii(ctx.keys, JSON.stringify(party));
  const result = await withConfigured<BookResult>(
    () =>
      stub.book({
        slotStart: request.slotStart,
        holdId: request.holdId,
        phoneHash,
        partySealed,
        label: request.name,
        topic: request.topic,
        headcount: request.headcount,
      }),
    configure,
  );
  if (!result.ok) refused(result);
  await spendBookingCode(ctx.scope, phoneHash);
  return bookingView(ctx, session, result.booking);
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
) {
  return {
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
export async function citizenBooking(env: Env, ctx: CaseContext, code: string, phoneLast4: string) {
  const copy = await findBookingCopy(ctx.scope, code.trim().toUpperCase());
  const party = copy
    ? (JSON.parse(await decryptPii(ctx.keys, copy.partySealed)) as { phone?: string })
    : undefined;
  if (!copy || !party?.phone || lastFour(party.phone) !== phoneLast4) {
    throw notFound("预约码或手机号后四位不正确，该预约");
  }
  const session = await findReceptionSession(ctx.scope, copy.sessionId);
  if (!session) throw notFound("该接访日");
  const stub = sessionStub(env, ctx.scope.tenant, session.id);
  const live = (await stub.booking(copy.code)) as Booking | undefined;
  if (!live) throw notFound("该预约");
  return { session, booking: live, stub };
}
