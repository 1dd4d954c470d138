import type { PreparedBooking } from "../../../schema/api/reception.ts";
import type { ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { sessionClient } from "../../reception/client.ts";
import { appointmentsOfBookings, bookingAboutOf } from "../../storage/appointments.ts";
import { latestCasesOfPerson } from "../../storage/petitions.ts";
import type { Viewer } from "../../storage/visibility.ts";
import { decryptPii, lookupHash } from "../crypto/pii.ts";
import type { CaseContext } from "../tenancy/county-context.ts";

const EARLIER_SHOWN = 5;

/**
 * The day's bookings as the leader and the desk prepare for them: who, when, what they will
 * raise, and their earlier cases through the visibility rule, so a case hidden from this
 * reader (an accusation against their unit) is neither listed nor counted.
 */
export async function prepareBookings(
  env: Env,
  ctx: CaseContext,
  viewer: Viewer,
  row: ReceptionSessionRow,
  shard: string,
): Promise<PreparedBooking[]> {
  const client = sessionClient(env, ctx.scope, row, shard);
  const bookings = (await client.activeBookings()).sort(
    (a, b) => a.slotStart.localeCompare(b.slotStart) || a.code.localeCompare(b.code),
  );
  const codes = bookings.map((b) => b.code);
  const [about, appointments] = await Promise.all([
    bookingAboutOf(ctx.scope, codes),
    appointmentsOfBookings(ctx.scope, viewer, codes),
  ]);
  const aboutOf = new Map(about.map((a) => [a.bookingCode, a]));
  const appointmentOf = new Map(appointments.map((a) => [a.bookingCode, a]));
  return Promise.all(
    bookings.map(async (b) => {
      const what = aboutOf.get(b.code);
      const appointment = appointmentOf.get(b.code);
      const party = JSON.parse(await decryptPii(ctx.keys, b.partySealed)) as {
        name?: string;
        idNumber?: string;
      };
      const idHash = party.idNumber ? await lookupHash(ctx.keys, "id", party.idNumber) : null;
      const earlier = await latestCasesOfPerson(
        ctx.scope,
        { idHash, phoneHash: b.phoneHash },
        viewer,
        EARLIER_SHOWN,
      );
      return {
        bookingCode: b.code,
        slotStart: b.slotStart,
        status: b.status,
        name: party.name ?? b.label,
        headcount: b.headcount,
        topic: b.topic,
        purpose: what?.purpose ?? null,
        categoryCode: what?.categoryCode ?? null,
        categoryName: what?.categoryCode ? ctx.taxonomy.name(what.categoryCode) : null,
        appointment: appointment
          ? {
              id: appointment.id,
              status: appointment.status,
              note: appointment.noteSealed
                ? await decryptPii(ctx.keys, appointment.noteSealed)
                : null,
              answeredAt: appointment.answeredAt?.toISOString() ?? null,
            }
          : null,
        earlierCases: earlier.map((e) => ({
          trackingCode: e.trackingCode,
          status: e.status,
          categoryCode: e.categoryCode,
          categoryName: ctx.taxonomy.name(e.categoryCode),
          registeredAt: e.registeredAt.toISOString(),
        })),
      };
    }),
  );
}
