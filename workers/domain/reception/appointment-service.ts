import { renderSVG } from "uqr";
import type { Appointment, AppointmentView } from "../../../schema/api/appointments.ts";
import type {
  ReceptionAppointmentRow,
  ReceptionSessionRow,
} from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { ApiError, conflict, invalid, notFound } from "../../errors.ts";
import { sessionClient } from "../../reception/client.ts";
import {
  findAppointmentByToken,
  findCaseAppointment,
  insertAppointmentStatement,
  updateAppointmentStatement,
} from "../../storage/appointments.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { withdrawUnseenStatements } from "../../storage/notify.ts";
import { findVisibleByTrackingCode, findVisiblePetition } from "../../storage/petitions.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { findStaff } from "../../storage/staff.ts";
import { sha256Hex } from "../crypto/digest.ts";
import { decryptPii, encryptPii, lookupHash, randomToken } from "../crypto/pii.ts";
import { endOfCstDay } from "../deadlines/dates.ts";
import { noticeStatements } from "../notify/notices.ts";
import { flushOutbox } from "../notify/outbox.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { checkMobile } from "../petitioner/phone.ts";
import { unsealParties } from "../petitions/view.ts";
import {
  type CaseContext,
  type StaffView,
  staffView,
  unitSubtree,
} from "../tenancy/county-context.ts";
import { refused } from "./booking-service.ts";
import { slotInstant } from "./session.ts";

/** 128 random bits: unguessable, and short enough for the link to fit an SMS. */
const TOKEN_BYTES = 16;

const tokenHash = (tenant: string, token: string) => sha256Hex(`${tenant}:appointment:${token}`);

/** Forged, expired or never issued: one plain answer, so a guess learns nothing. */
const linkInvalid = () => new ApiError("NOT_FOUND", "约访链接无效或已过期，请联系通知您的信访部门");

/** Staff who may run a session's day: its own unit (and those above) or the county office. */
export function mayRunSession(viewer: StaffView, session: ReceptionSessionRow) {
  return viewer.inCountyOffice || viewer.unitSubtree.includes(session.unitId);
}

function accusedRuns(ctx: CaseContext, subjectUnitId: string, sessionUnitId: string) {
  if (unitSubtree(ctx.units, subjectUnitId).includes(sessionUnitId)) return true;
  const office = ctx.units.find((u) => u.id === sessionUnitId)?.kind === "county";
  return !office && unitSubtree(ctx.units, sessionUnitId).includes(subjectUnitId);
}

export function staffAppointment(
  row: Omit<ReceptionAppointmentRow, "tenantId">,
  smsQueued: boolean,
): Appointment {
  return {
    id: row.id,
    sessionId: row.sessionId,
    petitionId: row.petitionId,
    slotStart: row.slotStart,
    bookingCode: row.bookingCode,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    smsQueued,
  };
}

/**
 * Invites the petitioner of a case to a time of a session (约访). The case must be one the
 * inviter may see (the visibility rule, in SQL; any other answers 404 as if it did not
 * exist). The place is a booking of the session, decided by its object like every booking,
 * so it shows in the session's bookings and checks in on the day by its code. Inviting the
 * same case to the same session again moves the booking and sends a fresh link; the old
 * link stops working.
 */
