import { describe, expect, it } from "vitest";
import { HolidayCalendar, OFFICIAL_CALENDAR } from "../../workers/domain/deadlines/index.ts";
import {
  MAX_OCCURRENCES,
  occurrences,
  publicationDeadline,
  quarterOf,
} from "../../workers/domain/reception/index.ts";

const cal = new HolidayCalendar(OFFICIAL_CALENDAR);

// Dates below were worked out by hand from the State Council schedules in calendar.ts:
// 2026-01-01 is a Thursday; 国庆 holiday 1–7 Oct 2026, make-up Sat 10 Oct; 春节 15–23 Feb,
// make-up Sat 14 and Sat 28 Feb.

describe("weekly rule", () => {
  const tueThu = { kind: "weekly", weekdays: [2, 4], skipHolidays: true } as const;

  it("drops Tuesday/Thursday mornings that fall in 国庆 and keeps the rest of Q4 2026", () => {
    const dates = occurrences({ ...tueThu, weekdays: [2, 4] }, "2026-10-01", "2026-12-31", cal);
    // Oct: 1 and 6 dropped, 8 13 15 20 22 27 29 kept (7); Nov: 3 5 10 12 17 19 24 26 (8);
    // Dec: 1 3 8 10 15 17 22 24 29 31 (10).
    expect(dates).toHaveLength(25);
    expect(dates.slice(0, 4)).toEqual(["2026-10-08", "2026-10-13", "2026-10-15", "2026-10-20"]);
    expect(dates).not.toContain("2026-10-01");
    expect(dates).not.toContain("2026-10-06");
    // The make-up Saturday 10 Oct is a working day but not a Tuesday or Thursday.
    expect(dates).not.toContain("2026-10-10");
    expect(dates.at(-1)).toBe("2026-12-31");
  });

  it("keeps holiday dates when told not to skip them", () => {
    const dates = occurrences(
      { kind: "weekly", weekdays: [4, 2], skipHolidays: false },
      "2026-10-01",
      "2026-10-31",
      cal,
    );
    expect(dates).toEqual([
      "2026-10-01",
      "2026-10-06",
      "2026-10-08",
      "2026-10-13",
      "2026-10-15",
      "2026-10-20",
      "2026-10-22",
      "2026-10-27",
      "2026-10-29",
    ]);
  });

  it("keeps a plain Saturday but drops one swallowed by a holiday", () => {
    const dates = occurrences(
      { kind: "weekly", weekdays: [6], skipHolidays: true },
      "2026-09-19",
      "2026-10-17",
      cal,
    );
    // 26 Sep (中秋) and 3 Oct (国庆) are holidays; 19 Sep, 10 Oct (make-up), 17 Oct are not.
    expect(dates).toEqual(["2026-09-19", "2026-10-10", "2026-10-17"]);
  });

  it("numbers Sunday 7", () => {
    expect(
      occurrences(
        { kind: "weekly", weekdays: [7], skipHolidays: false },
        "2026-03-01",
        "2026-03-14",
        cal,
      ),
    ).toEqual(["2026-03-01", "2026-03-08"]);
  });

  it("rejects weekdays outside 1..7 and an empty list", () => {
    const bad = (weekdays: number[]) => () =>
      occurrences(
        { kind: "weekly", weekdays, skipHolidays: true },
        "2026-01-01",
        "2026-01-31",
        cal,
      );
    expect(bad([0])).toThrow(RangeError);
    expect(bad([8])).toThrow(RangeError);
    expect(bad([1.5])).toThrow(RangeError);
    expect(bad([])).toThrow(RangeError);
  });
});

