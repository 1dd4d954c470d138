import type { SearchFilters } from "../../../schema/api/search.ts";
import type { BrowseOrder, SearchFilter, WorkListScope } from "../../storage/search.ts";
import { addCalendarDays, endOfCstDay } from "../deadlines/dates.ts";
import type { StaffView } from "../tenancy/county-context.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const DUE_SOON_MS = 3 * DAY_MS;
/**
 * "Due this week" is the next seven days from now, not the calendar week: on a Friday the
 * office still sees what falls due on Monday and Tuesday, and the list never shrinks to
 * nothing at the week's end. Served by the same deadline index as 即将到期.
 */
const DUE_THIS_WEEK_MS = 7 * DAY_MS;
/** The county office reviews completion reports (办结报告审核). */
const REVIEWERS: readonly string[] = ["clerk", "supervisor", "leader"];

/** The filters as the storage conditions take them: CST dates as instants, "now" chosen. */
export function searchFilter(query: SearchFilters, now: Date): SearchFilter {
  return {
    status: query.status,
    channel: query.channel,
    purpose: query.purpose,
    categoryCode: query.categoryCode,
    unitId: query.unitId,
    registeredFrom: query.registeredFrom
      ? endOfCstDay(addCalendarDays(query.registeredFrom, -1))
      : undefined,
    registeredBefore: query.registeredTo ? endOfCstDay(query.registeredTo) : undefined,
    overdueAt: query.overdue === "true" ? now : undefined,
    ownerLeaderId: query.ownerLeaderId,
    repeat: query.repeat,
    fromAbove: query.fromAbove === undefined ? undefined : query.fromAbove === "true",
  };
}

export interface BrowsePlan {
  order: BrowseOrder;
  work: WorkListScope;
  /** The list is empty for this viewer whatever the cases (待我审核 outside the office). */
  empty: boolean;
}

/**
 * How a browse without words runs: the work list's fixed conditions and its order. The
 * overdue filter always lists by deadline, most overdue first: the deadline index serves it.
 */
export function browsePlan(query: SearchFilters, viewer: StaffView, now: Date): BrowsePlan {
  let order: BrowseOrder = query.overdue === "true" ? "deadline" : (query.sort ?? "newest");
  const work: WorkListScope = {};
  let empty = false;
  switch (query.list) {
    case "mine":
      work.ownerLeaderId = viewer.staffId;
      order = "deadline";
      break;
    case "toSign":
      work.ownerLeaderId = viewer.staffId;
      work.unsigned = true;
      order = "deadline";
      break;
    case "toReview":
      empty = !viewer.inCountyOffice || !viewer.roles.some((r) => REVIEWERS.includes(r));
      work.awaitingReport = true;
      order = query.sort ?? "oldest";
      break;
    case "unitOverdue":
      work.unitId = viewer.unitId;
      work.deadlineBefore = now;
      order = "deadline";
      break;
    case "dueSoon":
      if (!viewer.inCountyOffice) work.unitId = viewer.unitId;
      work.deadlineFrom = now;
      work.deadlineBefore = new Date(now.getTime() + DUE_SOON_MS);
      order = "deadline";
      break;
    case "dueThisWeek":
      if (!viewer.inCountyOffice) work.unitId = viewer.unitId;
      work.deadlineFrom = now;
      work.deadlineBefore = new Date(now.getTime() + DUE_THIS_WEEK_MS);
      order = "deadline";
      break;
  }
  return { order, work, empty };
}
