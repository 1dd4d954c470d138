import { z } from "@hono/zod-openapi";
import { DeskInfo, StaffTicket } from "../realtime/reception-queue.ts";
import { receptionForms } from "../reference/reception-forms.ts";
import { appointmentStatuses } from "../tenant/tables.ts";
import { HumanCheck, Id, Text } from "./common.ts";
import { CreatePetitionBody, IsoDate, Person, Petition, Purpose } from "./petitions.ts";

/** At a joint reception, the desk a citizen is sent to (desk 1, the session's own, by default). */
const DeskNumber = z.number().int().min(1).max(9);

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
    townshipId: Id.optional().openapi({
      description:
        "下访: the township a field session is held in; the venue names the village or site",
    }),
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
    desks: z
      .array(z.object({ unitId: Id, leaderId: Id }).strict())
      .max(8)
      .optional()
      .openapi({
        description:
          "联合接访: desks 2, 3, … besides the session's own, a leader and a unit each (see setSessionDesks)",
      }),
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
    townshipId: z.string().nullable(),
    townshipName: z.string().nullable(),
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
  offer: z.enum(["open", "full", "closed", "not_yet_open"]).openapi({
    description:
      "open: bookable now; full: no place left; closed: inside the minimum notice (预约已截止); not_yet_open: beyond the booking horizon",
  }),
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
    registered: z.object({ trackingCode: z.string(), receivedOn: z.string() }).nullable().openapi({
      description:
        "The case the desk registered from this visit: its 查询码, to follow it on the tracking page",
    }),
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
    purpose: Purpose.optional().openapi({ description: "信访目的, from the intake vocabulary" }),
    categoryCode: Text(40)
      .optional()
      .openapi({ description: "事项类别, a code of the county's taxonomy" }),
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

/** The public list of published sessions: by default from today on. */
export const SessionListQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: z.string().max(64).optional(),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

/** The office's schedule, drafts included, always for a stated period. */
export const ReceptionScheduleQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  unitId: z.string().max(64).optional(),
});
export type ReceptionScheduleQuery = z.infer<typeof ReceptionScheduleQuery>;

export const ReceptionCalendarQuery = z.object({ unitId: z.string().max(64).optional() });
export type ReceptionCalendarQuery = z.infer<typeof ReceptionCalendarQuery>;

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
    townshipId: Id.nullable()
      .optional()
      .openapi({ description: "下访: the township a field session is held in; null clears it" }),
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

/** A citizen proves a booking is theirs with its code and the last four digits of the phone. */
const PhoneLast4 = z.string().regex(/^\d{4}$/, "请输入手机号码后四位");

export const BookingLookup = z.object({ phoneLast4: PhoneLast4 });
export type BookingLookup = z.infer<typeof BookingLookup>;

export const CancelBookingBody = z.object({ phoneLast4: PhoneLast4 }).strict();
export type CancelBookingBody = z.infer<typeof CancelBookingBody>;

export const RescheduleBookingBody = z
  .object({ phoneLast4: PhoneLast4, slotStart: z.string().max(5) })
  .strict();
export type RescheduleBookingBody = z.infer<typeof RescheduleBookingBody>;

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

/** Sends a waiting (or called) ticket to another desk of the same joint reception. */
export const RouteTicketBody = z.object({ desk: DeskNumber }).strict().openapi("RouteTicketBody");
export type RouteTicketBody = z.infer<typeof RouteTicketBody>;

/** Which desk calls: a joint reception's desks each call their own queue. */
export const DeskQuery = z.object({
  desk: z.coerce.number().int().min(1).max(9).optional(),
});

/** The other desks of a joint reception; desk 1 is always the session's own leader and unit. */
export const SetSessionDesksBody = z
  .object({
    desks: z
      .array(z.object({ unitId: Id, leaderId: Id }).strict())
      .max(8)
      .openapi({ description: "Desks 2, 3, …: a leader and a unit each; empty for one desk" }),
  })
  .strict()
  .openapi("SetSessionDesksBody");
export type SetSessionDesksBody = z.infer<typeof SetSessionDesksBody>;

export const SessionDesks = z
  .object({ sessionId: z.string(), desks: z.array(DeskInfo) })
  .openapi("SessionDesks");
