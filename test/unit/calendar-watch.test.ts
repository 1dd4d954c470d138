import { describe, expect, it } from "vitest";
import { HolidayCalendar } from "../../workers/domain/deadlines/index.ts";
import { missingCalendarYear } from "../../workers/domain/notify/calendar-watch.ts";

const with2027 = new HolidayCalendar([{ date: "2027-01-01", kind: "holiday", name: "元旦" }]);
const without = new HolidayCalendar([{ date: "2026-01-01", kind: "holiday", name: "元旦" }]);

describe("next year's holiday calendar", () => {
  it("is asked for from 1 November until it is entered", () => {
    expect(missingCalendarYear(without, "2026-10-31")).toBeNull();
    expect(missingCalendarYear(without, "2026-11-01")).toBe(2027);
    expect(missingCalendarYear(without, "2026-12-31")).toBe(2027);
    expect(missingCalendarYear(with2027, "2026-11-15")).toBeNull();
  });
});
