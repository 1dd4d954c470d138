import { describe, expect, it } from "vitest";
import {
  FORM_LABELS,
  HALF_DAY_LABELS,
  halfDayOf,
  isReceptionForm,
  receptionForms,
  type SessionWindow,
  slotInstant,
  slotStarts,
  windowProblems,
} from "../../workers/domain/reception/index.ts";

const morning: SessionWindow = {
  date: "2026-10-08",
  start: "08:30",
  end: "12:00",
  slotMinutes: 30,
  capacityPerSlot: 5,
};

describe("reception forms", () => {
  it("labels every form in Chinese", () => {
    expect(receptionForms).toEqual(["fixed", "appointment", "field", "video", "online", "joint"]);
    expect(receptionForms.map((form) => FORM_LABELS[form])).toEqual([
      "定点接访",
      "约访",
      "下访",
      "视频接访",
      "网上接访",
      "联合接访",
    ]);
    expect(isReceptionForm("video")).toBe(true);
    expect(isReceptionForm("phone")).toBe(false);
    expect(isReceptionForm(undefined)).toBe(false);
  });
});

describe("slotStarts", () => {
  it("cuts 08:30–12:00 into seven half-hour slots", () => {
    expect(slotStarts(morning)).toEqual([
      "08:30",
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "11:30",
    ]);
  });

  it("drops a last slot that would run past the end", () => {
    // 16:45 + 45 min = 17:30, after the 17:00 close.
    expect(slotStarts({ ...morning, start: "14:30", end: "17:00", slotMinutes: 45 })).toEqual([
      "14:30",
      "15:15",
      "16:00",
    ]);
    // A slot ending exactly at the close is kept.
    expect(slotStarts({ ...morning, start: "09:00", end: "10:00", slotMinutes: 20 })).toEqual([
      "09:00",
      "09:20",
      "09:40",
    ]);
  });

  it("crosses the hour and noon correctly", () => {
    expect(slotStarts({ ...morning, start: "11:50", end: "13:10", slotMinutes: 40 })).toEqual([
      "11:50",
      "12:30",
    ]);
  });

  it("has no slots when none fits, and refuses nonsense", () => {
    expect(slotStarts({ ...morning, start: "09:00", end: "09:20", slotMinutes: 30 })).toEqual([]);
    expect(slotStarts({ ...morning, start: "12:00", end: "08:30" })).toEqual([]);
    expect(() => slotStarts({ ...morning, slotMinutes: 0 })).toThrow(RangeError);
    expect(() => slotStarts({ ...morning, slotMinutes: 7.5 })).toThrow(RangeError);
    expect(() => slotStarts({ ...morning, start: "8:30" })).toThrow(RangeError);
  });
});

describe("slotInstant", () => {
  it("reads the wall time as China Standard Time", () => {
    expect(slotInstant("2026-10-08", "08:30").toISOString()).toBe("2026-10-08T00:30:00.000Z");
    expect(slotInstant("2026-10-08", "14:00").toISOString()).toBe("2026-10-08T06:00:00.000Z");
    // Before 08:00 CST it is still the previous day in UTC.
    expect(slotInstant("2026-10-08", "07:15").toISOString()).toBe("2026-10-07T23:15:00.000Z");
    expect(slotInstant("2027-01-01", "00:00").toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("rejects a bad date or time", () => {
    expect(() => slotInstant("2026-02-30", "08:30")).toThrow(RangeError);
    expect(() => slotInstant("2026-10-08", "24:00")).toThrow(RangeError);
    expect(() => slotInstant("2026-10-08", "08:60")).toThrow(RangeError);
    expect(() => slotInstant("2026-10-08", "08:30:00")).toThrow(RangeError);
  });
});

describe("windowProblems", () => {
  it("accepts a usable window", () => {
    expect(windowProblems(morning)).toEqual([]);
    expect(windowProblems({ ...morning, slotMinutes: 5, capacityPerSlot: 1 })).toEqual([]);
    expect(windowProblems({ ...morning, slotMinutes: 210, capacityPerSlot: 100 })).toEqual([]);
  });

  it("names bad dates and time formats", () => {
    const problems = windowProblems({
      ...morning,
      date: "2026-13-01",
      start: "8:30",
      end: "25:00",
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("2026-13-01");
    expect(problems[1]).toContain("开始时间“8:30”");
    expect(problems[2]).toContain("结束时间“25:00”");
  });

  it("wants the end after the start", () => {
    expect(windowProblems({ ...morning, start: "12:00", end: "12:00" })).toEqual([
      "结束时间 12:00 应晚于开始时间 12:00",
    ]);
    expect(windowProblems({ ...morning, start: "14:00", end: "09:00" })).toHaveLength(1);
  });

  it("bounds slot length and capacity", () => {
    expect(windowProblems({ ...morning, slotMinutes: 4 })[0]).toContain("5 到 240");
    expect(windowProblems({ ...morning, slotMinutes: 241 })[0]).toContain("5 到 240");
    expect(windowProblems({ ...morning, slotMinutes: 12.5 })).toHaveLength(1);
    expect(windowProblems({ ...morning, capacityPerSlot: 0 })[0]).toContain("1 到 100");
    expect(windowProblems({ ...morning, capacityPerSlot: 101 })[0]).toContain("1 到 100");
    expect(windowProblems({ ...morning, capacityPerSlot: 2.5 })).toHaveLength(1);
  });

  it("says when not even one slot fits", () => {
    expect(windowProblems({ ...morning, start: "08:30", end: "09:00", slotMinutes: 45 })).toEqual([
      "08:30–09:00 之间放不下一个 45 分钟的时段",
    ]);
    expect(windowProblems({ ...morning, start: "08:30", end: "09:00", slotMinutes: 30 })).toEqual(
      [],
    );
  });
});

describe("halfDayOf", () => {
  it("splits at noon and 18:00", () => {
    expect(halfDayOf("00:00")).toBe("morning");
    expect(halfDayOf("08:30")).toBe("morning");
    expect(halfDayOf("11:59")).toBe("morning");
    expect(halfDayOf("12:00")).toBe("afternoon");
    expect(halfDayOf("17:59")).toBe("afternoon");
    expect(halfDayOf("18:00")).toBe("evening");
    expect(halfDayOf("19:30")).toBe("evening");
    expect(HALF_DAY_LABELS[halfDayOf("14:30")]).toBe("下午");
    expect(HALF_DAY_LABELS[halfDayOf("08:30")]).toBe("上午");
    expect(HALF_DAY_LABELS[halfDayOf("19:00")]).toBe("晚上");
    expect(() => halfDayOf("noon")).toThrow(RangeError);
  });
});