export type SessionDesks = z.infer<typeof SessionDesks>;

export const TicketTransferred = z.object({ from: StaffTicket, to: StaffTicket });
export type TicketTransferred = z.infer<typeof TicketTransferred>;

export const CheckInBody = z.union([
  z.object({ bookingCode: z.string().trim().min(4).max(20), desk: DeskNumber.optional() }).strict(),
  z.object({ walkIn: WalkIn, desk: DeskNumber.optional() }).strict(),
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
}).extend({
  petitioner: Person.partial().optional(),
  handling: Text(1_000).optional().openapi({
    description: "现场处理意见: what the leader decided on the spot, for the visit register",
  }),
});
export type CompleteTicketBody = z.infer<typeof CompleteTicketBody>;

export const TicketCompleted = z.object({ ticket: StaffTicket, petition: Petition });
export type TicketCompleted = z.infer<typeof TicketCompleted>;

/** An earlier case of the person who booked, as far as the reader may see it. */
export const EarlierCaseBrief = z.object({
  trackingCode: z.string(),
  status: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  registeredAt: z.string(),
});

/** A booking as the leader and the desk prepare for it before the day. */
export const PreparedBooking = z
  .object({
    bookingCode: z.string(),
    slotStart: z.string(),
    status: z.string(),
    name: z.string(),
    headcount: z.number().int(),
    topic: z.string().openapi({ description: "What the citizen wrote they will raise" }),
    purpose: Purpose.nullable(),
    categoryCode: z.string().nullable(),
    categoryName: z.string().nullable(),
    appointment: z
      .object({
        id: z.string(),
        status: z.enum(appointmentStatuses),
        note: z.string().nullable(),
        answeredAt: z.string().nullable(),
      })
      .nullable()
      .openapi({
        description:
          "When the booking is an appointment (约访): the petitioner's answer, and their note when asking for another time",
      }),
    earlierCases: z.array(EarlierCaseBrief).openapi({
      description:
        "The person's earlier cases (matched by keyed hash of phone or ID number), only those the reader may see under the visibility rule; at most five, newest first",
    }),
  })
  .openapi("PreparedBooking");

export const SessionBookings = z
  .object({ sessionId: z.string(), bookings: z.array(PreparedBooking) })
  .openapi("SessionBookings");
export type SessionBookings = z.infer<typeof SessionBookings>;
export type PreparedBooking = z.infer<typeof PreparedBooking>;

/** The county's booking limits and queue rules (defaults and bounds in domain/reception/booking-policy.ts). */
export const ReceptionSettings = z
  .object({
    monthlyBookingsPerPhone: z.number().int(),
    minimumNoticeMinutes: z.number().int(),
    horizonDays: z.number().int(),
    walkInEvery: z.number().int(),
    maxCalls: z.number().int(),
    codesPerPhonePerDay: z.number().int(),
    codesPerAddressPerDay: z.number().int(),
    codesPerCountyPerDay: z.number().int(),
    trackAttemptsPerCase: z.number().int(),
    proofOfWorkDifficulty: z.number().int(),
  })
  .openapi("ReceptionSettings");
export type ReceptionSettings = z.infer<typeof ReceptionSettings>;

/** 带案下访: a case to take along, by its id or its 查询码. */
export const AddFieldCaseBody = z
  .object({
    petitionId: Id.optional(),
    trackingCode: z.string().trim().min(4).max(40).optional(),
  })
  .strict()
  .refine((b) => b.petitionId || b.trackingCode, {
    message: "请填写案件查询码",
    path: ["trackingCode"],
  })
  .openapi("AddFieldCaseBody");
export type AddFieldCaseBody = z.infer<typeof AddFieldCaseBody>;

export const FieldCase = z
  .object({
    petitionId: z.string(),
    trackingCode: z.string(),
    status: z.string(),
    purpose: Purpose,
    categoryName: z.string(),
    receivedOn: z.string(),
    responsibleUnitName: z.string(),
  })
  .openapi("FieldCase");

export const FieldCases = z
  .object({
    sessionId: z.string(),
    cases: z.array(FieldCase).openapi({
      description: "The cases taken along that the reader may see (the visibility rule, in SQL)",
    }),
  })
  .openapi("FieldCases");
export type FieldCases = z.infer<typeof FieldCases>;
