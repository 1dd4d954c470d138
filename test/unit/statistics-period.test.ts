import { describe, expect, it } from "vitest";
import { safeText } from "../../workers/domain/statistics/export.ts";
import { grainRanges, periodOf } from "../../workers/domain/statistics/period.ts";

describe("grainRanges", () => {
  it("reads a calendar year as one row per key", () => {
    expect(grainRanges({ from: "2025-01-01", to: "2025-12-31" })).toEqual([
      { grain: "y", from: "2025", to: "2025" },
    ]);
  });
  it("reads a quarter as three months and a month as one", () => {
    expect(grainRanges(periodOf({ quarter: "2026-Q2" }, "2026-12-01"))).toEqual([
      { grain: "m", from: "2026-04", to: "2026-06" },
    ]);
    expect(grainRanges(periodOf({ month: "2024-02" }, "2026-12-01"))).toEqual([
      { grain: "m", from: "2024-02", to: "2024-02" },
    ]);
  });
  it("splits an odd range into days, months and years at its edges", () => {
    expect(grainRanges({ from: "2024-11-03", to: "2026-02-10" })).toEqual([
      { grain: "d", from: "2024-11-03", to: "2024-11-30" },
      { grain: "m", from: "2024-12", to: "2024-12" },
      { grain: "y", from: "2025", to: "2025" },
      { grain: "m", from: "2026-01", to: "2026-01" },
      { grain: "d", from: "2026-02-01", to: "2026-02-10" },
    ]);
    expect(grainRanges({ from: "2026-03-03", to: "2026-03-09" })).toEqual([
      { grain: "d", from: "2026-03-03", to: "2026-03-09" },
    ]);
    expect(grainRanges({ from: "2026-03-01", to: "2026-05-10" })).toEqual([
      { grain: "m", from: "2026-03", to: "2026-04" },
      { grain: "d", from: "2026-05-01", to: "2026-05-10" },
    ]);
  });
  it("names the current month when no period is given, and refuses two", () => {
    expect(periodOf({}, "2026-02-14")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(() => periodOf({ month: "2026-01", year: "2026" }, "2026-02-14")).toThrow();
  });
});

describe("exported cells", () => {
  it("never let a spreadsheet run what was typed as a formula", () => {
    expect(safeText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(safeText("+1")).toBe("'+1");
    expect(safeText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeText("卢峰镇")).toBe("卢峰镇");
    expect(safeText(3)).toBe(3);
  });
});
