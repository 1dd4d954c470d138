import { z } from "@hono/zod-openapi";
import { HumanCheck, Text } from "../common.ts";
import { Deadlines, EvaluationView, PetitionNotice, WrittenReply } from "./case-view.ts";
import { Channel, IsoDate, PetitionStatus, Satisfaction } from "./vocabulary.ts";

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
