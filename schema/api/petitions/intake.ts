import { z } from "@hono/zod-openapi";
import { publicUnitKinds } from "../../reference/unit-kinds.ts";
import { sourceLevels } from "../../tenant/tables.ts";
import { HumanCheck, Id, Text } from "../common.ts";
import { Channel, IsoDate, Purpose } from "./vocabulary.ts";

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
