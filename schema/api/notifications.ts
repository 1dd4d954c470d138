import { z } from "@hono/zod-openapi";
import { staffRoles } from "../tenant/tables.ts";

export const notifyEvents = [
  "deadline.near",
  "deadline.dueToday",
  "deadline.overdue",
  "supervision.opened",
  "digest.daily",
  "evaluation.expired",
  "booking.code",
  "reception.reminder",
  "session.changed",
  "case.routed",
  "case.ownerAssigned",
  "case.handlerDesignated",
  "case.objected",
  "case.replied",
  "case.extensionRequested",
  "case.sentBack",
  "case.reviewRequested",
  "case.groupVisit",
  "petitioner.notice",
] as const;
export type NotifyEvent = (typeof notifyEvents)[number];

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

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM");

export const NotificationRoute = z.object({
  channels: z.array(z.enum(routeChannels)).max(routeChannels.length),
  /** Extra roles told besides the case's own people (handler, unit leaders, owner leader). */
  roles: z.array(z.enum(staffRoles)).max(staffRoles.length).optional(),
});

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