export async function inviteToAppointment(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  input: {
    sessionId: string;
    petitionId?: string | undefined;
    trackingCode?: string | undefined;
    slotStart: string;
    origin: string;
  },
): Promise<Appointment> {
  const session = await findReceptionSession(ctx.scope, input.sessionId);
  if (!session) throw notFound("该接访日");
  const petition = input.petitionId
    ? await findVisiblePetition(ctx.scope, viewer, input.petitionId)
    : await findVisibleByTrackingCode(ctx.scope, viewer, (input.trackingCode ?? "").toUpperCase());
  if (!petition) throw notFound("该案件");
  if (!mayRunSession(viewer, session)) {
    throw new ApiError("FORBIDDEN", "只能为本单位的接访日约访");
  }
  if (session.status !== "published") throw conflict("接访日发布后才能约访");
  // An accuser is never sent to the unit their accusation is about, nor one above it save
  // the county office (§30, §46): its staff would run the day and see who comes.
  if (
    petition.confidential &&
    petition.subjectUnitId &&
    accusedRuns(ctx, petition.subjectUnitId, session.unitId)
  ) {
    throw conflict("检举控告事项不能约至被反映单位的接访日，请选择其他接访日");
  }
  if (slotInstant(session.date, input.slotStart).getTime() <= ctx.now.getTime()) {
    throw invalid("slotStart", "该时段已过，请选择以后的时段");
  }
  const party = (await unsealParties(ctx, petition)).petitioner;
  const mobile = party?.phone ? checkMobile(party.phone) : undefined;
  if (!party || !mobile?.ok) {
    throw invalid("petitionId", "该案件的信访人没有登记手机号码，无法短信约访，请电话或书面联系");
  }
  const phone = mobile.value;
  const phoneHash = await lookupHash(ctx.keys, "phone", phone);
  const client = sessionClient(env, ctx.scope, session, shard);

  const earlier = await findCaseAppointment(ctx.scope, session.id, petition.id);
  const live = earlier ? await client.booking(earlier.bookingCode) : undefined;
  let bookingCode: string;
  let booked = false;
  if (earlier && live?.status === "active") {
    const moved = await client.reschedule(live.code, live.phoneHash, input.slotStart);
    if (!moved.ok) refused(moved);
    bookingCode = moved.booking.code;
  } else {
    const result = await client.book({
      slotStart: input.slotStart,
      phoneHash,
      partySealed: await encryptPii(ctx.keys, JSON.stringify({ name: party.name, phone })),
      label: party.name,
      topic: "领导约访",
      headcount: 1,
    });
    if (!result.ok) {
      if (result.reason === "ALREADY_BOOKED") {
        throw conflict("该信访人已预约本场接访，无需再约");
      }
      refused(result);
    }
    bookingCode = result.booking.code;
    booked = true;
  }

  const token = randomToken(TOKEN_BYTES);
  const row: Omit<ReceptionAppointmentRow, "tenantId"> = {
    id: earlier?.id ?? crypto.randomUUID(),
    sessionId: session.id,
    petitionId: petition.id,
    bookingCode,
    slotStart: input.slotStart,
    tokenHash: await tokenHash(ctx.scope.tenant, token),
    // The link serves until the day is over; after it there is nothing left to answer.
    expiresAt: endOfCstDay(session.date),
    status: "invited",
    noteSealed: null,
    invitedBy: viewer.staffId,
    answeredAt: null,
    createdAt: earlier?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  const link = `${input.origin}/t/${ctx.scope.tenant}/reception/appointment#${token}`;
  // Quiet hours apply: an invitation is not an answer to something the citizen just did.
  const notice = await noticeStatements(
    ctx.scope,
    ctx.keys,
    settings,
    {
      event: "reception.invited",
      key: `invited:${row.id}:${ctx.now.getTime()}`,
      params: {
        leader: session.leaderName,
        date: session.date,
        time: input.slotStart,
        venue: session.venue,
        link,
      },
      petitionId: petition.id,
      phone,
      confidential: true,
    },
    ctx.now,
  );
  const write = earlier
    ? updateAppointmentStatement(ctx.scope, row.id, row)
    : insertAppointmentStatement(ctx.scope, row);
  try {
    await batchWithAudit(
      ctx.scope,
      [write, ...notice],
      {
        actorId: viewer.staffId,
        action: earlier ? "reception.reinvite" : "reception.invite",
        targetType: "appointment",
        targetId: row.id,
        detail: { sessionId: session.id, petitionId: petition.id, slotStart: input.slotStart },
      },
      ctx.now,
    );
  } catch (error) {
    // No invitation without its record: a place booked for it is given back.
    if (booked) await client.cancelBooking(bookingCode, phoneHash);
    throw error;
  }
  await flushOutbox(env, ctx.scope, ctx.now);
  return staffAppointment(row, notice.length > 0);
}

/** The appointment a link opens, with its session and the live booking. */
async function byToken(env: Env, ctx: CaseContext, shard: string, token: string) {
  const row = await findAppointmentByToken(ctx.scope, await tokenHash(ctx.scope.tenant, token));
  if (!row || row.expiresAt.getTime() <= ctx.now.getTime()) throw linkInvalid();
  const session = await findReceptionSession(ctx.scope, row.sessionId);
  if (!session) throw linkInvalid();
  const booking = await sessionClient(env, ctx.scope, session, shard).booking(row.bookingCode);
  if (!booking) throw linkInvalid();
  return { row, session, booking };
}

async function citizenView(
  ctx: CaseContext,
  row: Omit<ReceptionAppointmentRow, "tenantId">,
  session: ReceptionSessionRow,
  bookingStatus: string,
): Promise<AppointmentView> {
  return {
    status: row.status,
    open: bookingStatus === "active" && session.status === "published",
    date: session.date,
    slotStart: row.slotStart,
    venue: session.venue,
    leaderName: session.leaderName,
    leaderPosition: session.leaderPosition,
    unitName: ctx.units.find((u) => u.id === session.unitId)?.name ?? "",
    bookingCode: row.bookingCode,
    qrSvg: renderSVG(row.bookingCode),
    note: row.noteSealed ? await decryptPii(ctx.keys, row.noteSealed) : null,
  };
}

/** What the petitioner's link shows. */
export async function openAppointment(env: Env, ctx: CaseContext, shard: string, token: string) {
  const { row, session, booking } = await byToken(env, ctx, shard, token);
  return citizenView(ctx, row, session, booking.status);
}

/**
 * The inviter hears of the answer in the inbox. The message names the case, so it goes only
 * while the visibility rule lets the inviter see that case: read through the rule now, and
 * taken back in the same batch if the case as written hides it from them.
 */
async function answeredNotice(
  ctx: CaseContext,
  row: Omit<ReceptionAppointmentRow, "tenantId">,
  session: ReceptionSessionRow,
  confirmed: boolean,
) {
  const inviter = await findStaff(ctx.scope, row.invitedBy);
  if (!inviter || inviter.disabled) return [];
  const reader = staffView(inviter, ctx.units);
  const petition = await findVisiblePetition(ctx.scope, reader, row.petitionId);
  if (!petition) return [];
  const key = `appointment-answered:${row.id}:${ctx.now.getTime()}`;
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  const notice = await noticeStatements(
    ctx.scope,
    ctx.keys,
    settings,
    {
      event: "reception.answered",
      key,
      params: {
        trackingCode: petition.trackingCode,
        date: session.date,
        time: row.slotStart,
        answer: confirmed ? "已确认参加" : "申请另约时间",
      },
      petitionId: petition.id,
      link: `/t/${ctx.scope.tenant}/console/reception/${session.id}`,
      staff: [inviter],
      confidential: true,
    },
    ctx.now,
  );
  return [
    ...notice,
    ...withdrawUnseenStatements(ctx.scope, reader, {
      petitionId: petition.id,
      notificationId: `${key}:${inviter.id}`,
      deliveryKey: `${key}:web_push:${await lookupHash(ctx.keys, "recipient", inviter.id)}`,
    }),
  ];
}

/** The petitioner confirms, or asks for another time with a short note. */
export async function answerAppointment(
  env: Env,
  ctx: CaseContext,
  shard: string,
  token: string,
  answer: { confirm: true } | { note: string },
) {
  const { row, session, booking } = await byToken(env, ctx, shard, token);
  if (booking.status !== "active" || session.status !== "published") {
    throw conflict("该约访已签到、已结束或已取消，如有疑问请联系信访部门");
  }
  const changes = {
    status: "confirm" in answer ? ("confirmed" as const) : ("reschedule_requested" as const),
    noteSealed: "note" in answer ? await encryptPii(ctx.keys, answer.note) : null,
    answeredAt: ctx.now,
    updatedAt: ctx.now,
  };
  const told = await answeredNotice(ctx, row, session, "confirm" in answer);
  await batchWithAudit(
    ctx.scope,
    [updateAppointmentStatement(ctx.scope, row.id, changes), ...told],
    {
      actorId: null,
      action:
        "confirm" in answer ? "reception.appointment.confirm" : "reception.appointment.reschedule",
      targetType: "appointment",
      targetId: row.id,
    },
    ctx.now,
  );
  if (told.length > 0) await flushOutbox(env, ctx.scope, ctx.now);
  return citizenView(ctx, { ...row, ...changes }, session, booking.status);
}
