/**
 * The notification events, each with its Chinese name and the default wording a county may
 * override, and the checks an override must pass. The server renders with these and the
 * settings page edits and checks against these same values, so the two never drift.
 */
export const notifyEvents = [
  "deadline.near",
  "deadline.dueToday",
  "deadline.overdue",
  "supervision.opened",
  "digest.daily",
  "evaluation.expired",
  "booking.code",
  "reception.booked",
  "reception.reminder",
  "reception.registered",
  "reception.invited",
  "reception.answered",
  "session.changed",
  "case.routed",
  "case.ownerAssigned",
  "case.handlerDesignated",
  "case.objected",
  "case.replied",
  "case.extensionRequested",
  "case.sentBack",
  "case.reviewRequested",
  "case.groupVisit",
  "petitioner.notice",
  "calendar.missing",
] as const;
export type NotifyEvent = (typeof notifyEvents)[number];

export const EVENT_LABELS: Readonly<Record<NotifyEvent, string>> = /* @__PURE__ */ Object.freeze({
  "deadline.near": "临近到期",
  "deadline.dueToday": "今日到期",
  "deadline.overdue": "超期",
  "supervision.opened": "启动督办",
  "digest.daily": "每日待办",
  "evaluation.expired": "评价期满",
  "booking.code": "预约验证码",
  "reception.booked": "预约成功",
  "reception.reminder": "接访提醒",
  "reception.registered": "接访登记",
  "reception.invited": "领导约访",
  "reception.answered": "约访回复",
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
  "calendar.missing": "次年节假日未录入",
});

export interface MessageTemplate {
  title: string;
  body: string;
}

export interface DefaultTemplate extends MessageTemplate {
  /** The placeholders the event supplies; an override may use these and no others. */
  params: readonly string[];
}

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
  "reception.booked": {
    title: "预约成功",
    body: "【连心桥】已预约 {date} {time} {leader} 接访，地点 {venue}，预约码 {bookingCode}。",
    params: ["date", "time", "leader", "venue", "bookingCode"],
  },
  "reception.registered": {
    title: "接访已登记",
    body: "【连心桥】您反映的问题已登记，查询码 {trackingCode}。凭查询码和手机号后四位可在网上查询办理进度。",
    params: ["trackingCode"],
  },
  "reception.invited": {
    title: "领导约访",
    body: "【连心桥】{leader}约您 {date} {time} 到{venue}面谈，请打开链接确认或另约时间：{link}",
    params: ["leader", "date", "time", "venue", "link"],
  },
  "reception.answered": {
    title: "约访回复",
    body: "案件 {trackingCode} 的信访人对 {date} {time} 的约访{answer}。",
    params: ["trackingCode", "date", "time", "answer"],
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
  "case.routed": {
    title: "新案件待办",
    body: "{from}向{unit}{action}案件 {trackingCode}（{category}），请及时办理。",
    params: ["action", "from", "unit", "trackingCode", "category"],
  },
  "case.ownerAssigned": {
    title: "包案通知",
    body: "您已被确定为案件 {trackingCode}（{category}）的包案领导。",
    params: ["trackingCode", "category"],
  },
  "case.handlerDesignated": {
    title: "承办通知",
    body: "您已被指定为案件 {trackingCode}（{category}）的承办人。",
    params: ["trackingCode", "category"],
  },
  "case.objected": {
    title: "承办单位提出异议",
    body: "{unit}对案件 {trackingCode} 提出异议：{reason}。请作出决定。",
    params: ["unit", "trackingCode", "reason"],
  },
  "case.replied": {
    title: "处理意见书已出具",
    body: "{unit}已就案件 {trackingCode}（{category}）出具处理意见书，请审核办结情况。",
    params: ["unit", "trackingCode", "category"],
  },
  "case.extensionRequested": {
    title: "延期申请待批",
    body: "案件 {trackingCode}（{category}）申请延期 {days} 日，理由：{reason}。请审批。",
    params: ["trackingCode", "category", "days", "reason"],
  },
  "case.sentBack": {
    title: "案件发回重办",
    body: "案件 {trackingCode} 的办结报告未通过审核，发回重办：{reason}。请于 {due} 前重新办结。",
    params: ["trackingCode", "reason", "due"],
  },
  "case.reviewRequested": {
    title: "申请复查复核",
    body: "信访人对案件 {trackingCode}（{category}）的处理意见不服，申请{kind}。请及时办理。",
    params: ["trackingCode", "category", "kind"],
  },
  "case.groupVisit": {
    title: "集体访预警",
    body: "{unit}登记集体访 {headcount} 人，案件 {trackingCode}（{category}），请及时研判处置。",
    params: ["unit", "headcount", "trackingCode", "category"],
  },
  "calendar.missing": {
    title: "请录入节假日",
    body: "{year} 年的节假日安排尚未录入，跨年案件的期限暂按周末计算。请在“节假日”页面录入。",
    params: ["year"],
  },
  "petitioner.notice": {
    title: "信访事项告知",
    body: "【连心桥】您的信访事项（查询码 {trackingCode}）{message}",
    params: ["trackingCode", "message"],
  },
};

/** What each placeholder stands for, shown next to the template editor. */
export const PLACEHOLDER_LABELS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
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
  link: "链接",
  action: "办理环节",
  from: "交办单位",
  message: "告知内容",
  reason: "理由",
  days: "天数",
  kind: "申请类别",
  headcount: "来访人数",
  year: "年份",
  answer: "信访人的回复",
});

/** The events that reach citizens by SMS, where one message is 70 characters. */
export const SMS_EVENTS: readonly NotifyEvent[] = [
  "booking.code",
  "reception.booked",
  "reception.reminder",
  "reception.registered",
  "reception.invited",
  "session.changed",
  "petitioner.notice",
];

export const TITLE_MAX_LENGTH = 30;
export const BODY_MAX_LENGTH = 500;

export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholder names in `text`, each once, in order of appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1] ?? ""))];
}

/**
 * Problems with one field of a template override, in Chinese. The settings page checks
 * each field as it is typed with this same function.
 */
export function fieldProblems(
  text: string,
  label: string,
  max: number,
  allowedParams: readonly string[],
): string[] {
  const problems: string[] = [];
  if (text.trim() === "") problems.push(`${label}不能为空`);
  if (text.length > max) problems.push(`${label}不能超过 ${max} 个字`);
  for (const name of placeholdersOf(text)) {
    if (!allowedParams.includes(name)) problems.push(`${label}中的 {${name}} 不是可用的占位符`);
  }
  // A brace left over once placeholders are taken out is a typo such as "{trackingCode".
  if (/[{}]/.test(text.replace(PLACEHOLDER, ""))) problems.push(`${label}中有不成对的花括号`);
  return [...new Set(problems)];
}

/** Problems with a tenant's template override, in Chinese for the settings page. */
export function templateProblems(
  template: MessageTemplate,
  allowedParams: readonly string[],
): string[] {
  return [
    ...fieldProblems(template.title, "标题", TITLE_MAX_LENGTH, allowedParams),
    ...fieldProblems(template.body, "正文", BODY_MAX_LENGTH, allowedParams),
  ];
}
