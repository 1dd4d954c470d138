import { useState } from "preact/hooks";
import type {
  NotificationRoute,
  NotificationSettingsView as NotificationSettings,
} from "../../../../../schema/api/notifications.ts";
import type { RouteChannel } from "../../../../../schema/reference/notify-delivery.ts";
import type { NotifyEvent } from "../../../../../schema/reference/notify-events.ts";
import {
  EVENT_LABELS,
  EVENTS,
  ROUTE_CHANNEL_LABELS,
  ROUTE_CHANNELS,
} from "../../../shared/notify-labels.ts";
import { ErrorAlert, SuccessStatus } from "../ErrorAlert.tsx";
import type { ChannelKey } from "./channel-specs.ts";
import { type Saved, useSave } from "./save.ts";

// ---------------------------------------------------------------------------------------
// Routes

/** Channels that need a configuration before anything goes out through them. */
export const CONFIGURED_BY: Partial<Record<RouteChannel, ChannelKey>> = {
  web_push: "webPush",
  wecom: "wecom",
  dingtalk: "dingtalk",
  webhook: "webhook",
  email: "email",
  sms: "sms",
};

export function RoutesSection({
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
      <form noValidate class="form" onSubmit={submit}>
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
