import { z } from "@hono/zod-openapi";
import { CHANNELS, PURPOSES } from "../reference/intake.ts";
import { supervisionForms } from "../reference/notify-delivery.ts";
import type { PetitionAction } from "../reference/petition-actions.ts";
import { publicUnitKinds } from "../reference/unit-kinds.ts";
import { noticeMethods, petitionStatuses, sourceLevels } from "../tenant/tables.ts";
import { HumanCheck, Id, Text } from "./common.ts";

export const IsoDate = z.iso.date("日期应为有效的 YYYY-MM-DD").openapi({ example: "2026-11-20" });

export const PetitionStatus = z.enum(petitionStatuses);
export type PetitionStatus = z.infer<typeof PetitionStatus>;

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const Purpose = z.enum(PURPOSES);
export type Purpose = z.infer<typeof Purpose>;

export const Outcome = z.enum(["support", "explain", "reject"]).openapi({
  description: "support 支持 · explain 解释说明 · reject 不予支持",
});
export type Outcome = z.infer<typeof Outcome>;

export const Satisfaction = z.enum(["satisfied", "basically_satisfied", "unsatisfied"]).openapi({
  description: "满意 · 基本满意 · 不满意",
});
export type Satisfaction = z.infer<typeof Satisfaction>;

export const CloseMethod = z
  .enum(["handled", "lawful_termination", "suspended", "agreement", "hearing", "relief"])
  .openapi({
    description: "办结 · 依法终结 · 程序中止 · 协议化解 · 听证终结 · 救助息访",
  });
export type CloseMethod = z.infer<typeof CloseMethod>;

export const Person = z.object({
  name: Text(50),
  idNumber: z
    .string()
    .trim()
    .max(30)
    .optional()
    .openapi({ description: "公民身份号码 (GB 11643)" }),
  phone: z.string().trim().max(30).optional().openapi({ description: "手机号码" }),
  address: Text(200).optional(),
});

const Material = {
  facts: Text(10_000).openapi({ description: "事实真相" }),
  demands: Text(5_000).openapi({ description: "诉求与理由" }),
  hardships: Text(5_000).optional().openapi({ description: "实际困难" }),
  history: Text(5_000).optional().openapi({ description: "信访经历" }),
  priorHandling: Text(5_000).optional().openapi({ description: "此前办理情况" }),
};

export const Attachment = z.object({
  name: Text(200),
  contentType: Text(100),
  size: z
    .number()
    .int()
    .min(0)
    .max(100 * 1024 * 1024),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** 上级交办/转送: a case handed down by the city, province or national office. */
export const FromAbove = z
  .object({
    level: z
      .enum(sourceLevels)
      .openapi({ description: "city 市级, provincial 省级, national 国家级" }),
    reference: Text(60).openapi({ description: "上级文号 / 交办单号" }),
    due: IsoDate.optional().openapi({
      description: "The upstream deadline; it governs the handling deadline when earlier",
    }),
  })
  .strict()
  .openapi("FromAbove");
export type FromAbove = z.infer<typeof FromAbove>;

export const CreatePetitionBody = z
  .object({
    channel: Channel,
    purpose: Purpose,
    categoryCode: Text(40),
    receivedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, "收到日期应为 YYYY-MM-DD 或 ISO 时间")
      .openapi({ description: "When it arrived; up to 90 days back, never in the future" }),
    anonymous: z.boolean().optional().openapi({ description: "匿名来信: no notice is owed" }),
    petitioner: Person.optional(),
    representatives: z
      .array(Person)
      .max(20, "集体访代表人数过多")
      .optional()
      .openapi({ description: "集体访代表; at most the county's number (default 5, §20)" }),
    headcount: z.number().int().min(1).max(10_000).optional(),
    ...Material,
    subjectUnitId: Id.optional(),
    subjectText: Text(200).optional().openapi({ description: "被反映的单位或个人" }),
    attachments: z.array(Attachment).max(50).optional(),
    unitId: Id.optional().openapi({
      description: "Registering unit; defaults to the clerk's unit",
    }),
    fromAbove: FromAbove.optional(),
  })
  .strict()
  .openapi("CreatePetitionBody");
export type CreatePetitionBody = z.infer<typeof CreatePetitionBody>;

export const SubmitOnlinePetitionBody = z
  .object({
    purpose: Purpose,
    categoryCode: Text(40),
    petitioner: Person.extend({ phone: z.string().trim().max(30) }),
    headcount: z.number().int().min(1).max(10_000).optional(),
    ...Material,
    subjectUnitId: Id.optional().openapi({
      description: "被反映的单位（listPublicUnits 之一）；不清楚则不填，由县信访局受理时确定",
    }),
    subjectText: Text(200).optional(),
    altcha: HumanCheck,
  })
  .strict()
  .openapi("SubmitOnlinePetitionBody");
export type SubmitOnlinePetitionBody = z.infer<typeof SubmitOnlinePetitionBody>;

/** A unit a citizen may name as the one their petition is about. */
export const PublicUnit = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(publicUnitKinds),
  })
  .openapi("PublicUnit");
