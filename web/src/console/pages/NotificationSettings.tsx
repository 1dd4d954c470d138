import { useState } from "preact/hooks";
import type {
  ChannelsEdit,
  ChannelsView,
  NotificationRoute,
  NotificationSettingsView as NotificationSettings,
  MessageTemplate as Template,
} from "../../../../schema/api/notifications.ts";
import type { RouteChannel } from "../../../../schema/reference/notify-delivery.ts";
import type { NotifyEvent } from "../../../../schema/reference/notify-events.ts";
import { getNotificationSettings, putNotificationSettings } from "../../api/notify.ts";
import {
  DEFAULT_TEMPLATES,
  EVENT_LABELS,
  EVENTS,
  PLACEHOLDER_LABELS,
  ROUTE_CHANNEL_LABELS,
  ROUTE_CHANNELS,
  SMS_EVENTS,
  TEMPLATE_BODY_MAX,
  TEMPLATE_TITLE_MAX,
  templateProblems,
} from "../../shared/notify-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert, fieldErrors, SuccessStatus } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

type Saved = (settings: NotificationSettings) => void;

/** One PUT per section: a section's mistakes never hold back another's changes. */
function useSave(tenant: string, onSaved: Saved) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const save = async (body: Parameters<typeof putNotificationSettings>[1], done: string) => {
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      onSaved(await putNotificationSettings(tenant, body));
      setStatus(done);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, status, setError, setStatus, save };
}