describe("monthly rule", () => {
  it("moves the 15th of each month in 2026 off rest days", () => {
    expect(
      occurrences(
        { kind: "monthly", day: 15, moveToWorkingDay: true },
        "2026-01-01",
        "2026-12-31",
        cal,
      ),
    ).toEqual([
      "2026-01-15",
      "2026-02-24", // Sun 15 Feb is 春节; the holiday runs to 23 Feb
      "2026-03-16", // Sun 15 Mar
      "2026-04-15",
      "2026-05-15",
      "2026-06-15",
      "2026-07-15",
      "2026-08-17", // Sat 15 Aug
      "2026-09-15",
      "2026-10-15",
      "2026-11-16", // Sun 15 Nov
      "2026-12-15",
    ]);
  });

  it("keeps rest days when not moving", () => {
    expect(
      occurrences(
        { kind: "monthly", day: 15, moveToWorkingDay: false },
        "2026-02-01",
        "2026-03-31",
        cal,
      ),
    ).toEqual(["2026-02-15", "2026-03-15"]);
  });

  it("uses the last day of a short month, and a make-up Saturday is a working day", () => {
    expect(
      occurrences(
        { kind: "monthly", day: 31, moveToWorkingDay: true },
        "2026-01-01",
        "2026-06-30",
        cal,
      ),
    ).toEqual([
      "2026-02-02", // Sat 31 Jan moved into February
      "2026-02-28", // Sat, but a 春节 make-up working day
      "2026-03-31",
      "2026-04-30",
      "2026-06-01", // Sun 31 May
      "2026-06-30",
    ]);
    expect(
      occurrences(
        { kind: "monthly", day: 30, moveToWorkingDay: false },
        "2028-02-01",
        "2028-02-29",
        cal,
      ),
    ).toEqual(["2028-02-29"]);
  });

  it("puts a moved date in the range where it happens, in exactly one of two ranges", () => {
    const rule = { kind: "monthly", day: 31, moveToWorkingDay: true } as const;
    expect(occurrences(rule, "2026-01-01", "2026-01-31", cal)).toEqual([]);
    expect(occurrences(rule, "2026-02-01", "2026-02-28", cal)).toEqual([
      "2026-02-02",
      "2026-02-28",
    ]);
    // Q3 and Q4 2026: Sat 31 Oct → Mon 2 Nov stays in Q4.
    const q3 = occurrences(rule, "2026-07-01", "2026-09-30", cal);
    const q4 = occurrences(rule, "2026-10-01", "2026-12-31", cal);
    expect(q3).toEqual(["2026-07-31", "2026-08-31", "2026-09-30"]);
    expect(q4).toEqual(["2026-11-02", "2026-11-30", "2026-12-31"]);
  });

  it("keeps one date when a long holiday pushes two months onto the same day", () => {
    // A made-up local closure: 31 Jan – 28 Feb 2030. Both the 31st of January and the
    // last day of February move to Friday 1 March.
    const closure = new HolidayCalendar(
      Array.from({ length: 29 }, (_, i) => ({
        date: `2030-${i === 0 ? "01-31" : `02-${String(i).padStart(2, "0")}`}`,
        kind: "holiday" as const,
        name: "测试闭馆",
      })),
    );
    expect(
      occurrences(
        { kind: "monthly", day: 31, moveToWorkingDay: true },
        "2030-01-01",
        "2030-04-30",
        closure,
      ),
    ).toEqual([
      "2030-03-01",
      "2030-04-01", // Sun 31 Mar
      "2030-04-30",
    ]);
  });

  it("rejects a day outside 1..31", () => {
    for (const day of [0, 32, 2.5]) {
      expect(() =>
        occurrences(
          { kind: "monthly", day, moveToWorkingDay: true },
          "2026-01-01",
          "2026-12-31",
          cal,
        ),
      ).toThrow(RangeError);
    }
  });
});

describe("working-day rotation", () => {
  it("counts make-up Saturdays and skips 春节 in February 2026", () => {
    const dates = occurrences({ kind: "workingDays" }, "2026-02-01", "2026-02-28", cal);
    expect(dates).toEqual([
      "2026-02-02",
      "2026-02-03",
      "2026-02-04",
      "2026-02-05",
      "2026-02-06",
      "2026-02-09",
      "2026-02-10",
      "2026-02-11",
      "2026-02-12",
      "2026-02-13",
      "2026-02-14",
      "2026-02-24",
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      "2026-02-28",
    ]);
    for (const day of ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]) {
      expect(dates).not.toContain(day);
    }
  });
});

describe("ranges", () => {
  it("is inclusive at both ends and works for a single day", () => {
    expect(occurrences({ kind: "workingDays" }, "2026-10-09", "2026-10-09", cal)).toEqual([
      "2026-10-09",
    ]);
    expect(occurrences({ kind: "workingDays" }, "2026-10-04", "2026-10-04", cal)).toEqual([]);
  });

  it("refuses reversed ranges, bad dates and more than the cap", () => {
    expect(() => occurrences({ kind: "workingDays" }, "2026-02-01", "2026-01-31", cal)).toThrow(
      RangeError,
    );
    expect(() => occurrences({ kind: "workingDays" }, "2026-02-30", "2026-03-31", cal)).toThrow(
      RangeError,
    );
    // Two years of working days (about 500) is over the cap of 400 …
    expect(MAX_OCCURRENCES).toBe(400);
    expect(() => occurrences({ kind: "workingDays" }, "2025-01-01", "2026-12-31", cal)).toThrow(
      /more than 400/,
    );
    // … one year is not.
    expect(
      occurrences({ kind: "workingDays" }, "2026-01-01", "2026-12-31", cal).length,
    ).toBeLessThan(MAX_OCCURRENCES);
    // A daily rule over decades stops at the cap rather than walking every day.
    expect(() =>
      occurrences(
        { kind: "weekly", weekdays: [1, 2, 3, 4, 5, 6, 7], skipHolidays: false },
        "2000-01-01",
        "9999-12-31",
        cal,
      ),
    ).toThrow(RangeError);
  });
});

describe("quarters and publication", () => {
  it("finds the quarter of a date", () => {
    expect(quarterOf("2027-02-10")).toEqual({
      from: "2027-01-01",
      to: "2027-03-31",
      label: "2027年第1季度",
    });
    expect(quarterOf("2026-04-01")).toEqual({
      from: "2026-04-01",
      to: "2026-06-30",
      label: "2026年第2季度",
    });
    expect(quarterOf("2026-09-30")).toEqual({
      from: "2026-07-01",
      to: "2026-09-30",
      label: "2026年第3季度",
    });
    expect(quarterOf("2026-12-31")).toEqual({
      from: "2026-10-01",
      to: "2026-12-31",
      label: "2026年第4季度",
    });
    expect(() => quarterOf("2026-02-30")).toThrow(RangeError);
  });

  it("publishes three calendar days before the quarter", () => {
    expect(publicationDeadline("2027-01-01")).toBe("2026-12-29");
    expect(publicationDeadline("2026-10-01")).toBe("2026-09-28");
    expect(publicationDeadline(quarterOf("2028-03-15").from)).toBe("2027-12-29");
  });
});
