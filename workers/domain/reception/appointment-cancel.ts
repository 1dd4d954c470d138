import type { Appointment } from "../../../schema/api/appointments.ts";
import type { Env } from "../../env.ts";
import { ApiError, conflict, notFound } from "../../errors.ts";
import { sessionClient } from "../../reception/client.ts";
import { findSessionAppointment, updateAppointmentStatement } from "../../storage/appointments.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { findVisiblePetition } from "../../storage/petitions.ts";
import { findReceptionSession } from "../../storage/reception.ts";
import { noticeStatements } from "../notify/notices.ts";
import { flushOutbox } from "../notify/outbox.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { checkMobile } from "../petitioner/phone.ts";
import { unsealParties } from "../petitions/view.ts";
import type { CaseContext, StaffView } from "../tenancy/county-context.ts";
import { mayRunSession, staffAppointment } from "./appointment-service.ts";

/**
 * The office calls an appointment (约访) off. Its place is given back to the session like a
 * citizen's own cancellation, the link then says it is cancelled, and the petitioner is told
 * by SMS. The appointment is derived from its case: staff who may not see the case get 404,
 * as if it did not exist. Retrying after a failed write finds the place already given back
 * and finishes the record.
 */
export async function cancelAppointment(
  env: Env,
  ctx: CaseContext,
  viewer: StaffView,
  shard: string,
  input: { sessionId: string; appointmentId: string; reason?: string | undefined },
): Promise<Appointment> {
  const session = await findReceptionSession(ctx.scope, input.sessionId);
  if (!session) throw notFound("该接访日");
  const row = await findSessionAppointment(ctx.scope, session.id, input.appointmentId);
  const petition = row && (await findVisiblePetition(ctx.scope, viewer, row.petitionId));
  if (!row || !petition) throw notFound("该约访");
  if (!mayRunSession(viewer, session)) {
    throw new ApiError("FORBIDDEN", "只能取消本单位接访日的约访");
  }
  if (row.status === "cancelled") throw conflict("该约访已取消");

  const client = sessionClient(env, ctx.scope, session, shard);
  const booking = await client.booking(row.bookingCode);
  if (booking?.status === "active") {
    const result = await client.cancelBooking(booking.code, booking.phoneHash);
    if (!result.ok) throw conflict("该约访已签到或已结束，不能取消");
  } else if (booking && booking.status !== "cancelled") {
    throw conflict("该约访已签到或已结束，不能取消");
  }

  const changes = { status: "cancelled" as const, updatedAt: ctx.now };
  const party = (await unsealParties(ctx, petition)).petitioner;
  const mobile = party?.phone ? checkMobile(party.phone) : undefined;
  const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
  const notice = mobile?.ok
    ? await noticeStatements(
        ctx.scope,
        ctx.keys,
        settings,
        {
          event: "session.changed",
          key: `appointment-cancelled:${row.id}:${ctx.now.getTime()}`,
          params: {
            date: session.date,
            leader: session.leaderName,
            change: input.reason ? `约访已取消（${input.reason}）` : "约访已取消",
          },
          petitionId: petition.id,
          phone: mobile.value,
          confidential: true,
        },
        ctx.now,
      )
    : [];
  await batchWithAudit(
    ctx.scope,
    [updateAppointmentStatement(ctx.scope, row.id, changes), ...notice],
    {
      actorId: viewer.staffId,
      action: "reception.appointment.cancel",
      targetType: "appointment",
      targetId: row.id,
      detail: { sessionId: session.id, petitionId: petition.id },
    },
    ctx.now,
  );
  await flushOutbox(env, ctx.scope, ctx.now);
  return staffAppointment({ ...row, ...changes }, notice.length > 0);
}
