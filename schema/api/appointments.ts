import { z } from "@hono/zod-openapi";
import { appointmentStatuses } from "../tenant/tables.ts";
import { Id, Text } from "./common.ts";
import { IsoDate } from "./petitions.ts";

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM");

/** Staff invite the petitioner of a case they may see to a time of a session (约访). */
export const InviteAppointmentBody = z
  .object({
    petitionId: Id.optional(),
    trackingCode: z
      .string()
      .trim()
      .min(4)
      .max(40)
      .optional()
      .openapi({ description: "The case's 查询码, instead of its id" }),
    slotStart: Time.openapi({ description: "One of the session's slots" }),
  })
  .strict()
  .refine((b) => b.petitionId || b.trackingCode, {
    message: "请填写案件查询码",
    path: ["trackingCode"],
  })
  .openapi("InviteAppointmentBody");
export type InviteAppointmentBody = z.infer<typeof InviteAppointmentBody>;

/** The invitation as staff see it; the link's token went by SMS and is never shown again. */
export const Appointment = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    petitionId: z.string(),
    slotStart: z.string(),
    bookingCode: z.string(),
    status: z.enum(appointmentStatuses),
    expiresAt: z.string(),
    smsQueued: z.boolean().openapi({
      description: "Whether an SMS went to the outbox (quiet hours may hold it back until morning)",
    }),
  })
  .openapi("Appointment");
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentParam = z.object({
  appointmentId: Id.openapi({ param: { name: "appointmentId", in: "path" } }),
});

/** The office calls an appointment off; the reason, if given, goes to the petitioner by SMS. */
export const CancelAppointmentBody = z
  .object({
    reason: Text(60).optional().openapi({ description: "取消原因，随短信告知信访人（60 字以内）" }),
  })
  .strict()
  .openapi("CancelAppointmentBody");
export type CancelAppointmentBody = z.infer<typeof CancelAppointmentBody>;

/** The link's token, sent in the body so it stays out of URLs and access logs. */
const Token = z.string().trim().min(16).max(100);

export const AppointmentTokenBody = z
  .object({ token: Token })
  .strict()
  .openapi("AppointmentTokenBody");
export type AppointmentTokenBody = z.infer<typeof AppointmentTokenBody>;

export const AskAnotherTimeBody = z
  .object({
    token: Token,
    note: Text(200).openapi({ description: "方便的时间或原因（200 字以内）" }),
  })
  .strict()
  .openapi("AskAnotherTimeBody");
export type AskAnotherTimeBody = z.infer<typeof AskAnotherTimeBody>;

/**
 * What the petitioner's link shows: when, where, with whom, and the booking code to check
 * in with. Nothing of the case: the link may be read by whoever holds the phone.
 */
export const AppointmentView = z
  .object({
    status: z.enum(appointmentStatuses),
    /** Whether the visit still lies ahead (not checked in, completed or cancelled). */
    open: z.boolean(),
    date: IsoDate,
    slotStart: z.string(),
    venue: z.string(),
    leaderName: z.string(),
    leaderPosition: z.string(),
    unitName: z.string(),
    bookingCode: z.string(),
    qrSvg: z.string(),
    note: z.string().nullable(),
  })
  .openapi("AppointmentView");
export type AppointmentView = z.infer<typeof AppointmentView>;
