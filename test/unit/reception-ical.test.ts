import { describe, expect, it } from "vitest";
import {
  type FeedSession,
  receptionCalendar,
  sequenceOf,
  slotInstant,
} from "../../workers/domain/reception/index.ts";

interface Property {
  params: string;
  value: string;
}
type Component = Map<string, Property[]>;

/** Unfolds and splits a feed into components, enough to check what we emit. */
function parse(text: string): { calendar: Component; events: Component[]; timezones: Component[] } {
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
  const calendar: Component = new Map();
  const events: Component[] = [];
  const timezones: Component[] = [];
  let current: Component = calendar;
  const stack: string[] = [];
  for (const line of lines) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const [name = "", ...rest] = head.split(";");
    if (name === "BEGIN") {
      stack.push(value);
      if (value === "VEVENT" || value === "VTIMEZONE") {
        current = new Map();
        (value === "VEVENT" ? events : timezones).push(current);
      }
      continue;
    }
    if (name === "END") {
      expect(stack.pop()).toBe(value);
      if (value === "VEVENT" || value === "VTIMEZONE") current = calendar;
      continue;
    }
    if (stack.at(-1) === "STANDARD") continue;
    const list = current.get(name) ?? [];
    list.push({ params: rest.join(";"), value });
    current.set(name, list);
  }
  expect(stack).toEqual([]);
  return { calendar, events, timezones };
}

