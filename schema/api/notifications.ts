import { z } from "@hono/zod-openapi";
import {
  deliveryChannels,
  deliveryStatuses,
  routeChannels,
  supervisionForms,
} from "../reference/notify-delivery.ts";
import { notifyEvents } from "../reference/notify-events.ts";
import { staffRoles } from "../reference/roles.ts";
import { Id } from "./common.ts";

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM");

export const NotificationRoute = z.object({
  channels: z.array(z.enum(routeChannels)).max(routeChannels.length),
  /** Extra roles told besides the case's own people (handler, unit leaders, owner leader). */
  roles: z.array(z.enum(staffRoles)).max(staffRoles.length).optional(),
});
export type NotificationRoute = z.infer<typeof NotificationRoute>;

export const NotificationSettingsBody = z
  .object({
    routes: z.partialRecord(z.enum(notifyEvents), NotificationRoute).optional(),
    quietHours: z.object({ start: Time, end: Time }).nullable().optional(),
    templates: z
      .partialRecord(
        z.enum(notifyEvents),
        z.object({ title: z.string().min(1).max(30), body: z.string().min(1).max(500) }).nullable(),
      )
      .optional()
      .openapi({ description: "Overrides per event; null goes back to the default wording" }),
    emailTo: z.array(z.email()).max(10).optional(),
    channels: z
      .object({
        wecom: z.object({ webhookUrl: z.url().optional() }).nullable().optional(),
        dingtalk: z
          .object({ webhookUrl: z.url().optional(), secret: z.string().min(1).max(200).optional() })
          .nullable()
          .optional(),
        sms: z
          .object({
            accessKeyId: z.string().min(1).max(100),
            accessKeySecret: z.string().min(1).max(200).optional(),
            signName: z.string().min(1).max(30),
            templateCodes: z.partialRecord(z.enum(notifyEvents), z.string().min(1).max(40)),
            endpoint: z.url().optional(),
          })
          .nullable()
          .optional(),
        webhook: z
          .object({ url: z.url(), secret: z.string().min(16).max(200).optional() })
          .nullable()
          .optional(),
        email: z
          .object({ from: z.email(), fromName: z.string().max(60).optional() })
          .nullable()
          .optional(),
        webPush: z
          .object({ subject: z.string().min(1).max(200) })
          .nullable()
          .optional(),
      })
      .optional()
      .openapi({
        description:
          "Channel configurations. Secrets are write-only: omit one to keep the stored value; null removes the channel.",
      }),
  })
  .strict()
  .openapi("NotificationSettingsBody");
export type NotificationSettingsBody = z.infer<typeof NotificationSettingsBody>;

const MessageTemplate = z.object({ title: z.string(), body: z.string() });
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/** A secret as shown: "••••1234", or null when none is stored. */
const Masked = z.string().nullable();

/** Settings as the server shows them: every secret masked ("••••1234"). */
export const NotificationSettingsView = z
  .object({
    routes: z.partialRecord(z.enum(notifyEvents), NotificationRoute),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    templates: z.partialRecord(z.enum(notifyEvents), MessageTemplate),
    emailTo: z.array(z.string()),
    channels: z.object({
      wecom: z.object({ webhookUrl: Masked }).nullable(),
      dingtalk: z.object({ webhookUrl: Masked, secret: Masked }).nullable(),
      sms: z
        .object({
          accessKeyId: z.string(),
          accessKeySecret: Masked,
          signName: z.string(),
          templateCodes: z.partialRecord(z.enum(notifyEvents), z.string()),
          endpoint: z.string().nullable(),
        })
        .nullable(),
      webhook: z.object({ url: z.string(), secret: Masked }).nullable(),
      email: z.object({ from: z.string(), fromName: z.string().nullable() }).nullable(),
      webPush: z.object({ subject: z.string(), publicKey: z.string() }).nullable(),
    }),
  })
  .openapi("NotificationSettings");
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>;
export type ChannelsView = NotificationSettingsView["channels"];
/** What a PUT may change; an omitted secret keeps the stored one, null removes a channel. */
export type ChannelsEdit = NonNullable<NotificationSettingsBody["channels"]>;

const SupervisionStatus = z.enum(["open", "resolved"]);

export const ScanReport = z
  .object({
    tenants: z.number().int(),
    rowsRead: z.number().int(),
    cases: z.number().int(),
    alerts: z.number().int(),
    breaches: z.number().int(),
    digests: z.number().int(),
    reminders: z.number().int(),
    enqueued: z.number().int(),
  })
  .openapi("ScanReport");
export type ScanReport = z.infer<typeof ScanReport>;

export const Supervision = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    deadlineKey: z.string(),
    due: z.string(),
    unitId: z.string(),
    status: SupervisionStatus,
    form: z.enum(supervisionForms).nullable(),
    history: z.array(
      z.object({
        at: z.string(),
        by: z.string().nullable(),
        form: z.enum(supervisionForms).optional(),
        note: z.string().optional(),
        status: SupervisionStatus.optional(),
      }),
    ),
    openedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    trackingCode: z.string().nullable().optional(),
    essentials: z
      .object({
        categoryName: z.string(),
        unitName: z.string(),
        summary: z.string(),
        deadline: z.iso.datetime().nullable(),
      })
      .optional()
      .openapi({
        description: "The case as the card shows it (category, unit, summary, deadline)",
      }),
  })
  .openapi("Supervision");
export type Supervision = z.infer<typeof Supervision>;

export const SupervisionList = z.object({ items: z.array(Supervision) });
export type SupervisionList = z.infer<typeof SupervisionList>;

export const SupervisionQuery = z.object({
  status: SupervisionStatus.optional(),
  unitId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const SupervisionUpdate = z
  .object({
    form: z.enum(supervisionForms).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
    status: SupervisionStatus.optional(),
  })
  .strict()
  .refine((b) => b.form || b.note || b.status, "至少填写督办形式、说明或状态之一");
export type SupervisionUpdate = z.infer<typeof SupervisionUpdate>;

export const Notification = z
  .object({
    id: z.string(),
    event: z.string(),
    title: z.string(),
    body: z.string(),
    petitionId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi("Notification");
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const MarkReadBody = z.union([
  z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(80) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const Delivery = z
  .object({
    id: z.string(),
    channel: z.enum(deliveryChannels),
    event: z.string(),
    recipient: z.string(),
    title: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    providerResponse: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .openapi("Delivery");
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryList = z.object({ items: z.array(Delivery) });
export type DeliveryList = z.infer<typeof DeliveryList>;

export const DeliveryQuery = z.object({
  status: z.enum(deliveryStatuses).optional(),
  channel: z.enum(deliveryChannels).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const PushSubscriptionBody = z
  .object({
    endpoint: z.url().max(1000),
    keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
  })
  .openapi("PushSubscription");
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

export const PushSaved = z.object({ saved: z.literal(true) });
export type PushSaved = z.infer<typeof PushSaved>;

export const PushKey = z.object({ publicKey: z.string().nullable() });
export type PushKey = z.infer<typeof PushKey>;

export const DevOutboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const DevOutbox = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      channel: z.enum(["sms", "email"]),
      recipient: z.string(),
      subject: z.string(),
      body: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
});
export type DevOutbox = z.infer<typeof DevOutbox>;
