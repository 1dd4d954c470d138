import { z } from "@hono/zod-openapi";
import { StaffTicket } from "../realtime/reception-queue.ts";
import { receptionForms } from "../reference/reception-forms.ts";
import { HumanCheck, Id, Text } from "./common.ts";
import { CreatePetitionBody, IsoDate, Person, Petition } from "./petitions.ts";

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM");

export const Recurrence = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("weekly"),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    skipHolidays: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal("monthly"),
    day: z.number().int().min(1).max(31),
    moveToWorkingDay: z.boolean().default(true),
  }),
  z.object({ kind: z.literal("workingDays") }),
]);
export type Recurrence = z.infer<typeof Recurrence>;
export type RecurrenceInput = z.input<typeof Recurrence>;

export const CreateReceptionSessionBody = z
  .object({
    leaderId: Id,
    unitId: Id.optional(),
    date: IsoDate,
    startTime: Time,
    endTime: Time,
    venue: Text(200),
    form: z.enum(receptionForms).openapi({
      description:
        "fixed 定点接访 · appointment 约访 · field 下访 · video 视频接访 · online 网上接访 · joint 联合接访",
    }),
    slotMinutes: z.number().int().min(5).max(240),
    capacityPerSlot: z.number().int().min(1).max(100),
    portfolio: Text(200).optional().openapi({ description: "分管工作" }),
    topics: Text(500).optional(),
    repeat: z
      .object({ rule: Recurrence, until: IsoDate })
      .optional()
      .openapi({ description: "A series: every Tuesday and Thursday, the 15th of each month, …" }),
  })
  .strict()
  .openapi("CreateReceptionSessionBody");
export type CreateReceptionSessionBody = z.infer<typeof CreateReceptionSessionBody>;
/** What a client sends: the series' holiday rules may be left to their defaults. */
export type CreateReceptionSessionInput = z.input<typeof CreateReceptionSessionBody>;

export const ReceptionSession = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    leaderId: z.string(),
    leaderName: z.string(),
    leaderPosition: z.string(),
    portfolio: z.string().nullable(),
    topics: z.string().nullable(),
    date: IsoDate,
    startTime: z.string(),
    endTime: z.string(),
    venue: z.string(),
    form: z.enum(receptionForms),
    formLabel: z.string(),
    slotMinutes: z.number().int(),
    capacityPerSlot: z.number().int(),
    status: z.enum(["draft", "published", "cancelled"]),
    seriesId: z.string().nullable(),
  })
  .openapi("ReceptionSession");
export type ReceptionSession = z.infer<typeof ReceptionSession>;

export const Slot = z.object({
  slotStart: z.string(),
  capacity: z.number().int(),
  free: z.number().int(),
});
export type Slot = z.infer<typeof Slot>;

export const SessionParam = z.object({
  sessionId: Id.openapi({ param: { name: "sessionId", in: "path" } }),
});

export const TicketParam = SessionParam.extend({
  number: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "number", in: "path" } }),
});

export const BookingView = z
  .object({
    bookingCode: z.string(),
    status: z.string(),
    sessionId: z.string(),
    date: IsoDate,
    slotStart: z.string(),
    venue: z.string(),
    leaderName: z.string(),
    leaderPosition: z.string(),
    unitName: z.string(),
    name: z.string(),
    topic: z.string(),
    headcount: z.number().int(),
    ticketNumber: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The queue number once checked in" }),
    qrSvg: z.string().openapi({ description: "The booking code as a QR code (SVG) for check-in" }),
  })
  .openapi("Booking");
export type BookingView = z.infer<typeof BookingView>;

export const BookBody = z
  .object({
    sessionId: Id,
    slotStart: Time,
    holdId: z.string().max(64).optional(),
    name: Text(50),
    phone: z.string().trim().max(30),
    code: z.string().regex(/^\d{6}$/, "验证码为 6 位数字"),
    idNumber: z.string().trim().max(30).optional(),
    topic: Text(500).openapi({ description: "反映的问题（500 字以内）" }),
    headcount: z.number().int().min(1).max(5, "集体访代表不超过 5 人（第二十条）").default(1),
    altcha: HumanCheck,
  })
  .strict()
  .openapi("BookReceptionSlotBody");
