import { describe, expect, it } from "vitest";
import { releaseTime } from "../../workers/domain/notify/settings.ts";
import { alertMarks } from "../../workers/domain/petitions/clocks.ts";

const cst = (text: string) => new Date(`${text}+08:00`);
const quiet = { start: "21:00", end: "08:00" };

describe("quiet hours", () => {
  it("hold an SMS written at night until 08:00 CST", () => {
    expect(releaseTime(cst("2026-11-22T22:30:00"), quiet)).toEqual(cst("2026-11-23T08:00:00"));
    expect(releaseTime(cst("2026-11-23T03:15:00"), quiet)).toEqual(cst("2026-11-23T08:00:00"));
  });

  it("let daytime messages through at once", () => {
    const noon = cst("2026-11-22T12:00:00");
    expect(releaseTime(noon, quiet)).toEqual(noon);
    expect(releaseTime(cst("2026-11-22T08:00:00"), quiet)).toEqual(cst("2026-11-22T08:00:00"));
    expect(releaseTime(cst("2026-11-22T22:00:00"), null)).toEqual(cst("2026-11-22T22:00:00"));
  });
});

describe("alert marks", () => {
  const handle = {
    key: "handle" as const,
    from: "2026-03-02",
    due: "2026-05-06",
    rule: { days: 60, kind: "calendar" as const },
  };

  it("warn at 70 % and 90 % at 08:00, on the due day, and breach at 24:00 CST", () => {
    const marks = alertMarks([handle], [0.7, 0.9]).map((m) => [m.mark, m.at.toISOString()]);
    // 65 days from 2 Mar: 70 % is day 46 (17 Apr), 90 % day 59 (30 Apr).
    expect(marks).toEqual([
      ["near70", cst("2026-04-17T08:00:00").toISOString()],
      ["near90", cst("2026-04-30T08:00:00").toISOString()],
      ["dueToday", cst("2026-05-06T08:00:00").toISOString()],
      ["overdue", cst("2026-05-07T00:00:00").toISOString()],
    ]);
  });

  it("notice only the expiry of an evaluation window, and nothing of petitioners' own windows", () => {
    const evaluation = {
      key: "evaluation" as const,
      from: "2026-05-06",
      due: "2026-06-05",
      rule: { days: 30, kind: "calendar" as const },
    };
    const review = {
      key: "reviewRequest" as const,
      from: "2026-05-06",
      due: "2026-06-05",
      rule: { days: 30, kind: "calendar" as const },
    };
    expect(alertMarks([evaluation, review], [0.7]).map((m) => [m.key, m.mark])).toEqual([
      ["evaluation", "expired"],
    ]);
  });
});
