import { z } from "@hono/zod-openapi";
import { IsoDate } from "./petitions.ts";

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
