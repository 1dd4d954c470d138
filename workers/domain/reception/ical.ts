import ical, {
  escape as escapeText,
  type ICalDayJsStub,
  ICalEventStatus,
  ICalEventTransparency,
} from "ical-generator";
import { FORM_LABELS, type ReceptionForm } from "../../../schema/reference/reception-forms.ts";
import { type IsoDate, weekday } from "../deadlines/dates.ts";
import { HALF_DAY_LABELS, halfDayOf, slotInstant } from "./session.ts";

/** One published (or withdrawn) reception session as subscribers see it. */
export interface FeedSession {
  id: string;
  date: IsoDate;
  start: string;
  end: string;
  leaderName: string;
  leaderPosition: string;
  /** 分管工作: what the leader is responsible for, so people know whom to bring what. */
  portfolio?: string;
  unitName: string;
  venue: string;
  form: ReceptionForm;
  topics?: string;
  status: "published" | "cancelled";
  updatedAt: Date;
}

export interface ReceptionFeed {
  /** Calendar name shown by the subscriber's app, e.g. "溆浦县领导接访日". */
  name: string;
  /** Where the feed itself lives; apps use it to refresh. */
  url?: string;
  sessions: FeedSession[];
}

const TZID = "Asia/Shanghai";

/**
 * China Standard Time has been UTC+8 without daylight saving since 1991, and every
 * session in a feed is in the future or the recent past, so one STANDARD block is the
 * whole truth. RFC 5545 §3.2.19 wants a VTIMEZONE for each TZID used; Outlook in
 * particular matches zones by this definition, not by the name.
 */
