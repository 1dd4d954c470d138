import { z } from "@hono/zod-openapi";
import { Id } from "../common.ts";
import { PetitionSummary } from "./case-view.ts";
import { IsoDate, PetitionStatus } from "./vocabulary.ts";

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

export const PetitionPage = z.object({
  items: z.array(PetitionSummary),
  nextCursor: z.string().nullable(),
});

export type PetitionPage = z.infer<typeof PetitionPage>;
