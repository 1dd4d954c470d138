import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  type CalendarDay,
  cstDate,
  daysBetween,
  dueDate,
  endOfCstDay,
  HolidayCalendar,
  isIsoDate,
  mergeCalendarDays,
  nextWorkingDay,
  OFFICIAL_CALENDAR,
  validateCalendarDays,
  weekday,
  workingDaysBetween,
} from "../../workers/domain/deadlines/index.ts";

const cal = new HolidayCalendar(OFFICIAL_CALENDAR);

describe("CST dates", () => {
  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-2-3")).toBe(false);
    expect(isIsoDate("2026-02-03T00:00:00Z")).toBe(false);
    expect(isIsoDate("20260203")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });

  it("puts an instant on its China Standard Time date", () => {
    expect(cstDate(new Date("2026-05-01T16:30:00Z"))).toBe("2026-05-02");
    expect(cstDate(new Date("2026-05-01T15:59:59.999Z"))).toBe("2026-05-01");
    expect(cstDate(new Date("2026-05-01T16:00:00Z"))).toBe("2026-05-02");
    expect(cstDate(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
    expect(cstDate(new Date("2026-01-01T00:00:00+08:00"))).toBe("2026-01-01");
    expect(() => cstDate(new Date("nonsense"))).toThrow(RangeError);
  });

  it("ends a CST day at 24:00 CST, which is 16:00Z the same date", () => {
    expect(endOfCstDay("2026-05-01").toISOString()).toBe("2026-05-01T16:00:00.000Z");
    expect(endOfCstDay("2025-12-31").toISOString()).toBe("2025-12-31T16:00:00.000Z");
    const end = endOfCstDay("2026-02-27");
    expect(cstDate(new Date(end.getTime() - 1))).toBe("2026-02-27");
    expect(cstDate(end)).toBe("2026-02-28");
    expect(() => endOfCstDay("2026-02-30")).toThrow(RangeError);
  });

  it("adds days across months, leap days and years", () => {
    expect(addCalendarDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addCalendarDays("2026-03-02", 60)).toBe("2026-05-01");
    expect(addCalendarDays("2026-03-02", 0)).toBe("2026-03-02");
    expect(() => addCalendarDays("2026-03-02", 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays("2026-3-2", 1)).toThrow(RangeError);
  });

  it("measures b − a in days and names weekdays with Sunday = 0", () => {
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
    expect(daysBetween("2026-01-01", "2025-01-01")).toBe(-365);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-01-20", "2026-02-04")).toBe(15);
    expect(weekday("2026-01-01")).toBe(4);
    expect(weekday("2026-02-14")).toBe(6);
    expect(weekday("2025-09-28")).toBe(0);
    expect(weekday("2026-03-02")).toBe(1);
  });
});

describe("the official holiday calendar", () => {
  const inYear = (year: string) => OFFICIAL_CALENDAR.filter((d) => d.date.startsWith(year));
  const count = (year: string, kind: CalendarDay["kind"]) =>
    inYear(year).filter((d) => d.kind === kind).length;

  it("holds every day of the 2025 notice: 28 days off, 5 make-up days", () => {
    // 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆·中秋 8
    expect(count("2025", "holiday")).toBe(28);
    // 26 Jan, 8 Feb, 27 Apr, 28 Sep, 11 Oct
    expect(
      inYear("2025")
        .filter((d) => d.kind === "workday")
        .map((d) => d.date),
    ).toEqual(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
  });

  it("holds every day of the 2026 notice: 33 days off, 6 make-up days", () => {
    // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7
    expect(count("2026", "holiday")).toBe(33);
    expect(count("2026", "workday")).toBe(6);
    expect(OFFICIAL_CALENDAR).toHaveLength(72);
    expect(validateCalendarDays([...OFFICIAL_CALENDAR])).toEqual([]);
  });

  it("names the festival of each day", () => {
    expect(cal.entry("2026-02-15")).toEqual({ date: "2026-02-15", kind: "holiday", name: "春节" });
    expect(cal.entry("2026-02-28")).toEqual({
      date: "2026-02-28",
      kind: "workday",
      name: "春节调休上班",
    });
    expect(cal.entry("2025-10-08")?.name).toBe("国庆节、中秋节");
    expect(cal.entry("2026-09-20")?.name).toBe("国庆节调休上班");
    expect(cal.entry("2026-06-19")?.name).toBe("端午节");
    expect(cal.entry("2026-03-04")).toBeUndefined();
  });

  it("tells working days from rest days, make-up weekends included", () => {
    expect(cal.isWorkingDay("2026-03-04")).toBe(true); // plain Wednesday
    expect(cal.isWorkingDay("2026-03-07")).toBe(false); // plain Saturday
    expect(cal.isWorkingDay("2026-02-16")).toBe(false); // 春节, a Monday
    expect(cal.isWorkingDay("2026-02-14")).toBe(true); // make-up Saturday
    expect(cal.isWorkingDay("2026-01-04")).toBe(true); // make-up Sunday
    expect(cal.isWorkingDay("2026-01-03")).toBe(false); // 元旦 on a Saturday
    expect(cal.isWorkingDay("2025-09-28")).toBe(true);
    expect(cal.isWorkingDay("2025-10-08")).toBe(false);
    expect(cal.kindOf("2025-10-11")).toBe("working");
    expect(cal.kindOf("2025-10-12")).toBe("rest");
    expect(() => cal.isWorkingDay("2026-02-30")).toThrow(RangeError);
  });

  it("says which years' notices are entered", () => {
    expect(cal.covers(2025)).toBe(true);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2024)).toBe(false);
    expect(cal.covers(2027)).toBe(false);
    expect(new HolidayCalendar([]).covers(2026)).toBe(false);
  });

  it("gives 248 working days in each of 2025 and 2026", () => {
    // 261 weekdays − 18 weekday holidays + 5 make-up days; 261 − 19 + 6.
    expect(workingDaysBetween("2024-12-31", "2025-12-31", cal)).toBe(248);
    expect(workingDaysBetween("2025-12-31", "2026-12-31", cal)).toBe(248);
    // With no notice entered, only weekends rest.
    expect(workingDaysBetween("2025-12-31", "2026-12-31", new HolidayCalendar([]))).toBe(261);
  });
});

describe("validating an administrator's calendar", () => {
  it("flags a weekday make-up day, a duplicate, an impossible date, a missing name", () => {
    const problems = validateCalendarDays([
      { date: "2027-01-01", kind: "holiday", name: "元旦" },
      { date: "2027-01-06", kind: "workday", name: "元旦调休上班" }, // a Wednesday
      { date: "2027-01-01", kind: "holiday", name: "元旦" },
      { date: "2026-02-30", kind: "holiday", name: "春节" },
      { date: "2027-02-06", kind: "holiday", name: "  " },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain("第 2 条");
    expect(problems[0]).toContain("2027-01-06 不是周六或周日");
    expect(problems[1]).toContain("第 3 条：2027-01-01 重复出现");
    expect(problems[2]).toContain("“2026-02-30”不是有效日期");
    expect(problems[3]).toContain("第 5 条：2027-02-06 缺少名称");
  });

  it("flags a kind that is neither holiday nor workday in data from outside", () => {
    const raw = JSON.parse('[{"date":"2027-01-02","kind":"rest","name":"x"}]') as CalendarDay[];
    expect(validateCalendarDays(raw)).toEqual([
      "第 1 条：2027-01-02 的类型应为放假（holiday）或调休上班（workday）",
    ]);
  });

  it("refuses to build a calendar from invalid entries", () => {
    expect(
      () => new HolidayCalendar([{ date: "2027-01-06", kind: "workday", name: "调休" }]),
    ).toThrow(RangeError);
  });

  it("lets local corrections replace official entries of the same date", () => {
    const merged = mergeCalendarDays(OFFICIAL_CALENDAR, [
      { date: "2027-01-01", kind: "holiday", name: "元旦" },
      { date: "2026-02-28", kind: "workday", name: "春节后调休" },
    ]);
    expect(merged).toHaveLength(73);
    expect(merged.find((d) => d.date === "2026-02-28")?.name).toBe("春节后调休");
    expect(merged.at(-1)?.date).toBe("2027-01-01");
    expect(merged[0]?.date).toBe("2025-01-01");
    expect(new HolidayCalendar(merged).covers(2027)).toBe(true);
  });
});

describe("due dates in calendar days", () => {
  it("starts counting the day after the event", () => {
    // Tue 20 Jan + 15 = Wed 4 Feb, a working day.
    expect(dueDate("2026-01-20", 15, "calendar", cal)).toBe("2026-02-04");
  });

  it("moves a last day in 春节 2026 to the first day back", () => {
    expect(dueDate("2026-02-01", 15, "calendar", cal)).toBe("2026-02-24"); // 16 Feb, holiday
    expect(dueDate("2026-02-08", 15, "calendar", cal)).toBe("2026-02-24"); // 23 Feb, holiday
  });

  it("keeps a last day on a make-up Saturday", () => {
    expect(dueDate("2026-02-13", 15, "calendar", cal)).toBe("2026-02-28");
    expect(dueDate("2025-09-13", 15, "calendar", cal)).toBe("2025-09-28"); // make-up Sunday
  });

  it("moves a plain weekend last day to Monday", () => {
    expect(dueDate("2026-03-06", 15, "calendar", cal)).toBe("2026-03-23"); // Sat 21 Mar
    expect(dueDate("2026-02-20", 15, "calendar", cal)).toBe("2026-03-09"); // Sat 7 Mar
    expect(dueDate("2026-03-07", 15, "calendar", cal)).toBe("2026-03-23"); // Sun 22 Mar
  });

  it("moves through 国庆·中秋 2025 and 元旦 2025", () => {
    expect(dueDate("2025-09-20", 15, "calendar", cal)).toBe("2025-10-09"); // 5 Oct
    expect(dueDate("2024-12-17", 15, "calendar", cal)).toBe("2025-01-02"); // 1 Jan
  });

  it("lands on the make-up Sunday after 元旦 2026", () => {
    // 1 Jan off, 2–3 Jan off, Sun 4 Jan is a working day.
    expect(dueDate("2025-12-17", 15, "calendar", cal)).toBe("2026-01-04");
  });

  it("moves a 60-day handling period ending on 劳动节 to 6 May", () => {
    expect(dueDate("2026-03-02", 60, "calendar", cal)).toBe("2026-05-06");
  });
});

describe("due dates in working days", () => {
  it("counts the make-up Saturday before 春节 and skips the holiday", () => {
    // 14 Feb (make-up) = 1, 15–23 off, 24 = 2, 25 = 3, 26 = 4, 27 = 5.
    expect(dueDate("2026-02-13", 5, "working", cal)).toBe("2026-02-27");
    // 25, 26, 27, Sat 28 (make-up), Mon 2 Mar.
    expect(dueDate("2026-02-24", 5, "working", cal)).toBe("2026-03-02");
  });

  it("counts 国庆·中秋 2025 make-up days on 28 Sep and 11 Oct", () => {
    // Sun 28 Sep = 1, 29 = 2, 30 = 3, 1–8 Oct off, 9 = 4, 10 = 5.
    expect(dueDate("2025-09-26", 5, "working", cal)).toBe("2025-10-10");
    // 9 = 1, 10 = 2, Sat 11 = 3, 13 = 4, 14 = 5.
    expect(dueDate("2025-09-30", 5, "working", cal)).toBe("2025-10-14");
  });

  it("skips 元旦 2025", () => {
    expect(dueDate("2024-12-30", 3, "working", cal)).toBe("2025-01-03");
  });

  it("reaches a make-up Sunday after 元旦 2026", () => {
    expect(dueDate("2025-12-31", 1, "working", cal)).toBe("2026-01-04");
  });

  it("skips a plain weekend", () => {
    expect(dueDate("2026-03-05", 5, "working", cal)).toBe("2026-03-12");
  });
});

describe("edge cases of counting", () => {
  it("treats 0 days as today if working, else the next working day", () => {
    expect(dueDate("2026-03-04", 0, "calendar", cal)).toBe("2026-03-04");
    expect(dueDate("2026-02-14", 0, "calendar", cal)).toBe("2026-02-14");
    expect(dueDate("2026-02-15", 0, "calendar", cal)).toBe("2026-02-24");
    expect(dueDate("2026-03-07", 0, "working", cal)).toBe("2026-03-09");
  });

  it("throws RangeError on negative or fractional days and bad dates", () => {
    expect(() => dueDate("2026-03-04", -1, "calendar", cal)).toThrow(RangeError);
    expect(() => dueDate("2026-03-04", 2.5, "working", cal)).toThrow(RangeError);
    expect(() => dueDate("2026-03-04", Number.NaN, "calendar", cal)).toThrow(RangeError);
    expect(() => dueDate("2026-02-30", 15, "calendar", cal)).toThrow(RangeError);
    expect(() => dueDate("2026/03/04", 15, "calendar", cal)).toThrow(RangeError);
  });

  it("gives up instead of hanging on a calendar with no working day", () => {
    const allOff: CalendarDay[] = Array.from({ length: 90 }, (_, i) => ({
      date: addCalendarDays("2030-01-01", i),
      kind: "holiday",
      name: "错误数据",
    }));
    expect(() => nextWorkingDay("2030-01-01", new HolidayCalendar(allOff))).toThrow(RangeError);
  });

  it("counts working days in (from, to], signed", () => {
    expect(workingDaysBetween("2026-02-13", "2026-02-27", cal)).toBe(5);
    expect(workingDaysBetween("2025-09-26", "2025-10-12", cal)).toBe(6);
    expect(workingDaysBetween("2026-03-04", "2026-03-04", cal)).toBe(0);
    expect(workingDaysBetween("2026-02-27", "2026-02-13", cal)).toBe(-5);
  });

  it("agrees with itself on every start date of 2025 and 2026", () => {
    for (let from = "2025-01-01"; from <= "2026-12-31"; from = addCalendarDays(from, 1)) {
      for (const n of [1, 5, 10]) {
        const due = dueDate(from, n, "working", cal);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(from, due, cal)).toBe(n);
      }
      for (const n of [15, 30, 60]) {
        const due = dueDate(from, n, "calendar", cal);
        const last = addCalendarDays(from, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        // Only rest days lie between the nominal last day and the due date.
        expect(workingDaysBetween(last, due, cal)).toBe(cal.isWorkingDay(last) ? 0 : 1);
      }
    }
  });
});
