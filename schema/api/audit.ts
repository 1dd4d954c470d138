import { z } from "@hono/zod-openapi";

/** What recomputing a county's audit chain found: intact, or the first bad entry. */
export const AuditChainVerdict = z
  .object({
    intact: z.boolean(),
    entries: z.number().int().openapi({ description: "Entries verified before any break" }),
    unsealed: z.number().int().openapi({ description: "Entries written but not yet in the chain" }),
    headHash: z.string().optional(),
    brokenAt: z.number().int().optional().openapi({ description: "The first entry that fails" }),
    problem: z.enum(["gap", "rewritten", "truncated", "unanchored"]).optional().openapi({
      description:
        "gap: an entry is missing; rewritten: altered or re-linked; truncated: the newest entries were removed; unanchored: entries beyond the anchored head",
    }),
    entryId: z.string().optional().openapi({ description: "The first bad entry, if still there" }),
    reason: z.string().optional(),
  })
  .openapi("AuditChainVerdict");
export type AuditChainVerdict = z.infer<typeof AuditChainVerdict>;
