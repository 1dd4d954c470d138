import type { TicketStatus } from "../../../schema/realtime/reception-queue.ts";

export {
  FORM_LABELS,
  receptionForms as FORMS,
} from "../../../schema/reference/reception-forms.ts";

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  waiting: "等候",
  called: "接待中",
  parked: "暂离",
  no_show: "未到",
  completed: "已办结",
  transferred: "已转接",
};

export const BOOKING_STATUS_LABELS: Record<string, string> = {
  active: "已预约",
  cancelled: "已取消",
  checked_in: "已签到",
  completed: "已接待",
  no_show: "未到",
};

/** 1 = Monday … 7 = Sunday, as the API numbers weekdays. */
export const ISO_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"].map((name, i) => ({
  value: i + 1,
  label: `周${name}`,
}));

/** "09:30" → minutes after midnight. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** "1 号" as queue numbers are called out. */
export const ticketName = (n: number) => `${n} 号`;