const VTIMEZONE_ASIA_SHANGHAI = [
  "BEGIN:VTIMEZONE",
  `TZID:${TZID}`,
  `X-LIC-LOCATION:${TZID}`,
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0800",
  "TZOFFSETTO:+0800",
  "TZNAME:CST",
  "DTSTART:19700101T000000",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

function vtimezone(tzid: string): string | null {
  return tzid === TZID ? VTIMEZONE_ASIA_SHANGHAI : null;
}

/**
 * A CST wall time for ical-generator. Given a plain Date and a TZID, the library reads
 * the wall time with the host's local-time getters, which in workerd are UTC, so 08:30
 * would come out as 00:30. Its date-adapter interface (the one dayjs satisfies) lets us
 * hand over the wall time we already know instead, with no time-zone database.
 */
function cstWallTime(date: IsoDate, hhmm: string): ICalDayJsStub {
  const instant = slotInstant(date, hhmm);
  const ymd = date.replaceAll("-", "");
  const hms = `${hhmm.replace(":", "")}00`;
  const stub: ICalDayJsStub = {
    format(pattern?: string): string {
      if (pattern === "YYYYMMDD") return ymd;
      if (pattern === "HHmmss") return hms;
      throw new Error(`unsupported wall-time format: ${String(pattern)}`);
    },
    isValid: () => true,
    toDate: () => new Date(instant.getTime()),
    toJSON: () => instant.toISOString(),
    tz(zone?: string): ICalDayJsStub {
      if (zone !== TZID) throw new Error(`wall time is in ${TZID}, not ${String(zone)}`);
      return stub;
    },
  };
  return stub;
}

/** 2024-01-01T00:00:00Z: SEQUENCE counts seconds from here to stay a 32-bit integer. */
const SEQUENCE_EPOCH_MS = Date.UTC(2024, 0, 1);

/**
 * RFC 5545 wants SEQUENCE to grow with each revision, and it is a signed 32-bit integer.
 * Seconds since 2024 grow with every save of `updatedAt` and fit until 2092; Unix
 * seconds would overflow in 2038.
 */
export function sequenceOf(updatedAt: Date): number {
  const ms = updatedAt.getTime();
  if (Number.isNaN(ms)) throw new RangeError("updatedAt is not a valid Date");
  return Math.max(0, Math.floor((ms - SEQUENCE_EPOCH_MS) / 1000));
}

const BOOKING_HINTS: Readonly<Record<ReceptionForm, string>> = Object.freeze({
  fixed: "当天到接访地点登记取号，按号依次接谈；也可提前在网上预约时段。",
  appointment: "请提前在网上或到信访接待场所预约时段，按预约时间到场。",
  field: "领导带案下访，相关群众可提前向所在乡镇（街道）信访办登记，也可在网上预约。",
  video: "请提前预约，当天到就近的信访接待场所与领导视频接谈。",
  online: "在网上信访平台提交诉求，由领导在线接谈答复，无需到场。",
  joint: "多个部门联合接待，当天到场登记取号，也可提前在网上预约时段。",
});

const WEEKDAY_LABELS = ["日", "一", "二", "三", "四", "五", "六"] as const;

/** "2026年10月8日（星期四）", the way notices write a date. */
function dateLabel(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日（星期${WEEKDAY_LABELS[weekday(date)] ?? ""}）`;
}

/**
 * ical-generator writes UID verbatim, so a line break would inject properties; our ids
 * are printable ASCII, and anything else is a bug upstream.
 */
const UID_SAFE = /^[!-~]+$/;

function checkSession(session: FeedSession): void {
  if (!UID_SAFE.test(session.id)) {
    throw new RangeError(`session id unusable as a UID: ${JSON.stringify(session.id)}`);
  }
  // The library would silently swap a reversed start and end.
  if (slotInstant(session.date, session.end) <= slotInstant(session.date, session.start)) {
    throw new RangeError(
      `session ${session.id} ends (${session.end}) before it starts (${session.start})`,
    );
  }
}

function description(session: FeedSession): string {
  const lines: string[] = [];
  if (session.status === "cancelled") lines.push("【本场接访已取消】");
  lines.push(`接访单位：${session.unitName}`);
  lines.push(`接访领导：${session.leaderName}（${session.leaderPosition}）`);
  if (session.portfolio) lines.push(`分管工作：${session.portfolio}`);
  lines.push(`接访形式：${FORM_LABELS[session.form]}`);
  const half = HALF_DAY_LABELS[halfDayOf(session.start)];
  lines.push(`接访时间：${dateLabel(session.date)}${half} ${session.start}–${session.end}`);
  lines.push(`接访地点：${session.venue}`);
  if (session.topics) lines.push(`接访事项：${session.topics}`);
  if (session.status !== "cancelled") lines.push(`预约方式：${BOOKING_HINTS[session.form]}`);
  return lines.join("\n");
}

/**
 * The county's reception schedule as an RFC 5545 feed for calendar subscriptions.
 *
 * Times are written as DTSTART;TZID=Asia/Shanghai with a VTIMEZONE, not as UTC: every
 * major app (Apple, Google, Outlook) then shows "08:30 中国标准时间" as published, and
 * a device set to another zone still converts correctly. DTSTAMP, LAST-MODIFIED stay in
 * UTC as the RFC requires; the calendar-level zone is left unset because ical-generator
 * would otherwise write those in host-local time without a Z.
 *
 * Cancelled sessions stay in the feed with STATUS:CANCELLED and a bumped SEQUENCE, so a
 * subscriber's copy changes instead of silently lingering; the summary also says so,
 * since some apps ignore STATUS on subscribed calendars.
 *
 * DTSTAMP is each session's `updatedAt`: with no METHOD, RFC 5545 §3.8.7.2 defines it as
 * the time the information was last revised. That keeps the output a pure function of
 * the sessions, so it can be cached and compared byte for byte.
 */
export function receptionCalendar(feed: ReceptionFeed): string {
  const calendar = ical({
    // The library writes NAME/X-WR-CALNAME unescaped; a comma or newline would corrupt it.
    name: escapeText(feed.name, false),
    prodId: { company: "lianxin", product: "reception", language: "ZH" },
    timezone: { name: null, generator: vtimezone },
    ttl: 60 * 60,
  });
  // URL is written unescaped too; the URL parser drops stray newlines and normalises it.
  if (feed.url) calendar.url(new URL(feed.url).href);
  calendar.x([["X-WR-TIMEZONE", TZID]]);

  const sessions = [...feed.sessions].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id.localeCompare(b.id),
  );
  for (const session of sessions) {
    checkSession(session);
    const cancelled = session.status === "cancelled";
    const summary = `领导接访：${session.leaderName}（${session.leaderPosition}）`;
    calendar.createEvent({
      id: `${session.id}@lianxin`,
      start: cstWallTime(session.date, session.start),
      end: cstWallTime(session.date, session.end),
      timezone: TZID,
      summary: cancelled ? `【已取消】${summary}` : summary,
      location: session.venue,
      description: description(session),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // Listing a leader's session must not mark the subscriber busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      sequence: sequenceOf(session.updatedAt),
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
    });
  }
  // The library leaves the last line unterminated; RFC 5545 ends every line with CRLF.
  return `${calendar.toString()}\r\n`;
}
