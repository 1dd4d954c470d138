import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { linkBookingPetitionStatement } from "../../storage/reception.ts";
import { flushOutbox } from "../notify/outbox.ts";
import type { CaseContext } from "../tenancy/county-context.ts";

/**
 * After the desk registers a visit as a case, the citizen's booking is linked to it, so the
 * page that follows the booking shows the tracking code. The SMS with the code is the
 * registration's own notice to the petitioner (one message, recorded as a 告知记录): it and
 * the office's alerts are handed to the queue now, not at the next cron run. An accusation is
 * told the same way: only its own petitioner learns the code, and the desk's feed stays
 * unlinked.
 */
export async function tellVisitRegistered(
  env: Env,
  ctx: CaseContext,
  visit: { bookingCode: string | null; phone: string | undefined; actorId: string },
  petition: Pick<PetitionRow, "id" | "trackingCode">,
) {
  if (visit.bookingCode) {
    await batchWithAudit(
      ctx.scope,
      [linkBookingPetitionStatement(ctx.scope, visit.bookingCode, petition.id)],
      {
        actorId: visit.actorId,
        action: "reception.registered",
        targetType: "petition",
        targetId: petition.id,
        detail: { bookingCode: visit.bookingCode },
      },
      ctx.now,
    );
  }
  await flushOutbox(env, ctx.scope, ctx.now);
}
