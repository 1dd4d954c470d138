import { z } from "@hono/zod-openapi";
import type { PetitionAction } from "../../reference/petition-actions.ts";
import { Id, Text } from "../common.ts";
import { CloseMethod, IsoDate, Outcome } from "./vocabulary.ts";

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

export type DeclineGround = ActionInput["decline"]["ground"];

export const RecusalRecorded = z.object({ petitionId: z.string(), staffId: z.string() });

export type RecusalRecorded = z.infer<typeof RecusalRecorded>;
