import { getNotificationSettings } from "../../api/notify.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { ChannelsSection } from "../components/notification-settings/ChannelsSection.tsx";
import { EmailSection } from "../components/notification-settings/EmailSection.tsx";
import { QuietHoursSection } from "../components/notification-settings/QuietHoursSection.tsx";
import { RoutesSection } from "../components/notification-settings/RoutesSection.tsx";
import type { Saved } from "../components/notification-settings/save.ts";
import { TemplatesSection } from "../components/notification-settings/TemplatesSection.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";

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
