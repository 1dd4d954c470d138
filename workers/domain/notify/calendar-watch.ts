import { batchWithAudit } from "../../storage/audit.ts";
import { insertScanRunStatement } from "../../storage/notify.ts";
import type { HolidayCalendar, IsoDate } from "../deadlines/index.ts";
import { noticeStatements } from "./notices.ts";
import type { ScanPeople } from "./scan-people.ts";

/**
 * From 1 November, next year's holiday calendar should be in: cases registered now already
 * run into it, and without it their deadlines count weekends alone. The year missing, or
 * null when nothing is to be said.
 */
export function missingCalendarYear(calendar: HolidayCalendar, today: IsoDate): number | null {
  const year = Number(today.slice(0, 4));
  if (today.slice(5) < "11-01") return null;
  return calendar.covers(year + 1) ? null : year + 1;
}

/** Tells the county's administrators, once a day until the year is entered. */
export async function warnMissingCalendar(people: ScanPeople, today: IsoDate) {
  const { ctx, staff } = people;
  const year = missingCalendarYear(ctx.calendar, today);
  const admins = staff.filter((s) => !s.disabled && s.roles.includes("tenant_admin"));
  const told =
    year === null
      ? []
      : await noticeStatements(
          ctx.scope,
          ctx.keys,
          people.settings,
          {
            event: "calendar.missing",
            key: `calendar:${year}:${today}`,
            params: { year },
            link: `/t/${ctx.scope.tenant}/console/calendar`,
            staff: admins,
          },
          ctx.now,
        );
  await batchWithAudit(
    ctx.scope,
    [insertScanRunStatement(ctx.scope, "calendar.missing", today, ctx.now), ...told],
    {
      actorId: null,
      action: "calendar.watch",
      targetType: "tenant",
      targetId: ctx.scope.tenant,
      detail: { missing: year },
    },
    ctx.now,
  );
  return year === null ? 0 : 1;
}