function one(component: Component | undefined, name: string): Property {
  const list = component?.get(name) ?? [];
  expect(list, name).toHaveLength(1);
  return list[0] ?? { params: "", value: "" };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function byUid(events: Component[], uid: string): Component | undefined {
  return events.find((event) => event.get("UID")?.[0]?.value === uid);
}

const longTopics =
  "征地拆迁补偿、农民工工资拖欠、教育医疗保障等群众反映强烈的问题；\n也接待涉及多个部门、需要协调解决的疑难信访事项, 含 “引号” 与 ASCII 标点: a;b,c\\d";

const sessions: FeedSession[] = [
  {
    id: "rs-002",
    date: "2026-10-13",
    start: "14:30",
    end: "17:30",
    leaderName: "李四",
    leaderPosition: "县长",
    unitName: "溆浦县人民政府",
    venue: "县群众来访接待中心二楼,第一接待室",
    form: "appointment",
    status: "published",
    updatedAt: new Date("2026-09-25T01:02:03Z"),
  },
  {
    id: "rs-001",
    date: "2026-10-08",
    start: "08:30",
    end: "12:00",
    leaderName: "张三",
    leaderPosition: "县委书记",
    portfolio: "主持县委全面工作",
    unitName: "中共溆浦县委",
    venue: "县群众来访接待中心一楼",
    form: "fixed",
    topics: longTopics,
    status: "published",
    updatedAt: new Date("2026-09-20T02:00:00Z"),
  },
  {
    id: "rs-003",
    date: "2026-10-15",
    start: "08:30",
    end: "11:30",
    leaderName: "王五",
    leaderPosition: "副县长",
    portfolio: "分管自然资源、住房城乡建设",
    unitName: "溆浦县人民政府",
    venue: "龙潭镇便民服务中心",
    form: "field",
    status: "cancelled",
    updatedAt: new Date("2026-10-10T08:00:00Z"),
  },
];

const text = receptionCalendar({
  name: "溆浦县领导接访日",
  url: "https://xupu.example.cn/reception.ics",
  sessions,
});
const parsed = parse(text);

describe("reception iCal feed", () => {
  it("is a VCALENDAR with its name, URL and one VEVENT per session", () => {
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(one(parsed.calendar, "X-WR-CALNAME").value).toBe("溆浦县领导接访日");
    expect(one(parsed.calendar, "URL").value).toBe("https://xupu.example.cn/reception.ics");
    expect(one(parsed.calendar, "PRODID").value).toBe("-//lianxin//reception//ZH");
    expect(parsed.events).toHaveLength(3);
    expect(parsed.events.map((event) => one(event, "UID").value)).toEqual([
      "rs-001@lianxin",
      "rs-002@lianxin",
      "rs-003@lianxin",
    ]);
  });

  it("writes only CRLF line ends and folds every line to at most 75 octets", () => {
    const physical = text.split("\r\n");
    expect(physical.at(-1)).toBe("");
    const encoder = new TextEncoder();
    for (const line of physical) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(encoder.encode(line).length, line).toBeLessThanOrEqual(75);
    }
    // The long Chinese description really was folded, not just short to begin with.
    expect(physical.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(3);
    // Folding never splits a UTF-8 character: every line decodes cleanly on its own.
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
    for (const line of physical) expect(decoder.decode(encoder.encode(line))).toBe(line);
  });

  it("gives the CST wall time with TZID=Asia/Shanghai and a matching VTIMEZONE", () => {
    const first = byUid(parsed.events, "rs-001@lianxin");
    expect(one(first, "DTSTART")).toEqual({
      params: "TZID=Asia/Shanghai",
      value: "20261008T083000",
    });
    expect(one(first, "DTEND")).toEqual({ params: "TZID=Asia/Shanghai", value: "20261008T120000" });
    const afternoon = byUid(parsed.events, "rs-002@lianxin");
    expect(one(afternoon, "DTSTART").value).toBe("20261013T143000");
    expect(one(afternoon, "DTEND").value).toBe("20261013T173000");

    expect(parsed.timezones).toHaveLength(1);
    expect(one(parsed.timezones[0], "TZID").value).toBe("Asia/Shanghai");
    expect(text).toContain("TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n");
    // The VTIMEZONE comes before the events that refer to it.
    expect(text.indexOf("BEGIN:VTIMEZONE")).toBeLessThan(text.indexOf("BEGIN:VEVENT"));
    // Cross-check: 08:30 CST is 00:30Z, the instant the booking side uses.
    expect(slotInstant("2026-10-08", "08:30").toISOString()).toBe("2026-10-08T00:30:00.000Z");
  });

  it("keeps UTC stamps as the RFC requires, from updatedAt", () => {
    const first = byUid(parsed.events, "rs-001@lianxin");
    expect(one(first, "DTSTAMP").value).toBe("20260920T020000Z");
    expect(one(first, "LAST-MODIFIED").value).toBe("20260920T020000Z");
    expect(one(first, "SEQUENCE").value).toBe(
      String(sequenceOf(sessions[1]?.updatedAt ?? new Date(NaN))),
    );
  });

  it("summarises leader and position and round-trips Chinese text", () => {
    const first = byUid(parsed.events, "rs-001@lianxin");
    expect(unescapeText(one(first, "SUMMARY").value)).toBe("领导接访：张三（县委书记）");
    expect(unescapeText(one(first, "LOCATION").value)).toBe("县群众来访接待中心一楼");
    const description = unescapeText(one(first, "DESCRIPTION").value);
    expect(description.split("\n").slice(0, 6)).toEqual([
      "接访单位：中共溆浦县委",
      "接访领导：张三（县委书记）",
      "分管工作：主持县委全面工作",
      "接访形式：定点接访",
      "接访时间：2026年10月8日（星期四）上午 08:30–12:00",
      "接访地点：县群众来访接待中心一楼",
    ]);
    expect(description).toContain(`接访事项：${longTopics}\n预约方式：`);

    const second = byUid(parsed.events, "rs-002@lianxin");
    // The comma in the venue was escaped on the way out and comes back intact.
    expect(one(second, "LOCATION").value).toBe("县群众来访接待中心二楼\\,第一接待室");
    expect(unescapeText(one(second, "LOCATION").value)).toBe("县群众来访接待中心二楼,第一接待室");
    const secondText = unescapeText(one(second, "DESCRIPTION").value);
    expect(secondText).toContain("接访形式：约访");
    expect(secondText).toContain("2026年10月13日（星期二）下午 14:30–17:30");
    expect(secondText).toContain("预约方式：请提前");
    expect(secondText).not.toContain("分管工作");
    expect(secondText).not.toContain("接访事项");
  });

  it("keeps cancelled sessions, marked as such", () => {
    const cancelled = byUid(parsed.events, "rs-003@lianxin");
    expect(one(cancelled, "STATUS").value).toBe("CANCELLED");
    expect(unescapeText(one(cancelled, "SUMMARY").value)).toBe(
      "【已取消】领导接访：王五（副县长）",
    );
    const description = unescapeText(one(cancelled, "DESCRIPTION").value);
    expect(description.startsWith("【本场接访已取消】\n")).toBe(true);
    expect(description).toContain("接访形式：下访");
    expect(description).not.toContain("预约方式");
    expect(one(byUid(parsed.events, "rs-001@lianxin"), "STATUS").value).toBe("CONFIRMED");
  });

  it("raises SEQUENCE when a session is edited or cancelled", () => {
    const base = sessions[1];
    if (!base) throw new Error("fixture");
    const before = receptionCalendar({ name: "x", sessions: [base] });
    const after = receptionCalendar({
      name: "x",
      sessions: [{ ...base, status: "cancelled", updatedAt: new Date("2026-10-01T00:00:01Z") }],
    });
    const seqBefore = Number(one(parse(before).events[0], "SEQUENCE").value);
    const seqAfter = Number(one(parse(after).events[0], "SEQUENCE").value);
    expect(seqAfter).toBeGreaterThan(seqBefore);
    expect(sequenceOf(new Date("2024-01-01T00:00:00Z"))).toBe(0);
    expect(sequenceOf(new Date("2023-06-01T00:00:00Z"))).toBe(0);
    expect(sequenceOf(new Date("2024-01-01T00:01:00Z"))).toBe(60);
    // Still a signed 32-bit integer decades on.
    expect(sequenceOf(new Date("2090-01-01T00:00:00Z"))).toBeLessThan(2 ** 31);
  });

  it("is a pure function of its input", () => {
    const again = receptionCalendar({
      name: "溆浦县领导接访日",
      url: "https://xupu.example.cn/reception.ics",
      sessions: [...sessions].reverse(),
    });
    expect(again).toBe(text);
  });

  it("escapes the calendar name, which the library leaves raw", () => {
    const feed = receptionCalendar({ name: "溆浦县,领导接访日\n第二行", sessions: [] });
    expect(feed).toContain("X-WR-CALNAME:溆浦县\\,领导接访日\\n第二行\r\n");
    expect(parse(feed).events).toHaveLength(0);
  });

  it("refuses sessions it cannot write faithfully", () => {
    const base = sessions[0];
    if (!base) throw new Error("fixture");
    expect(() => receptionCalendar({ name: "x", sessions: [{ ...base, end: "14:00" }] })).toThrow(
      RangeError,
    );
    expect(() =>
      receptionCalendar({ name: "x", sessions: [{ ...base, id: "a\r\nX-EVIL:1" }] }),
    ).toThrow(RangeError);
    expect(() =>
      receptionCalendar({ name: "x", sessions: [{ ...base, date: "2026-02-30" }] }),
    ).toThrow(RangeError);
  });
});
