import type { PetitionRow } from "../../../schema/tenant/tables.ts";
import type { Env } from "../../env.ts";
import { batchWithAudit } from "../../storage/audit.ts";
import { linkBookingPetitionStatement } from "../../storage/reception.ts";
import { noticeStatements } from "../notify/notices.ts";
import { flushOutbox } from "../notify/outbox.ts";
import { loadNotificationSettings } from "../notify/settings-store.ts";
import { checkMobile } from "../petitioner/phone.ts";
import type { CaseContext } from "../tenancy/county-context.ts";

/**
 * After the desk registers a visit as a case, the citizen is told its tracking code: on the
 * phone that follows their booking (through the booking's copy) and by SMS to the number the
 * case was registered with. An accusation is told the same way: only its own petitioner
 * learns the code, and the desk's feed stays unlinked.
 */
export async function tellVisitRegistered(
  env: Env,
  ctx: CaseContext,
  visit: { bookingCode: string | null; phone: string | undefined; actorId: string },
  petition: Pick<PetitionRow, "id" | "trackingCode">,
) {
  const statements = [];
  if (visit.bookingCode) {
    statements.push(linkBookingPetitionStatement(ctx.scope, visit.bookingCode, petition.id));
  }
  const mobile = visit.phone ? checkMobile(visit.phone) : undefined;
  if (mobile?.ok) {
    const settings = await loadNotificationSettings(ctx.scope, ctx.keys);
    statements.push(
      ...(await noticeStatements(
        ctx.scope,
        ctx.keys,
        settings,
        {
          event: "reception.registered",
          key: `registered:${petition.id}`,
          params: { trackingCode: petition.trackingCode },
          phone: mobile.value,
        },
        ctx.now,
      )),
    );
  }
  if (statements.length === 0) return;
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: visit.actorId,
      action: "reception.registered",
      targetType: "petition",
      targetId: petition.id,
      detail: { bookingCode: visit.bookingCode, sms: Boolean(mobile?.ok) },
    },
    ctx.now,
  );
  await flushOutbox(env, ctx.scope, ctx.now);
}
