import { batchWithAudit } from "../../storage/audit.ts";
import { insertScanRunStatement } from "../../storage/notify.ts";
import { activeBookingsOn, listReceptionSessions } from "../../storage/reception.ts";
import { decryptPii } from "../crypto/pii.ts";
import { addCalendarDays } from "../deadlines/index.ts";
import type { CaseContext } from "../tenancy/county-context.ts";
import { noticeStatements } from "./notices.ts";
import type { LoadedSettings } from "./settings-store.ts";

/**
 * The day before a reception session, everyone still booked on it gets an SMS with the
 * time, the leader, the place and the booking code. Once a day; each booking once.
 */
export async function sendReceptionReminders(
  ctx: CaseContext,
  settings: LoadedSettings,
  today: string,
) {
  const tomorrow = addCalendarDays(today, 1);
  const sessions = new Map(
    (
      await listReceptionSessions(ctx.scope, {
        from: tomorrow,
        to: tomorrow,
        statuses: ["published"],
      })
    ).map((s) => [s.id, s]),
  );
  const statements = [];
  let reminded = 0;
  for (const booking of await activeBookingsOn(ctx.scope, tomorrow)) {
    const session = sessions.get(booking.sessionId);
    if (!session) continue;
    const party = JSON.parse(await decryptPii(ctx.keys, booking.partySealed)) as { phone?: string };
    if (!party.phone) continue;
    reminded += 1;
    statements.push(
      ...(await noticeStatements(
        ctx.scope,
        ctx.keys,
        settings,
        {
          event: "reception.reminder",
          key: `reminder:${booking.code}:${session.date}`,
          params: {
            date: session.date,
            time: booking.slotStart,
            leader: session.leaderName,
            venue: session.venue,
            bookingCode: booking.code,
          },
          phone: party.phone,
        },
        ctx.now,
      )),
    );
  }
  statements.push(insertScanRunStatement(ctx.scope, "reception.reminder", today, ctx.now));
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: null,
      action: "reception.reminders",
      targetType: "tenant",
      targetId: ctx.scope.tenant,
      detail: { date: tomorrow, reminded },
    },
    ctx.now,
  );
  return reminded;
}