export type BookBody = z.infer<typeof BookBody>;
/** What a client sends: headcount may be left to its default of one. */
export type BookInput = z.input<typeof BookBody>;

export const SessionList = z.object({ sessions: z.array(ReceptionSession) });
export type SessionList = z.infer<typeof SessionList>;

export const SessionWithSlots = ReceptionSession.extend({ slots: z.array(Slot) });
export type SessionWithSlots = z.infer<typeof SessionWithSlots>;

export const PublishSessionsBody = z
  .object({ from: z.iso.date(), to: z.iso.date(), unitId: z.string().max(64).optional() })
  .strict();
export type PublishSessionsBody = z.infer<typeof PublishSessionsBody>;

export const PublishedSessions = z.object({ published: z.array(ReceptionSession) });
export type PublishedSessions = z.infer<typeof PublishedSessions>;

export const ChangeSessionBody = z
  .object({
    venue: z.string().trim().min(1).max(200).optional(),
    startTime: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .optional(),
    endTime: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .optional(),
  })
  .strict();
export type ChangeSessionBody = z.infer<typeof ChangeSessionBody>;

export const CancelSessionBody = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
export type CancelSessionBody = z.infer<typeof CancelSessionBody>;

/** A changed or cancelled session, and how many booked citizens were told by SMS. */
export const SessionChanged = z.object({ session: ReceptionSession, told: z.number().int() });
export type SessionChanged = z.infer<typeof SessionChanged>;

export const BookingCodeBody = z
  .object({ phone: z.string().trim().max(30), altcha: HumanCheck })
  .strict();
export type BookingCodeBody = z.infer<typeof BookingCodeBody>;

export const CodeSent = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number(),
  resendAfterSeconds: z.number(),
});
export type CodeSent = z.infer<typeof CodeSent>;

export const HoldBody = z
  .object({ sessionId: z.string().min(1).max(64), slotStart: z.string().max(5) })
  .strict();
export type HoldBody = z.infer<typeof HoldBody>;

export const Hold = z.object({ holdId: z.string(), expiresAt: z.iso.datetime() });
export type Hold = z.infer<typeof Hold>;

export const WalkIn = z
  .object({
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().max(30).optional(),
    topic: z.string().trim().max(500).optional(),
    headcount: z.number().int().min(1).max(5).optional(),
  })
  .strict();
export type WalkIn = z.infer<typeof WalkIn>;

export const TransferTicketBody = z.object({ toSessionId: z.string().min(1).max(64) }).strict();
export type TransferTicketBody = z.infer<typeof TransferTicketBody>;

export const TicketTransferred = z.object({ from: StaffTicket, to: StaffTicket });
export type TicketTransferred = z.infer<typeof TicketTransferred>;

export const CheckInBody = z.union([
  z.object({ bookingCode: z.string().trim().min(4).max(20) }).strict(),
  z.object({ walkIn: WalkIn }).strict(),
]);
export type CheckInBody = z.infer<typeof CheckInBody>;

/** Registering the visit as a petition: the channel, time, unit and owner leader are the desk's. */
/**
 * The queue keeps only a masked name, so the desk sends just what it adds or corrects: the
 * rest of the petitioner comes from the sealed booking or walk-in record.
 */
export const CompleteTicketBody = CreatePetitionBody.omit({
  channel: true,
  receivedAt: true,
  unitId: true,
  petitioner: true,
}).extend({ petitioner: Person.partial().optional() });
export type CompleteTicketBody = z.infer<typeof CompleteTicketBody>;

export const TicketCompleted = z.object({ ticket: StaffTicket, petition: Petition });
export type TicketCompleted = z.infer<typeof TicketCompleted>;
