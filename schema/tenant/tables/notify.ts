import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { deliveryChannels, deliveryStatuses } from "../../reference/notify-delivery.ts";

/** The in-app inbox of staff. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    staffId: text("staff_id").notNull(),
    event: text("event").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    petitionId: text("petition_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_inbox_idx").on(t.tenantId, t.staffId, t.readAt, t.createdAt)],
);

/**
 * The outbox and the delivery log in one: a message is written here first (in the same
 * batch as what caused it), then handed to the queue; the consumer records every attempt.
 * `idempotency_key` makes the same message impossible to create twice.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    channel: text("channel", { enum: deliveryChannels }).notNull(),
    event: text("event").notNull(),
    /** Shown in the delivery log: masked phone, staff name, "企业微信群". */
    recipientLabel: text("recipient_label").notNull(),
    /** **Encrypted**: the phone, address or subscription the message goes to. */
    recipientSealed: text("recipient_sealed"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    /** Template parameters, for providers that send templates (SMS). */
    params: text("params", { mode: "json" }).$type<Record<string, string>>(),
    /** The case the message is about, if any: the log shows it only to who may see the case. */
    petitionId: text("petition_id"),
    status: text("status", { enum: deliveryStatuses }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerResponse: text("provider_response"),
    /** Quiet hours: not to be sent before this instant. */
    notBefore: integer("not_before", { mode: "timestamp_ms" }),
    enqueuedAt: integer("enqueued_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("deliveries_idempotency_uq").on(t.tenantId, t.idempotencyKey),
    index("deliveries_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("deliveries_outbox_idx").on(t.tenantId, t.status, t.enqueuedAt),
  ],
);

/** Which events go where, quiet hours, template overrides; channel secrets sealed. */
export const notificationSettings = sqliteTable("notification_settings", {
  tenantId: text("tenant_id").primaryKey(),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** **Encrypted** JSON of each channel's configuration and secrets. */
  channelsSealed: text("channels_sealed"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Staff browsers subscribed to Web Push. */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    staffId: text("staff_id").notNull(),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_uq").on(t.tenantId, t.endpoint),
    index("push_subscriptions_staff_idx").on(t.tenantId, t.staffId),
  ],
);

/** Development only: where SMS and email land instead of a provider. */
export const devOutbox = sqliteTable(
  "dev_outbox",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    /** **Encrypted**, as in the delivery log. */
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("dev_outbox_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export type DeliveryRow = typeof deliveries.$inferSelect;

export type NotificationRow = typeof notifications.$inferSelect;
