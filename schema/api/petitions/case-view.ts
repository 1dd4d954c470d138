import { z } from "@hono/zod-openapi";
import { supervisionForms } from "../../reference/notify-delivery.ts";
import { noticeMethods, sourceLevels } from "../../tenant/tables.ts";
import { Attachment } from "./intake.ts";
import { Channel, IsoDate, Outcome, PetitionStatus, Purpose, Satisfaction } from "./vocabulary.ts";

export const Clock = z.object({
  due: IsoDate,
  from: IsoDate,
  days: z.number().int(),
  kind: z.enum(["calendar", "working"]),
  state: z.enum(["ok", "near", "dueToday", "overdue"]),
  daysLeft: z.number().int(),
});

export type Clock = z.infer<typeof Clock>;

export type DeadlineState = Clock["state"];

export type DayKind = Clock["kind"];

export const Deadlines = z.record(z.string(), Clock).openapi({
  description:
    "accept · notice · receivingNotice · handle · reviewAnswer · reReviewAnswer (office deadlines); reviewRequest · reReviewRequest · evaluation (petitioner windows); targetMeet · targetFeedback · targetClose (internal first-petition targets)",
});

export type Deadlines = z.infer<typeof Deadlines>;

export const PetitionerView = z.object({
  name: z.string(),
  idNumber: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  masked: z.boolean().openapi({ description: "True when values are masked for this caller" }),
});

export type PetitionerView = z.infer<typeof PetitionerView>;

export const TimelineEntry = z.object({
  version: z.number().int(),
  at: z.iso.datetime(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorId: z.string().nullable(),
  actorUnitId: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const WrittenReply = z.object({
  stage: z.enum(["first", "review", "reReview"]),
  request: z.string(),
  factsAndReasons: z.string(),
  decision: z.string(),
  legalBasis: z.string(),
  outcome: Outcome,
  on: IsoDate,
  unitId: z.string(),
});

export type WrittenReply = z.infer<typeof WrittenReply>;

export const EvaluationView = z.object({
  status: z.enum(["not_open", "pending", "done", "expired"]),
  handlingUnit: Satisfaction.optional(),
  office: Satisfaction.optional(),
  comment: z.string().optional(),
  at: z.string().optional(),
  closesOn: IsoDate.optional(),
});

export type EvaluationView = z.infer<typeof EvaluationView>;

/** What the petitioner was told (告知记录): what, when, how. */
export const PetitionNotice = z
  .object({
    kind: z.string(),
    method: z.enum(noticeMethods),
    content: z.string(),
    at: z.iso.datetime(),
  })
  .openapi("PetitionNotice");

export const Petition = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    version: z.number().int(),
    status: PetitionStatus,
    channel: Channel,
    purpose: Purpose,
    categoryCode: z.string(),
    categoryName: z.string(),
    confidential: z.boolean(),
    receivedOn: IsoDate,
    registeredAt: z.iso.datetime(),
    registeringUnitId: z.string(),
    responsibleUnitId: z.string(),
    handlerId: z.string().nullable(),
    ownerLeaderId: z.string().nullable(),
    ownerSignedOff: z.boolean(),
    subjectUnitId: z.string().nullable(),
    subjectText: z.string().nullable(),
    headcount: z.number().int(),
    anonymous: z.boolean(),
    petitioner: PetitionerView.optional(),
    representatives: z.array(PetitionerView).optional(),
    material: z.object({
      facts: z.string(),
      demands: z.string(),
      hardships: z.string().optional(),
      history: z.string().optional(),
      priorHandling: z.string().optional(),
    }),
    attachments: z.array(Attachment),
    flags: z.object({
      firstPetition: z.boolean(),
      repeat: z
        .object({
          of: z.string(),
          trackingCode: z.string(),
          status: z.string(),
          afterReReview: z.boolean(),
        })
        .optional(),
      inProgressBelow: z.object({ of: z.string(), unitId: z.string() }).optional(),
      final: z
        .object({ of: z.string(), trackingCode: z.string() })
        .optional()
        .openapi({ description: "§36: an earlier case of this matter was re-reviewed" }),
      skipLevel: z.boolean().optional(),
      legalRoute: z.string().optional(),
    }),
    routing: z
      .object({
        kind: z.enum(["accept", "forward", "assign"]),
        toUnitId: z.string(),
        fromUnitId: z.string(),
        on: IsoDate,
        reportDue: IsoDate.optional(),
        instructions: z.string().optional(),
        objection: z.object({ reason: z.string(), on: IsoDate, byUnitId: z.string() }).optional(),
        report: z
          .object({
            acceptedOn: IsoDate.optional(),
            sentBack: z
              .array(z.object({ reason: z.string(), on: IsoDate, reportDue: IsoDate }))
              .optional(),
          })
          .optional(),
      })
      .nullable(),
    extensionRequest: z
      .object({ days: z.number().int(), reason: z.string(), on: IsoDate, by: z.string() })
      .nullable(),
    fromAbove: z
      .object({
        level: z.enum(sourceLevels),
        reference: z.string(),
        due: IsoDate.nullable(),
        reportedOn: IsoDate.nullable(),
      })
      .nullable(),
    extensionDays: z.number().int(),
    pausedDays: z.number().int(),
    deadlines: Deadlines,
    nextDeadline: z.object({ key: z.string(), due: IsoDate }).nullable(),
    reply: WrittenReply.nullable(),
    evaluation: EvaluationView,
    closure: z
      .object({
        on: IsoDate,
        method: z.string(),
        petitionerOpinion: z.string(),
        summary: z.string().optional(),
      })
      .nullable(),
    availableActions: z.array(z.string()).openapi({ description: "What this caller can do now" }),
    breaches: z
      .array(z.object({ deadlineKey: z.string(), due: IsoDate, at: z.iso.datetime() }))
      .optional()
      .openapi({ description: "Deadlines this case missed, as the deadline scan recorded them" }),
    timeline: z.array(TimelineEntry).optional(),
    noticeOwed: z.boolean().openapi({ description: "§23: name and address known" }),
    notices: z.array(PetitionNotice).optional(),
    supervision: z
      .object({
        reason: z.string().openapi({ description: "The broken deadline, or listed / instruction" }),
        form: z.enum(supervisionForms).nullable(),
        due: IsoDate,
        openedAt: z.iso.datetime(),
      })
      .nullable()
      .optional()
      .openapi({ description: "The case's one open supervision (督办), when reading the case" }),
  })
  .openapi("Petition");

export type Petition = z.infer<typeof Petition>;

export const PetitionSummary = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    status: PetitionStatus,
    channel: Channel,
    purpose: Purpose,
    categoryCode: z.string(),
    categoryName: z.string(),
    confidential: z.boolean(),
    receivedOn: IsoDate,
    registeredAt: z.iso.datetime(),
    responsibleUnitId: z.string(),
    petitionerName: z.string().openapi({ description: "Masked unless the caller may see it" }),
    headline: z.string().openapi({ description: "The start of the demands" }),
    nextDeadline: z
      .object({
        key: z.string(),
        due: IsoDate,
        state: z.enum(["ok", "near", "dueToday", "overdue"]),
      })
      .nullable(),
    repeat: z.boolean(),
    firstPetition: z.boolean(),
  })
  .openapi("PetitionSummary");

export type PetitionSummary = z.infer<typeof PetitionSummary>;

export type Material = Petition["material"];

export type Routing = NonNullable<Petition["routing"]>;
