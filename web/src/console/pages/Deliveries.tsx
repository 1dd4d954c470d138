import { useState } from "preact/hooks";
import type { Delivery } from "../../../../schema/api/notifications.ts";
import type {
  DeliveryChannel,
  DeliveryStatus,
} from "../../../../schema/reference/notify-delivery.ts";
import { isApiError } from "../../api/client.ts";
import { listDeliveries, listDevOutbox } from "../../api/notify.ts";
import { formatDateTime } from "../../shared/format.ts";
import {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_CHANNELS,
  DELIVERY_STATUS_LABELS,
  DELIVERY_STATUSES,
  EVENT_LABELS,
  labelFor,
} from "../../shared/notify-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { Loading } from "../components/Loading.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

const STATUS_STYLE: Record<DeliveryStatus, { cls: string; icon: string }> = {
  queued: { cls: "tag", icon: "…" },
  sending: { cls: "tag tag--info", icon: "→" },
  sent: { cls: "tag tag--ok", icon: "✓" },
  failed: { cls: "tag tag--warn", icon: "!" },
  dead: { cls: "tag tag--bad", icon: "✕" },
};

/** A delivery's state as icon and words, never colour alone. */
function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  const style = STATUS_STYLE[status] ?? { cls: "tag", icon: "" };
  return (
    <span class={style.cls} data-status={status}>
      <span aria-hidden="true" class="tag__icon">
        {style.icon}
      </span>
      {labelFor(DELIVERY_STATUS_LABELS, status)}
    </span>
  );
}

export function DeliveriesPage() {
  const { tenant, me } = useSession();
  usePageTitle("发送记录", me.tenant.name);
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const [channel, setChannel] = useState<DeliveryChannel | "">("");
  const log = useAsync(
    () => listDeliveries(tenant, { status, channel, limit: 200 }).then((r) => r.items),
    `${tenant}/${status}/${channel}`,
  );

  return (
    <>
      <h1>发送记录</h1>
      <p class="lead">
        经企业微信、钉钉、短信、邮件、浏览器推送和对接系统发出的每条消息，及服务商的回应。
        <a href={consolePath(tenant, "/notifications")}>修改通知设置</a>
      </p>
      <form
        noValidate
        class="form--inline filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label="筛选"
      >
        <SelectField
          id="deliveries-status"
          label="状态"
          value={status}
          onValue={(v) => setStatus(v as DeliveryStatus | "")}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: DELIVERY_STATUS_LABELS[s] }))}
          placeholder="全部状态"
        />
        <SelectField
          id="deliveries-channel"
          label="渠道"
          value={channel}
          onValue={(v) => setChannel(v as DeliveryChannel | "")}
          options={DELIVERY_CHANNELS.map((c) => ({ value: c, label: DELIVERY_CHANNEL_LABELS[c] }))}
          placeholder="全部渠道"
        />
        <button type="button" class="button" disabled={log.loading} onClick={log.reload}>
          刷新
        </button>
      </form>
      <ErrorAlert error={log.error} />
      <div aria-live="polite" aria-busy={log.loading}>
        {log.data === undefined && log.loading && <Loading what="发送记录" />}
        {log.data?.length === 0 && (
          <p class="muted">{status || channel ? "没有符合条件的发送记录。" : "暂无发送记录。"}</p>
        )}
      </div>
      {log.data && log.data.length > 0 && <DeliveryTable items={log.data} />}
      <DevOutbox tenant={tenant} />
    </>
  );
}

function DeliveryTable({ items }: { items: Delivery[] }) {
  return (
    <table class="table deliveries" data-testid="deliveries">
      <caption class="visually-hidden">发送记录，最新的在前</caption>
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">渠道</th>
          <th scope="col">消息</th>
          <th scope="col">收件人</th>
          <th scope="col">状态</th>
          <th scope="col">尝试</th>
          <th scope="col">错误与回应</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} data-channel={d.channel} data-status={d.status}>
            <td data-label="时间">
              <span>
                {formatDateTime(d.createdAt)}
                {d.sentAt && (
                  <span class="hint deliveries__sent">发出 {formatDateTime(d.sentAt)}</span>
                )}
              </span>
            </td>
            <td data-label="渠道">
              <span>{labelFor(DELIVERY_CHANNEL_LABELS, d.channel)}</span>
            </td>
            <th scope="row" data-label="消息">
              <span>
                {d.title}
                <span class="hint deliveries__event">{labelFor(EVENT_LABELS, d.event)}</span>
              </span>
            </th>
            <td data-label="收件人">
              <span>{d.recipient}</span>
            </td>
            <td data-label="状态">
              <span>
                <DeliveryBadge status={d.status} />
              </span>
            </td>
            <td data-label="尝试">
              <span>{d.attempts} 次</span>
            </td>
            <td data-label="错误与回应">
              <span class="deliveries__detail">
                {d.lastError && (
                  <span class="field-error">
                    <strong>错误：</strong>
                    {d.lastError}
                  </span>
                )}
                {d.providerResponse && (
                  <span>
                    <strong>回应：</strong>
                    <code class="code-text">{d.providerResponse}</code>
                  </span>
                )}
                {!d.lastError && !d.providerResponse && <span class="muted">—</span>}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Development only: SMS and email written to the outbox instead of being sent. */
function DevOutbox({ tenant }: { tenant: string }) {
  const outbox = useAsync(
    () =>
      listDevOutbox(tenant).then(
        (r) => r.items,
        (err: unknown) => {
          // Production answers 404: the section is simply not there.
          if (isApiError(err) && err.status === 404) return null;
          throw err;
        },
      ),
    tenant,
  );
  if (outbox.data === null || (outbox.data === undefined && !outbox.error)) return null;
  return (
    <section class="card dev-outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">开发环境发件箱</h2>
      <p class="hint">开发环境不真正发送短信和邮件，而是记在这里。生产环境不显示本节。</p>
      <ErrorAlert error={outbox.error} />
      <p>
        <button type="button" class="button button--small" onClick={outbox.reload}>
          刷新发件箱
        </button>
      </p>
      {outbox.data?.length === 0 && <p class="muted">发件箱为空。</p>}
      {outbox.data && outbox.data.length > 0 && (
        <ul class="outbox">
          {outbox.data.map((m) => (
            <li key={m.id} class="outbox__item">
              <p class="timeline__head">
                <span class="tag">{m.channel === "sms" ? "短信" : "邮件"}</span>
                <strong>{m.recipient}</strong>
                <span class="muted">{formatDateTime(m.createdAt)}</span>
              </p>
              {m.subject && <p class="outbox__subject">{m.subject}</p>}
              <p class="timeline__note">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
