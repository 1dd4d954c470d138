/** Where notices go (per-event routes), how deliveries stand, and the forms of 督办. */
export const routeChannels = [
  "in_app",
  "web_push",
  "wecom",
  "dingtalk",
  "webhook",
  "email",
  "sms",
] as const;
export type RouteChannel = (typeof routeChannels)[number];

export const ROUTE_CHANNEL_LABELS: Readonly<Record<RouteChannel, string>> =
  /* @__PURE__ */ Object.freeze({
    in_app: "站内消息",
    web_push: "浏览器推送",
    wecom: "企业微信群",
    dingtalk: "钉钉群",
    webhook: "对接系统",
    email: "邮件",
    sms: "短信",
  });

/** The channels that go through the outbox (in-app notices are written directly). */
export const deliveryChannels = [
  "wecom",
  "dingtalk",
  "sms",
  "email",
  "web_push",
  "webhook",
] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export const DELIVERY_CHANNEL_LABELS: Readonly<Record<DeliveryChannel, string>> =
  /* @__PURE__ */ Object.freeze({
    wecom: "企业微信群",
    dingtalk: "钉钉群",
    sms: "短信",
    email: "邮件",
    web_push: "浏览器推送",
    webhook: "对接系统",
  });

export const deliveryStatuses = ["queued", "sending", "sent", "failed", "dead"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const DELIVERY_STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> =
  /* @__PURE__ */ Object.freeze({
    queued: "排队中",
    sending: "发送中",
    sent: "已发送",
    failed: "失败待重试",
    dead: "已放弃",
  });

export const supervisionForms = [
  "phone",
  "letter",
  "interview",
  "meeting",
  "listed",
  "bulletin",
  /** A leader's written instruction on the case (领导批示). */
  "instruction",
] as const;
export type SupervisionForm = (typeof supervisionForms)[number];

export const SUPERVISION_FORM_LABELS: Readonly<Record<SupervisionForm, string>> =
  /* @__PURE__ */ Object.freeze({
    phone: "电话督办",
    letter: "发函督办",
    interview: "约谈督办",
    meeting: "会议督办",
    listed: "挂牌督办",
    bulletin: "通报督办",
    instruction: "领导批示",
  });
