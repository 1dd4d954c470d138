import { z } from "@hono/zod-openapi";
import { IsoDate } from "./petitions.ts";

const Year = z.coerce.number().int().min(2000).max(2100);

export const CalendarDay = z
  .object({
    date: IsoDate,
    kind: z.enum(["holiday", "workday"]),
    name: z.string().trim().min(1).max(40),
  })
  .openapi("CalendarDay");
export type CalendarDay = z.infer<typeof CalendarDay>;

export const Calendar = z
  .object({ days: z.array(CalendarDay), years: z.array(z.number().int()) })
  .openapi("Calendar");
export type Calendar = z.infer<typeof Calendar>;

export const DueDate = z.object({ due: IsoDate });
export type DueDate = z.infer<typeof DueDate>;

export const CalendarQuery = z.object({ year: Year.optional() });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const UpdateCalendarBody = z
  .object({ year: Year, days: z.array(CalendarDay).max(120) })
  .openapi("UpdateCalendarBody");
export type UpdateCalendarBody = z.infer<typeof UpdateCalendarBody>;

export const DueDateQuery = z.object({
  from: IsoDate,
  days: z.coerce.number().int().min(0).max(3650),
  kind: z.enum(["calendar", "working"]).default("calendar"),
});
export type DueDateQuery = z.infer<typeof DueDateQuery>;

/** The county's overrides and every number in force (their shape is the domain's policy). */
export const GroupVisitRules = z
  .object({
    representativesMax: z.number().int(),
    smallGroup: z
      .object({ upTo: z.number().int(), representativesMax: z.number().int() })
      .nullable(),
    alertAt: z.number().int(),
  })
  .openapi("GroupVisitRules", {
    description: "§20: representatives allowed (by headcount) and the group-visit alert",
  });
export type GroupVisitRules = z.infer<typeof GroupVisitRules>;

export const DeadlineRuleView = z
  .object({ days: z.number().int(), kind: z.enum(["calendar", "working"]) })
  .openapi("DeadlineRule");
export type DeadlineRuleView = z.infer<typeof DeadlineRuleView>;

export const DeadlinePolicyView = z.object({
  overrides: z.record(z.string(), z.unknown()),
  policy: z.record(z.string(), z.unknown()),
  rules: z.record(z.string(), DeadlineRuleView).openapi({
    description: "Each period in force by name (accept, objection, handle, extensionMax, …)",
  }),
  groupVisit: GroupVisitRules,
});
export type DeadlinePolicyView = z.infer<typeof DeadlinePolicyView>;

export const DeadlinePolicyUpdated = DeadlinePolicyView.extend({ recomputed: z.number().int() });
export type DeadlinePolicyUpdated = z.infer<typeof DeadlinePolicyUpdated>;
