import type { PreparedBooking } from "../../../schema/api/reception.ts";
import type { ReceptionSessionRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { sessionClient } from "../../reception/client.ts";
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
  return Promise.all(
    bookings.map(async (b) => {
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
