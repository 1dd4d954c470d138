import type {
  DeliveryChannel,
  DeliveryStatus,
  NotifyEvent,
  RouteChannel,
  SupervisionForm,
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
  "case.routed": "收到转送交办",
  "case.ownerAssigned": "确定包案领导",
  "case.handlerDesignated": "指定承办人",
  "case.objected": "承办单位异议",
  "case.replied": "处理意见书出具",
  "case.extensionRequested": "延期申请待批",
  "case.sentBack": "发回重办",
  "case.reviewRequested": "申请复查复核",
  "case.groupVisit": "集体访",
  "petitioner.notice": "告知信访人",
};

export const EVENTS = Object.keys(EVENT_LABELS) as NotifyEvent[];

/** Events that go to citizens by SMS and need an SMS template code. */

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
  instruction: "领导批示",
};

export const SUPERVISION_FORMS = Object.keys(SUPERVISION_FORM_LABELS) as SupervisionForm[];

/** The server's own default wording and override checks, so the editor never drifts from them. */
export {
  BODY_MAX_LENGTH as TEMPLATE_BODY_MAX,
  DEFAULT_TEMPLATES,
  fieldProblems as templateProblems,
  SMS_EVENTS,
  TITLE_MAX_LENGTH as TEMPLATE_TITLE_MAX,
} from "../../../workers/notify/channels/templates.ts";

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
  action: "办理环节",
  message: "告知内容",
  reason: "理由",
  days: "天数",
  kind: "申请类别",
  headcount: "来访人数",
};

export function labelFor<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}