export function NotificationSettingsPage() {
  const { tenant, me } = useSession();
  usePageTitle("通知设置", me.tenant.name);
  const settings = useAsync(() => getNotificationSettings(tenant), tenant);
  const onSaved: Saved = (next) => settings.setData(() => next);
  const data = settings.data;

  return (
    <>
      <h1>通知设置</h1>
      <p class="lead">
        期限提醒、超期和督办通知发往哪些渠道、发给谁，以及消息的措辞。
        <a href={consolePath(tenant, "/deliveries")}>查看发送记录</a>
      </p>
      <ErrorAlert error={settings.error} />
      {!data && settings.loading && <Loading what="通知设置" />}
      {data && (
        <>
          <nav class="card toc" aria-label="本页目录">
            <ul>
              <li>
                <a href="#channels-title">发送渠道</a>
              </li>
              <li>
                <a href="#routes-title">通知路由</a>
              </li>
              <li>
                <a href="#quiet-title">免打扰时段</a>
              </li>
              <li>
                <a href="#email-title">邮件收件人</a>
              </li>
              <li>
                <a href="#templates-title">消息模板</a>
              </li>
            </ul>
          </nav>
          <ChannelsSection tenant={tenant} channels={data.channels} onSaved={onSaved} />
          <RoutesSection tenant={tenant} settings={data} onSaved={onSaved} />
          <QuietHoursSection tenant={tenant} quietHours={data.quietHours} onSaved={onSaved} />
          <EmailSection tenant={tenant} emailTo={data.emailTo} onSaved={onSaved} />
          <TemplatesSection tenant={tenant} templates={data.templates} onSaved={onSaved} />
        </>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------
// Channels

type ChannelKey = keyof ChannelsView;

interface FieldSpec {
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

interface ChannelSpec {
  key: ChannelKey;
  title: string;
  intro: string;
  configured: boolean;
  fields: FieldSpec[];
  build: (v: Record<string, string>) => NonNullable<ChannelsEdit[ChannelKey]>;
  extra?: string | undefined;
}

const opt = (value: string) => (value.trim() ? value.trim() : undefined);

function channelSpecs(view: ChannelsView): ChannelSpec[] {
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

function ChannelsSection({
  tenant,
  channels,
  onSaved,
}: {
  tenant: string;
  channels: ChannelsView;
  onSaved: Saved;
}) {
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">发送渠道</h2>
      <p class="hint">密钥只写不读：页面只显示末尾几位；留空即保持原密钥不变。站内消息无需配置。</p>
      <div class="channel-grid">
        {channelSpecs(channels).map((spec) => (
          <ChannelCard key={spec.key} tenant={tenant} spec={spec} onSaved={onSaved} />
        ))}
      </div>
    </section>
  );
}

function ChannelCard({
  tenant,
  spec,
  onSaved,
}: {
  tenant: string;
  spec: ChannelSpec;
  onSaved: Saved;
}) {
  const initial = () => Object.fromEntries(spec.fields.map((f) => [f.key, f.initial ?? ""]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { saving, error, status, save, setStatus, setError } = useSave(tenant, onSaved);
  const id = (key: string) => `ch-${spec.key}-${key.replace(/[^A-Za-z0-9]/g, "-")}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    for (const f of spec.fields) {
      const value = values[f.key]?.trim() ?? "";
      const needed = f.secret ? !spec.configured : !f.optional;
      if (!value && needed) {
        problems[f.key] = f.secret ? "新配置的渠道需要填写密钥" : `请填写${f.label}`;
      } else if (value && f.minLength && value.length < f.minLength) {
        problems[f.key] = `至少 ${f.minLength} 个字符`;
      }
    }
    setLocal(problems);
    const first = spec.fields.find((f) => problems[f.key]);
    if (first) {
      setError(null);
      setStatus(null);
      document.getElementById(id(first.key))?.focus();
      return;
    }
    const ok = await save(
      { channels: { [spec.key]: spec.build(values) } },
      `${spec.title}已保存。`,
    );
    // Secrets typed in are not kept in the page once stored.
    if (ok) {
      setValues((v) =>
        Object.fromEntries(
          Object.entries(v).map(([k, val]) => {
            const field = spec.fields.find((f) => f.key === k);
            return [k, field?.secret || field?.reenter ? "" : val];
          }),
        ),
      );
    }
  };

  const remove = async () => {
    if (!window.confirm(`确定移除${spec.title}？移除后不再经此渠道发送通知。`)) return;
    setLocal({});
    if (await save({ channels: { [spec.key]: null } }, `${spec.title}已移除。`)) {
      setValues(Object.fromEntries(spec.fields.map((f) => [f.key, ""])));
    }
  };

  const server = fieldErrors(error);
  const fieldError = (key: string) => local[key] ?? server[`channels.${spec.key}.${key}`];
  const titleId = `ch-${spec.key}-title`;
  return (
    <section class="card channel" aria-labelledby={titleId} data-channel={spec.key}>
      <div class="channel__head">
        <h3 id={titleId}>{spec.title}</h3>
        {spec.configured ? (
          <span class="tag tag--ok" data-testid="channel-state">
            <span aria-hidden="true" class="tag__icon">
              ✓
            </span>
            已配置
          </span>
        ) : (
          <span class="tag" data-testid="channel-state">
            未配置
          </span>
        )}
      </div>
      <p class="hint">{spec.intro}</p>
      <form class="form" onSubmit={submit} noValidate>
        {spec.fields.map((f) => {
          const hint = [
            f.hint,
            f.masked
              ? f.secret
                ? `当前：${f.masked}，留空保持不变。`
                : `当前：${f.masked}，保存时需重新填写完整地址。`
              : "",
          ]
            .filter(Boolean)
            .join(" ");
          return (
            <TextField
              key={f.key}
              id={id(f.key)}
              label={f.label}
              type={f.secret ? "password" : f.type}
              autoComplete={f.secret ? "new-password" : "off"}
              value={values[f.key] ?? ""}
              onValue={(value) => setValues((v) => ({ ...v, [f.key]: value }))}
              placeholder={f.secret && f.masked ? "留空保持不变" : f.placeholder}
              hint={hint || undefined}
              maxLength={f.type === "url" ? 1000 : 200}
              error={fieldError(f.key)}
            />
          );
        })}
        {spec.extra && <p class="hint code-text">{spec.extra}</p>}
        <ErrorAlert error={error} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            {spec.configured ? `保存${spec.title}` : `启用${spec.title}`}
          </button>
          {spec.configured && (
            <button type="button" class="button" disabled={saving} onClick={remove}>
              移除
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Routes

/** Channels that need a configuration before anything goes out through them. */
const CONFIGURED_BY: Partial<Record<RouteChannel, ChannelKey>> = {
  web_push: "webPush",
  wecom: "wecom",
  dingtalk: "dingtalk",
  webhook: "webhook",
  email: "email",
  sms: "sms",
};

function RoutesSection({
  tenant,
  settings,
  onSaved,
}: {
  tenant: string;
  settings: NotificationSettings;
  onSaved: Saved;
}) {
  const [routes, setRoutes] = useState<Partial<Record<NotifyEvent, NotificationRoute>>>(
    settings.routes,
  );
  const { saving, error, status, save } = useSave(tenant, onSaved);

  const toggle = (event: NotifyEvent, channel: RouteChannel, on: boolean) =>
    setRoutes((r) => {
      const current = r[event] ?? { channels: [] };
      const channels = on
        ? [...current.channels, channel]
        : current.channels.filter((c) => c !== channel);
      return {
        ...r,
        [event]: { ...current, channels: ROUTE_CHANNELS.filter((c) => channels.includes(c)) },
      };
    });

  const submit = (event: Event) => {
    event.preventDefault();
    void save({ routes }, "通知路由已保存。");
  };

  const unconfigured = (channel: RouteChannel) => {
    const key = CONFIGURED_BY[channel];
    return key !== undefined && settings.channels[key] === null;
  };

  return (
    <section class="card" aria-labelledby="routes-title">
      <h2 id="routes-title">通知路由</h2>
      <p class="hint">
        勾选每类通知经哪些渠道发出。站内消息和浏览器推送发给案件的承办人、单位负责人和包案领导，
        超期时还发给县信访局督办员；群、对接系统和邮件发给整个单位。标“未配置”的渠道需先在上方配置。
      </p>
      <form class="form" onSubmit={submit}>
        <table class="table routes-table">
          <caption class="visually-hidden">通知路由：事件与渠道</caption>
          <thead>
            <tr>
              <th scope="col">通知</th>
              {ROUTE_CHANNELS.map((c) => (
                <th key={c} scope="col">
                  {ROUTE_CHANNEL_LABELS[c]}
                  {unconfigured(c) && <span class="routes-table__off">（未配置）</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {EVENTS.map((event) => (
              <tr key={event} data-event={event}>
                <th scope="row" data-label="通知">
                  <span>{EVENT_LABELS[event]}</span>
                </th>
                {ROUTE_CHANNELS.map((channel) => {
                  const label = `${EVENT_LABELS[event]}：${ROUTE_CHANNEL_LABELS[channel]}`;
                  return (
                    <td
                      key={channel}
                      data-label={`${ROUTE_CHANNEL_LABELS[channel]}${unconfigured(channel) ? "（未配置）" : ""}`}
                    >
                      <input
                        type="checkbox"
                        class="routes-table__check"
                        aria-label={label}
                        checked={routes[event]?.channels.includes(channel) ?? false}
                        onChange={(e) => toggle(event, channel, e.currentTarget.checked)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorAlert error={error} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存通知路由
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Quiet hours

function QuietHoursSection({
  tenant,
  quietHours,
  onSaved,
}: {
  tenant: string;
  quietHours: NotificationSettings["quietHours"];
  onSaved: Saved;
}) {
  const [on, setOn] = useState(quietHours !== null);
  const [start, setStart] = useState(quietHours?.start ?? "21:00");
  const [end, setEnd] = useState(quietHours?.end ?? "08:00");
  const { saving, error, status, save } = useSave(tenant, onSaved);
  const errors = fieldErrors(error);

  const submit = (event: Event) => {
    event.preventDefault();
    void save(
      { quietHours: on ? { start, end } : null },
      on ? `免打扰时段已设为 ${start}–${end}。` : "已关闭免打扰时段。",
    );
  };

  return (
    <section class="card" aria-labelledby="quiet-title">
      <h2 id="quiet-title">免打扰时段</h2>
      <p class="hint">
        时段内不给群众发短信（验证码除外），到时段结束再发。时段可跨午夜，如 21:00 至次日 08:00。
      </p>
      <form class="form" onSubmit={submit}>
        <div class="field field--check">
          <label class="check" for="quiet-on">
            <input
              id="quiet-on"
              type="checkbox"
              checked={on}
              onChange={(e) => setOn(e.currentTarget.checked)}
            />
            启用免打扰时段
          </label>
        </div>
        {on && (
          <div class="form-grid">
            <TextField
              id="quiet-start"
              label="开始时间"
              type="time"
              value={start}
              onValue={setStart}
              required
              error={errors["quietHours.start"]}
            />
            <TextField
              id="quiet-end"
              label="结束时间"
              type="time"
              value={end}
              onValue={setEnd}
              required
              error={errors["quietHours.end"]}
            />
          </div>
        )}
        <ErrorAlert error={error} labels={{ start: "开始时间", end: "结束时间" }} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存免打扰时段
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Email recipients

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function EmailSection({
  tenant,
  emailTo,
  onSaved,
}: {
  tenant: string;
  emailTo: string[];
  onSaved: Saved;
}) {
  const [text, setText] = useState(emailTo.join("\n"));
  const [local, setLocal] = useState<string | null>(null);
  const { saving, error, status, save } = useSave(tenant, onSaved);

  const submit = (event: Event) => {
    event.preventDefault();
    const list = [
      ...new Set(
        text
          .split(/[\s,，;；]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const bad = list.filter((a) => !EMAIL.test(a));
    if (bad.length > 0) setLocal(`邮箱地址格式不正确：${bad.join("、")}`);
    else if (list.length > 10) setLocal("最多 10 个收件人");
    else {
      setLocal(null);
      setText(list.join("\n"));
      void save(
        { emailTo: list },
        list.length ? `邮件收件人已保存（${list.length} 个）。` : "已清空邮件收件人。",
      );
      return;
    }
    document.getElementById("email-to")?.focus();
  };

  return (
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title">邮件收件人</h2>
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          id="email-to"
          label="收件邮箱（选填）"
          multiline
          rows={3}
          value={text}
          onValue={setText}
          hint="每行一个，最多 10 个。经“邮件”渠道发出的通知发给这些地址。"
          error={local ?? undefined}
        />
        <ErrorAlert error={error} labels={{ emailTo: "收件邮箱" }} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存邮件收件人
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------
// Templates

function TemplatesSection({
  tenant,
  templates,
  onSaved,
}: {
  tenant: string;
  templates: NotificationSettings["templates"];
  onSaved: Saved;
}) {
  const [drafts, setDrafts] = useState<Record<NotifyEvent, Template>>(
    () =>
      Object.fromEntries(
        EVENTS.map((e) => [
          e,
          { title: templates[e]?.title ?? "", body: templates[e]?.body ?? "" },
        ]),
      ) as Record<NotifyEvent, Template>,
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const { saving, error, status, save, setError, setStatus } = useSave(tenant, onSaved);

  const set = (event: NotifyEvent, part: keyof Template) => (value: string) =>
    setDrafts((d) => ({ ...d, [event]: { ...d[event], [part]: value } }));

  const submit = (e: Event) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const body: Partial<Record<NotifyEvent, Template>> = {};
    for (const event of EVENTS) {
      const draft = drafts[event];
      if (!draft.title.trim() && !draft.body.trim()) continue;
      const def = DEFAULT_TEMPLATES[event];
      // Half an override takes the other half from the default.
      const next = {
        title: draft.title.trim() || def.title,
        body: draft.body.trim() || def.body,
      };
      const t = templateProblems(next.title, "标题", TEMPLATE_TITLE_MAX, def.params);
      const b = templateProblems(next.body, "正文", TEMPLATE_BODY_MAX, def.params);
      if (t.length) problems[`${event}.title`] = t.join("；");
      if (b.length) problems[`${event}.body`] = b.join("；");
      const current = templates[event];
      if (!current || current.title !== next.title || current.body !== next.body) {
        body[event] = next;
      }
    }
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      setError(null);
      setStatus(null);
      const [event, part] = [
        first.slice(0, first.lastIndexOf(".")),
        first.slice(first.lastIndexOf(".") + 1),
      ];
      const details = document.getElementById(`tpl-${event.replace(".", "-")}`);
      if (details instanceof HTMLDetailsElement) details.open = true;
      document.getElementById(`tpl-${event.replace(".", "-")}-${part}`)?.focus();
      return;
    }
    if (Object.keys(body).length === 0) {
      setStatus("模板没有改动。");
      return;
    }
    void save({ templates: body }, `已保存 ${Object.keys(body).length} 个消息模板。`);
  };

  // The server reports template problems as templates.<event> (event names contain dots).
  const serverProblems: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const event = EVENTS.find(
      (e) => path === `templates.${e}` || path.startsWith(`templates.${e}.`),
    );
    if (event) serverProblems[event] = message;
  }

  return (
    <section class="card" aria-labelledby="templates-title">
      <h2 id="templates-title">消息模板</h2>
      <p class="hint">
        留空使用默认措辞。花括号中的占位符发送时替换为实际内容，只能使用列出的占位符。
      </p>
      <form class="form" onSubmit={submit} noValidate>
        {EVENTS.map((event) => {
          const def = DEFAULT_TEMPLATES[event];
          const key = event.replace(".", "-");
          const custom = templates[event] !== undefined;
          return (
            <details key={event} id={`tpl-${key}`} class="template" data-event={event}>
              <summary>
                {EVENT_LABELS[event]}
                {custom && <span class="tag tag--info">已自定义</span>}
              </summary>
              <div class="form template__body">
                <p class="hint">
                  可用占位符：
                  {def.params.map((p, i) => (
                    <span key={p}>
                      {i > 0 && "、"}
                      <code>{`{${p}}`}</code> {PLACEHOLDER_LABELS[p] ?? ""}
                    </span>
                  ))}
                </p>
                <TextField
                  id={`tpl-${key}-title`}
                  label={`标题（默认：${def.title}）`}
                  value={drafts[event].title}
                  onValue={set(event, "title")}
                  placeholder={def.title}
                  maxLength={TEMPLATE_TITLE_MAX}
                  error={local[`${event}.title`]}
                />
                <TextField
                  id={`tpl-${key}-body`}
                  label="正文"
                  multiline
                  rows={3}
                  value={drafts[event].body}
                  onValue={set(event, "body")}
                  placeholder={def.body}
                  hint={`默认：${def.body}`}
                  maxLength={TEMPLATE_BODY_MAX}
                  error={local[`${event}.body`] ?? serverProblems[event]}
                />
                <div class="actions">
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() =>
                      setDrafts((d) => ({ ...d, [event]: { title: def.title, body: def.body } }))
                    }
                  >
                    填入默认措辞
                  </button>
                </div>
              </div>
            </details>
          );
        })}
        <ErrorAlert error={error} />
        <SuccessStatus message={status} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={saving}>
            保存消息模板
          </button>
        </div>
      </form>
    </section>
  );
}
