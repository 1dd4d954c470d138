export {
  type CalendarDay,
  type DayStatus,
  HolidayCalendar,
  mergeCalendarDays,
  OFFICIAL_CALENDAR,
  validateCalendarDays,
} from "./calendar.ts";
export {
  addCalendarDays,
  cstDate,
  daysBetween,
  endOfCstDay,
  type IsoDate,
  isIsoDate,
  isWeekend,
  weekday,
} from "./dates.ts";
export { type DayKind, dueDate, nextWorkingDay, workingDaysBetween } from "./due-date.ts";
export {
  DEFAULT_POLICY,
  type DeadlinePolicy,
  type DeadlinePolicyOverrides,
  DeadlinePolicyOverridesSchema,
  type DeadlineRule,
  type FirstPetitionTargets,
  groupVisitRules,
  resolvePolicy,
  TARGETS_3_7_21,
  ZHEJIANG_EXAMPLE,
} from "./policy.ts";
export {
  type DeadlineClock,
  type DeadlineKey,
  type DeadlineOptions,
  type DeadlineState,
  type DeadlineStatus,
  deadlineFor,
  deadlineStatus,
  nextDeadline,
  uncoveredYears,
} from "./schedule.ts";
