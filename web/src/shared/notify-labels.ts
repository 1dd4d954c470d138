import type {
  DeliveryChannel,
  DeliveryStatus,
  NotifyEvent,
  RouteChannel,
  SupervisionForm,
  Template,
} from "../api/notify.ts";

export const EVENT_LABELS: Record<NotifyEvent, string> = {
  "deadline.near": "临近到期",
  "deadline.dueToday": "今日到期",
  "deadline.overdue": "超期",
  "supervision.opened": "启动督办",
  "digest.daily": "每日待办",
  "evaluation.expired": "评价期满",
  "booking.code": "预约验证码",
  "reception.reminder": "接访提醒",
  "session.changed": "接访变动",
};

export const EVENTS = Object.keys(EVENT_LABELS) as NotifyEvent[];

/** Events that go to citizens by SMS and need an SMS template code. */
export const SMS_EVENTS: readonly NotifyEvent[] = [
  "booking.code",
  "reception.reminder",
  "session.changed",
];

export const ROUTE_CHANNEL_LABELS: Record<RouteChannel, string> = {
  in_app: "站内消息",
  web_push: "浏览器推送",
  wecom: "企业微信群",
  dingtalk: "钉钉群",
  webhook: "对接系统",
  email: "邮件",
  sms: "短信",
};

export const ROUTE_CHANNELS = Object.keys(ROUTE_CHANNEL_LABELS) as RouteChannel[];

export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  wecom: "企业微信群",
  dingtalk: "钉钉群",
  sms: "短信",
  email: "邮件",
  web_push: "浏览器推送",
  webhook: "对接系统",
};

export const DELIVERY_CHANNELS = Object.keys(DELIVERY_CHANNEL_LABELS) as DeliveryChannel[];

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  queued: "排队中",
  sending: "发送中",
  sent: "已发送",
  failed: "失败待重试",
  dead: "已放弃",
};

export const DELIVERY_STATUSES = Object.keys(DELIVERY_STATUS_LABELS) as DeliveryStatus[];

export const SUPERVISION_FORM_LABELS: Record<SupervisionForm, string> = {
  phone: "电话督办",
  letter: "发函督办",
  interview: "约谈督办",
  meeting: "会议督办",
  listed: "挂牌督办",
  bulletin: "通报督办",
};

export const SUPERVISION_FORMS = Object.keys(SUPERVISION_FORM_LABELS) as SupervisionForm[];

export interface DefaultTemplate extends Template {
  /** The placeholders the event supplies; an override may use these and no others. */
  params: readonly string[];
}

/** Copy of workers/notify/channels/templates.ts DEFAULT_TEMPLATES; keep in step. */
export const DEFAULT_TEMPLATES: Readonly<Record<NotifyEvent, DefaultTemplate>> = {
  "deadline.near": {
    title: "案件临近到期",
    body: "案件 {trackingCode}（{category}）的{deadline}将于 {due} 到期，已用时 {percent}%。",
    params: ["trackingCode", "category", "deadline", "due", "percent"],
  },
  "deadline.dueToday": {
    title: "案件今日到期",
    body: "案件 {trackingCode} 的{deadline}今日（{due}）到期。",
    params: ["trackingCode", "deadline", "due"],
  },
  "deadline.overdue": {
    title: "案件已超期",
    body: "案件 {trackingCode} 的{deadline}已于 {due} 超期，已转县信访局督办。",
    params: ["trackingCode", "deadline", "due"],
  },
  "supervision.opened": {
    title: "督办通知",
    body: "县信访局对 {unit} 承办的案件 {trackingCode} 启动{form}。",
    params: ["unit", "trackingCode", "form"],
  },
  "digest.daily": {
    title: "今日待办",
    body: "{unit} 今日待办：临近到期 {near} 件，今日到期 {dueToday} 件，已超期 {overdue} 件。",
    params: ["unit", "near", "dueToday", "overdue"],
  },
  "evaluation.expired": {
    title: "评价期限届满",
    body: "案件 {trackingCode} 的满意度评价期限已届满。",
    params: ["trackingCode"],
  },
  "booking.code": {
    title: "预约验证码",
    body: "【连心桥】您的验证码是 {code}，{minutes} 分钟内有效。请勿告诉他人。",
    params: ["code", "minutes"],
  },
  "reception.reminder": {
    title: "接访提醒",
    body: "【连心桥】您预约了 {date} {time} {leader} 的接访，地点 {venue}，预约码 {bookingCode}。",
    params: ["date", "time", "leader", "venue", "bookingCode"],
  },
  "session.changed": {
    title: "接访变动",
    body: "【连心桥】您预约的 {date} {leader} 接访有变动：{change}。",
    params: ["date", "leader", "change"],
  },
};

/** What each placeholder stands for, shown next to the template editor. */
export const PLACEHOLDER_LABELS: Record<string, string> = {
  trackingCode: "查询码",
  category: "内容分类",
  deadline: "期限名称",
  due: "截止日期",
  percent: "已用时百分比",
  unit: "单位",
  form: "督办形式",
  near: "临近到期件数",
  dueToday: "今日到期件数",
  overdue: "已超期件数",
  code: "验证码",
  minutes: "有效分钟数",
  date: "日期",
  time: "时段",
  leader: "接访领导",
  venue: "地点",
  bookingCode: "预约码",
  change: "变动内容",
};

export const TEMPLATE_TITLE_MAX = 30;
export const TEMPLATE_BODY_MAX = 500;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The same checks the server makes on a template override, in Chinese. */
export function templateProblems(
  text: string,
  label: string,
  max: number,
  params: readonly string[],
) {
  const problems: string[] = [];
  if (text.trim() === "") problems.push(`${label}不能为空`);
  if (text.length > max) problems.push(`${label}不能超过 ${max} 个字`);
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!params.includes(name)) problems.push(`${label}中的 {${name}} 不是可用的占位符`);
  }
  if (/[{}]/.test(text.replace(PLACEHOLDER, ""))) problems.push(`${label}中有不成对的花括号`);
  return [...new Set(problems)];
}

export function labelFor<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}
