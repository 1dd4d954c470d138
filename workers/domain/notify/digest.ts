import { batchWithAudit } from "../../storage/audit.ts";
import { insertScanRunStatement } from "../../storage/notify.ts";
import { digestCounts } from "../../storage/scan.ts";
import { addCalendarDays, endOfCstDay, type IsoDate } from "../deadlines/index.ts";
import { type Notice, noticeStatements } from "./notices.ts";
import type { ScanPeople } from "./scan-people.ts";

/**
 * Once a day, after 08:00 CST: each unit's clerks and leaders hear how many of its cases
 * are near, due today or overdue. Reads the counters the triggers keep per unit and
 * deadline day (a few rows per unit), never the county's open cases.
 */
export async function sendDigests(people: ScanPeople, today: IsoDate) {
  const { ctx, staff } = people;
  const counts = await digestCounts(
    ctx.scope,
    endOfCstDay(addCalendarDays(today, -1)),
    endOfCstDay(today),
  );
  const statements = [];
  let units = 0;
  for (const { unitId, near, dueToday, overdue } of counts) {
    if (near + dueToday + overdue === 0) continue;
    units += 1;
    const recipients = staff.filter(
      (s) =>
        !s.disabled && s.unitId === unitId && s.roles.some((r) => r === "clerk" || r === "leader"),
    );
    const notice: Notice = {
      event: "digest.daily",
      key: `digest:${unitId}:${today}`,
      params: {
        unit: ctx.units.find((u) => u.id === unitId)?.name ?? "",
        near,
        dueToday,
        overdue,
      },
      link: `/t/${ctx.scope.tenant}/console/work`,
      staff: recipients,
    };
    statements.push(
      ...(await noticeStatements(ctx.scope, ctx.keys, people.settings, notice, ctx.now)),
    );
  }
  statements.push(insertScanRunStatement(ctx.scope, "digest", today, ctx.now));
  await batchWithAudit(
    ctx.scope,
    statements,
    {
      actorId: null,
      action: "digest.daily",
      targetType: "tenant",
      targetId: ctx.scope.tenant,
      detail: { units },
    },
    ctx.now,
  );
  return units;
}