export type PublicUnit = z.infer<typeof PublicUnit>;

export const PublicUnits = z.object({ items: z.array(PublicUnit) }).openapi("PublicUnits");
export type PublicUnits = z.infer<typeof PublicUnits>;

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

export const ListPetitionsQuery = z.object({
  status: PetitionStatus.optional(),
  unitId: Id.optional().openapi({ description: "Responsible unit" }),
  overdue: z.enum(["true", "false"]).optional(),
  dueBefore: IsoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type ListPetitionsQuery = z.infer<typeof ListPetitionsQuery>;

export const PetitionParam = z.object({
  petitionId: Id.openapi({ param: { name: "petitionId", in: "path" } }),
});

const Versioned = {
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: "The version you read; a stale one answers 409" }),
};
const Note = Text(2_000);

export const ActionBodies = {
  accept: z
    .object({
      note: Note.optional(),
      subjectUnitId: Id.optional().openapi({
        description:
          "County office only: set or correct the unit an accusation is about (被检举控告单位)",
      }),
      ...Versioned,
    })
    .strict(),
  decline: z
    .object({
      reason: Note,
      ground: z.enum(["not_ours", "in_progress_below", "after_re_review", "other"]).openapi({
        description: "非本机关职权 · 下级正在办理 (§19) · 复核后不再受理 (§36) · 其他",
      }),
      ...Versioned,
    })
    .strict(),
  forward: z.object({ toUnitId: Id, note: Note.optional(), ...Versioned }).strict(),
  assign: z
    .object({
      toUnitId: Id,
      reportDue: IsoDate.optional().openapi({
        description: "办结报告 due; defaults to the handling deadline",
      }),
      instructions: Note.optional(),
      ...Versioned,
    })
    .strict(),
  object: z.object({ reason: Note, ...Versioned }).strict(),
  reply: z
    .object({
      request: Text(5_000),
      factsAndReasons: Text(10_000),
      decision: Text(5_000),
      legalBasis: Text(5_000),
      outcome: Outcome,
      ...Versioned,
    })
    .strict(),
  extend: z
    .object({ days: z.number().int().min(1).max(365), reason: Note, ...Versioned })
    .strict()
    .openapi({ description: "The unit's leader approves (a pending request, or on their own)" }),
  requestExtension: z
    .object({ days: z.number().int().min(1).max(365), reason: Note, ...Versioned })
    .strict(),
  refuseExtension: z.object({ reason: Note, ...Versioned }).strict(),
  acceptReport: z.object({ note: Note.optional(), ...Versioned }).strict(),
  sendBack: z.object({ reason: Note, reportDue: IsoDate, ...Versioned }).strict(),
  reportUpward: z
    .object({ reportedOn: IsoDate.optional(), note: Note.optional(), ...Versioned })
    .strict(),
  requestReview: z
    .object({ requestedOn: IsoDate.optional(), note: Note.optional(), ...Versioned })
    .strict(),
  requestReReview: z
    .object({ requestedOn: IsoDate.optional(), note: Note.optional(), ...Versioned })
    .strict(),
  recordHearing: z
    .object({ startedOn: IsoDate, endedOn: IsoDate, note: Note.optional(), ...Versioned })
    .strict(),
  assignOwner: z.object({ leaderId: Id, ...Versioned }).strict(),
  designateHandler: z.object({ handlerId: Id, ...Versioned }).strict(),
  signOff: z.object({ note: Note.optional(), ...Versioned }).strict(),
  close: z
    .object({
      factsClear: z.boolean(),
      handled: z.boolean(),
      fileComplete: z.boolean(),
      petitionerOpinion: z.string().trim().max(2_000),
      method: CloseMethod,
      summary: Note.optional(),
      ...Versioned,
    })
    .strict(),
  recordFollowUp: z.object({ note: Note, visitedOn: IsoDate.optional(), ...Versioned }).strict(),
  recordNotice: z
    .object({
      method: z.enum(["letter", "in_person"]).openapi({ description: "书面告知或当面告知" }),
      content: Text(2_000).openapi({ description: "告知内容" }),
      ...Versioned,
    })
    .strict(),
} as const satisfies Record<PetitionAction, z.ZodType>;
/** The body of each action, as the API validates it and the domain takes it. */
export type ActionInput = { [A in PetitionAction]: z.infer<(typeof ActionBodies)[A]> };

