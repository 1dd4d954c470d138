// Notifications, supervision (督办), delivery log and channel settings.
import type {
  DeliveryList,
  DevOutbox,
  MarkReadBody,
  NotificationList,
  NotificationSettingsBody,
  NotificationSettingsView,
  PushKey,
  PushSubscriptionBody,
  ScanReport,
  Supervision,
  SupervisionList,
  SupervisionUpdate,
  UnreadCount,
} from "../../../schema/api/notifications.ts";
import type { DeliveryChannel, DeliveryStatus } from "../../../schema/reference/notify-delivery.ts";
import { request, seg } from "./client.ts";

const base = (tenant: string) => `/api/v1/t/${seg(tenant)}`;

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function listNotifications(
  tenant: string,
  options: { unread?: boolean; limit?: number } = {},
): Promise<NotificationList> {
  return request(
    "GET",
    `${base(tenant)}/notifications${query({ unread: options.unread ? "true" : undefined, limit: options.limit })}`,
  );
}

export function markNotificationsRead(tenant: string, which: MarkReadBody): Promise<UnreadCount> {
  return request("POST", `${base(tenant)}/notifications/read`, which);
}

export function listSupervisions(
  tenant: string,
  options: { status?: "open" | "resolved"; unitId?: string; limit?: number } = {},
): Promise<SupervisionList> {
  return request("GET", `${base(tenant)}/supervisions${query(options)}`);
}

export function updateSupervision(
  tenant: string,
  id: string,
  body: SupervisionUpdate,
): Promise<Supervision> {
  return request("PATCH", `${base(tenant)}/supervisions/${seg(id)}`, body);
}

export function runDeadlineScan(tenant: string): Promise<ScanReport> {
  return request("POST", `${base(tenant)}/deadline-scan`);
}

export function listDeliveries(
  tenant: string,
  options: { status?: DeliveryStatus | ""; channel?: DeliveryChannel | ""; limit?: number } = {},
): Promise<DeliveryList> {
  return request("GET", `${base(tenant)}/deliveries${query(options)}`);
}

export function getNotificationSettings(tenant: string): Promise<NotificationSettingsView> {
  return request("GET", `${base(tenant)}/settings/notifications`);
}

export function putNotificationSettings(
  tenant: string,
  body: NotificationSettingsBody,
): Promise<NotificationSettingsView> {
  return request("PUT", `${base(tenant)}/settings/notifications`, body);
}

export function getPushKey(tenant: string): Promise<PushKey> {
  return request("GET", `${base(tenant)}/push-subscriptions/key`);
}

export function savePushSubscription(tenant: string, body: PushSubscriptionBody): Promise<unknown> {
  return request("POST", `${base(tenant)}/push-subscriptions`, body);
}

export function listDevOutbox(tenant: string): Promise<DevOutbox> {
  return request("GET", `${base(tenant)}/dev/outbox`);
}
