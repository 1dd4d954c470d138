import { like } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { calendarDays } from "../../schema/tenant/tables.ts";
import { type CalendarDay, HolidayCalendar } from "../domain/deadlines/index.ts";
import { chunked } from "./chunks.ts";
import { ofTenant, type TenantScope } from "./tenant-scope.ts";

export async function listCalendarDays(scope: TenantScope): Promise<CalendarDay[]> {
  const rows = await scope.db
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(ofTenant(scope, calendarDays))
    .orderBy(calendarDays.date);
  return rows;
}

export async function loadCalendar(scope: TenantScope): Promise<HolidayCalendar> {
  return new HolidayCalendar(await listCalendarDays(scope));
}

export function insertCalendarStatements(scope: TenantScope, days: readonly CalendarDay[]) {
  // Four parameters a day: tenant, date, kind, name.
  return chunked(days, 4, 0).map(
    (chunk): BatchItem<"sqlite"> =>
      scope.db
        .insert(calendarDays)
        .values(chunk.map((day) => ({ ...day, tenantId: scope.tenant }))),
  );
}

/** Replaces one year's entries: the statements to run in one batch. */
export function replaceYearStatements(
  scope: TenantScope,
  year: number,
  days: readonly CalendarDay[],
) {
  return [
    scope.db
      .delete(calendarDays)
      .where(ofTenant(scope, calendarDays, like(calendarDays.date, `${year}-%`))),
    ...insertCalendarStatements(scope, days),
  ];
}