export const RecusalBody = z
  .object({
    staffId: Id.optional().openapi({
      description: "Defaults to yourself (a self-declared conflict)",
    }),
    reason: Note,
  })
  .strict()
  .openapi("RecusalBody");
export type RecusalBody = z.infer<typeof RecusalBody>;

export const TrackBody = z
  .object({
    trackingCode: z.string().trim().min(1).max(30),
    phoneLast4: z.string().regex(/^\d{4}$/, "请输入手机号码后四位"),
  })
  .openapi("TrackBody");
export type TrackBody = z.infer<typeof TrackBody>;

/** §35–§36: the petitioner asks for a review (复查) or re-review (复核) online, in the window. */
export const OnlineReviewRequestBody = TrackBody.extend({
  reason: Text(2_000).openapi({ description: "不服的理由" }),
  altcha: HumanCheck,
}).openapi("OnlineReviewRequestBody");

export const EvaluateBody = TrackBody.extend({
  handlingUnit: Satisfaction,
  office: Satisfaction,
  comment: Text(1_000).optional(),
}).openapi("EvaluateBody");
export type EvaluateBody = z.infer<typeof EvaluateBody>;

export const TrackedPetition = z
  .object({
    trackingCode: z.string(),
    status: PetitionStatus,
    channel: Channel,
    categoryName: z.string(),
    receivedOn: IsoDate,
    registeredAt: z.iso.datetime(),
    responsibleUnitName: z.string(),
    timeline: z.array(
      z.object({
        at: z.iso.datetime(),
        action: z.string(),
        toStatus: z.string(),
        unitName: z.string().nullable(),
      }),
    ),
    deadlines: Deadlines,
    reply: WrittenReply.omit({ unitId: true }).extend({ unitName: z.string() }).nullable(),
    evaluation: EvaluationView,
    /** §34: the petitioner is told why and until when. */
    extension: z.object({ days: z.number().int(), reason: z.string(), due: IsoDate }).nullable(),
    notices: z.array(PetitionNotice),
    /** Whether the petitioner may ask for a review or re-review online now, and until when. */
    reviewWindow: z.object({ kind: z.enum(["review", "reReview"]), closesOn: IsoDate }).nullable(),
  })
  .openapi("TrackedPetition");
export type TrackedPetition = z.infer<typeof TrackedPetition>;

export type Material = Petition["material"];
export type Routing = NonNullable<Petition["routing"]>;
export type DeclineGround = ActionInput["decline"]["ground"];

export const PetitionPage = z.object({
  items: z.array(PetitionSummary),
  nextCursor: z.string().nullable(),
});
export type PetitionPage = z.infer<typeof PetitionPage>;

export const CheckPetitionBody = z
  .object({
    categoryCode: z.string().min(1).max(40),
    idNumber: z.string().max(30).optional(),
    phone: z.string().max(30).optional(),
    subjectUnitId: z.string().max(64).optional(),
  })
  .strict()
  .openapi("CheckRepeatBody");
export type CheckPetitionBody = z.infer<typeof CheckPetitionBody>;

/** What intake would flag, before anything is saved (POST /petitions/check). */
export const CheckPetitionResult = z.object({
  firstPetition: z.boolean(),
  repeat: z
    .object({
      afterReReview: z.boolean(),
      of: z.string(),
      trackingCode: z.string(),
      status: z.string(),
    })
    .optional()
    .openapi({
      description:
        "Only an earlier case the caller may see: to anyone else a repeat of a hidden case answers as a first petition",
    }),
  inProgressBelow: z.object({ of: z.string(), unitId: z.string() }).optional(),
  skipLevel: z.boolean().optional(),
  legalRoute: z.string().optional(),
});
export type CheckPetitionResult = z.infer<typeof CheckPetitionResult>;

export const RecusalRecorded = z.object({ petitionId: z.string(), staffId: z.string() });
export type RecusalRecorded = z.infer<typeof RecusalRecorded>;

export const SubmitOnlineResult = z.object({
  trackingCode: z.string(),
  trackingCodeFormatted: z.string(),
  status: z.string(),
  registeredAt: z.iso.datetime(),
  uploadToken: z.string().openapi({
    description:
      "Attach photos or PDFs within the hour: uploadPetitionerFile with this as X-Upload-Token",
  }),
});
export type SubmitOnlineResult = z.infer<typeof SubmitOnlineResult>;
