import { z } from "@hono/zod-openapi";
import { CHANNELS, PURPOSES } from "../../reference/intake.ts";
import { petitionStatuses } from "../../tenant/tables.ts";

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
