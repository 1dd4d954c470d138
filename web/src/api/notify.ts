// Notifications, supervision (督办), delivery log and channel settings. Mirrors
// workers/api/routes/notify.ts; keep in step with the Worker.
import { request, seg } from "./client.ts";

export type NotifyEvent =
  | "deadline.near"
  | "deadline.dueToday"
  | "deadline.overdue"
  | "supervision.opened"
  | "digest.daily"
  | "evaluation.expired"
  | "booking.code"
  | "reception.reminder"
  | "session.changed"
  | "case.routed"
  | "case.ownerAssigned"
  | "case.handlerDesignated"
  | "case.objected"
  | "case.replied"
  | "case.extensionRequested"
  | "case.sentBack"
  | "case.reviewRequested"
  | "case.groupVisit"
  | "petitioner.notice";

export type RouteChannel =
  | "in_app"
  | "web_push"
  | "wecom"
  | "dingtalk"
  | "webhook"
  | "email"
  | "sms";

export type SupervisionForm =
  | "phone"
  | "letter"
  | "interview"
  | "meeting"
  | "listed"
  | "bulletin"
  | "instruction";

export type DeliveryChannel = "wecom" | "dingtalk" | "sms" | "email" | "web_push" | "webhook";

export type DeliveryStatus = "queued" | "sending" | "sent" | "failed" | "dead";

export interface NotificationItem {
  id: string;
  event: string;
  title: string;
  body: string;
  petitionId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
}

export interface SupervisionStep {
  at: string;
  by: string | null;
  form?: SupervisionForm;
  note?: string;
  status?: "open" | "resolved";
}

export interface Supervision {
  id: string;
  petitionId: string;
  deadlineKey: string;
  due: string;
  unitId: string;
  status: "open" | "resolved";
  form: SupervisionForm | null;
  history: SupervisionStep[];
  openedAt: string;
  resolvedAt: string | null;
}

export interface SupervisionUpdate {
  form?: SupervisionForm;
  note?: string;
  status?: "open" | "resolved";
}

export interface ScanReport {
  tenants: number;
  rowsRead: number;
  cases: number;
  alerts: number;
  breaches: number;
  digests: number;
  enqueued: number;
}

export interface Delivery {
  id: string;
  channel: DeliveryChannel;
  event: string;
  recipient: string;
  title: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  providerResponse: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NotificationRoute {
  channels: RouteChannel[];
  roles?: string[];
}

export interface QuietHours {
  start: string;
  end: string;
}

export interface Template {
  title: string;
  body: string;
}

/** Channel settings as the server shows them: secrets masked ("••••1234"). */
export interface ChannelsView {
  wecom: { webhookUrl: string } | null;
  dingtalk: { webhookUrl: string; secret: string } | null;
  sms: {
    accessKeyId: string;
    accessKeySecret: string;
    signName: string;
    templateCodes: Partial<Record<NotifyEvent, string>>;
    endpoint: string | null;
  } | null;
  webhook: { url: string; secret: string } | null;
  email: { from: string; fromName: string | null } | null;
  webPush: { subject: string; publicKey: string } | null;
}

export interface NotificationSettings {
  routes: Partial<Record<NotifyEvent, NotificationRoute>>;
  quietHours: QuietHours | null;
  templates: Partial<Record<NotifyEvent, Template>>;
  emailTo: string[];
  channels: ChannelsView;
}

/** What a PUT may change; an omitted secret keeps the stored one, null removes a channel. */
export interface ChannelsEdit {
  wecom?: { webhookUrl: string } | null;
  dingtalk?: { webhookUrl: string; secret?: string } | null;
  sms?: {
    accessKeyId: string;
    accessKeySecret?: string;
    signName: string;
    templateCodes: Partial<Record<NotifyEvent, string>>;
    endpoint?: string;
  } | null;
  webhook?: { url: string; secret?: string } | null;
  email?: { from: string; fromName?: string } | null;
  webPush?: { subject: string } | null;
}

export interface NotificationSettingsEdit {
  routes?: Partial<Record<NotifyEvent, NotificationRoute>>;
  quietHours?: QuietHours | null;
  templates?: Partial<Record<NotifyEvent, Template>>;
  emailTo?: string[];
  channels?: ChannelsEdit;
}

export interface OutboxItem {
  id: string;
  channel: "sms" | "email";
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
}

export interface PushSubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

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

export function markNotificationsRead(
  tenant: string,
  which: { ids: string[] } | { all: true },
): Promise<{ unread: number }> {
  return request("POST", `${base(tenant)}/notifications/read`, which);
}

export function listSupervisions(
  tenant: string,
  options: { status?: "open" | "resolved"; unitId?: string; limit?: number } = {},
): Promise<{ items: Supervision[] }> {
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
): Promise<{ items: Delivery[] }> {
  return request("GET", `${base(tenant)}/deliveries${query(options)}`);
}

export function getNotificationSettings(tenant: string): Promise<NotificationSettings> {
  return request("GET", `${base(tenant)}/settings/notifications`);
}

export function putNotificationSettings(
  tenant: string,
  body: NotificationSettingsEdit,
): Promise<NotificationSettings> {
  return request("PUT", `${base(tenant)}/settings/notifications`, body);
}

export function getPushKey(tenant: string): Promise<{ publicKey: string | null }> {
  return request("GET", `${base(tenant)}/push-subscriptions/key`);
}

export function savePushSubscription(tenant: string, body: PushSubscriptionBody): Promise<unknown> {
  return request("POST", `${base(tenant)}/push-subscriptions`, body);
}

export function listDevOutbox(tenant: string): Promise<{ items: OutboxItem[] }> {
  return request("GET", `${base(tenant)}/dev/outbox`);
}
