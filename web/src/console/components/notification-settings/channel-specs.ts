import type { ChannelsEdit, ChannelsView } from "../../../../../schema/api/notifications.ts";
import type { NotifyEvent } from "../../../../../schema/reference/notify-events.ts";
import { EVENT_LABELS, SMS_EVENTS } from "../../../shared/notify-labels.ts";

// ---------------------------------------------------------------------------------------
// Channels

export type ChannelKey = keyof ChannelsView;

export interface FieldSpec {
  /** Path below channels.<channel> as the server reports it, e.g. "secret". */
  key: string;
  label: string;
  type?: "text" | "url" | "email" | "password";
  optional?: boolean;
  /** Write-only: blank keeps the stored value; needed when the channel is new. */
  secret?: boolean;
  /** Stored masked, so it must be typed again on every save. */
  reenter?: boolean;
  hint?: string;
  placeholder?: string;
  initial?: string;
  masked?: string | null | undefined;
  minLength?: number;
}

export interface ChannelSpec {
  key: ChannelKey;
  title: string;
  intro: string;
  configured: boolean;
  fields: FieldSpec[];
  build: (v: Record<string, string>) => NonNullable<ChannelsEdit[ChannelKey]>;
  extra?: string | undefined;
}

export const opt = (value: string) => (value.trim() ? value.trim() : undefined);

export function channelSpecs(view: ChannelsView): ChannelSpec[] {
  return [
    {
      key: "wecom",
      title: "企业微信群",
      intro: "群机器人的 Webhook 地址。超期和每日待办会发到群里。",
      configured: view.wecom !== null,
      fields: [
        {
          key: "webhookUrl",
          label: "Webhook 地址",
          type: "url",
          reenter: true,
          masked: view.wecom?.webhookUrl,
          placeholder: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
        },
      ],
      build: (v) => ({ webhookUrl: v.webhookUrl?.trim() ?? "" }),
    },
    {
      key: "dingtalk",
      title: "钉钉群",
      intro: "自定义机器人的 Webhook 地址和加签密钥。",
      configured: view.dingtalk !== null,
      fields: [
        {
          key: "webhookUrl",
          label: "Webhook 地址",
          type: "url",
          reenter: true,
          masked: view.dingtalk?.webhookUrl,
          placeholder: "https://oapi.dingtalk.com/robot/send?access_token=…",
        },
        { key: "secret", label: "加签密钥", secret: true, masked: view.dingtalk?.secret },
      ],
      build: (v) => ({ webhookUrl: v.webhookUrl?.trim() ?? "", secret: opt(v.secret ?? "") }),
    },
    {
      key: "sms",
      title: "短信（阿里云）",
      intro: "给群众发预约验证码、接访提醒和接访变动。每种消息需要一个已审核的短信模板。",
      configured: view.sms !== null,
      fields: [
        { key: "accessKeyId", label: "AccessKey ID", initial: view.sms?.accessKeyId ?? "" },
        {
          key: "accessKeySecret",
          label: "AccessKey Secret",
          secret: true,
          masked: view.sms?.accessKeySecret,
        },
        {
          key: "signName",
          label: "短信签名",
          initial: view.sms?.signName ?? "",
          placeholder: "如：溆浦县信访局",
        },
        ...SMS_EVENTS.map(
          (event): FieldSpec => ({
            key: `templateCodes.${event}`,
            label: `模板编号：${EVENT_LABELS[event]}`,
            optional: true,
            initial: view.sms?.templateCodes[event] ?? "",
            placeholder: "SMS_123456789",
          }),
        ),
        {
          key: "endpoint",
          label: "接口地址（选填）",
          type: "url",
          optional: true,
          initial: view.sms?.endpoint ?? "",
          hint: "留空使用阿里云默认地址。",
        },
      ],
      build: (v) => {
        const templateCodes: Partial<Record<NotifyEvent, string>> = {};
        for (const event of SMS_EVENTS) {
          const code = opt(v[`templateCodes.${event}`] ?? "");
          if (code) templateCodes[event] = code;
        }
        return {
          accessKeyId: v.accessKeyId?.trim() ?? "",
          accessKeySecret: opt(v.accessKeySecret ?? ""),
          signName: v.signName?.trim() ?? "",
          templateCodes,
          endpoint: opt(v.endpoint ?? ""),
        };
      },
    },
    {
      key: "webhook",
      title: "对接系统（Webhook）",
      intro: "把通知以 JSON 推送到本县其他系统（如网格化平台），用密钥签名。",
      configured: view.webhook !== null,
      fields: [
        {
          key: "url",
          label: "接收地址",
          type: "url",
          initial: view.webhook?.url ?? "",
          placeholder: "https://",
        },
        {
          key: "secret",
          label: "签名密钥",
          secret: true,
          masked: view.webhook?.secret,
          minLength: 16,
          hint: "至少 16 个字符，对方系统用它校验签名。",
        },
      ],
      build: (v) => ({ url: v.url?.trim() ?? "", secret: opt(v.secret ?? "") }),
    },
    {
      key: "email",
      title: "邮件",
      intro: "超期通知抄送给下方“邮件收件人”。",
      configured: view.email !== null,
      fields: [
        { key: "from", label: "发件地址", type: "email", initial: view.email?.from ?? "" },
        {
          key: "fromName",
          label: "发件人名称（选填）",
          optional: true,
          initial: view.email?.fromName ?? "",
          placeholder: "如：溆浦县信访局",
        },
      ],
      build: (v) => ({ from: v.from?.trim() ?? "", fromName: opt(v.fromName ?? "") }),
    },
    {
      key: "webPush",
      title: "浏览器推送",
      intro: "开启后，工作人员可在“消息”页面为自己的浏览器开启推送。密钥由系统生成。",
      configured: view.webPush !== null,
      fields: [
        {
          key: "subject",
          label: "联系方式",
          initial: view.webPush?.subject ?? "",
          placeholder: "mailto:xfj@example.gov.cn",
          hint: "推送服务商联系本县用的邮箱（mailto:）或网址。",
        },
      ],
      build: (v) => ({ subject: v.subject?.trim() ?? "" }),
      extra: view.webPush ? `公钥：${view.webPush.publicKey}` : undefined,
    },
  ];
}
