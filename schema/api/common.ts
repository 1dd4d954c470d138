import { z } from "@hono/zod-openapi";

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_FOUND" }),
      message: z.string(),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("ErrorEnvelope");
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** A six-digit GB/T 2260 county code, e.g. 431224 (溆浦县). */
export const TenantCode = z
  .string()
  .regex(/^\d{6}$/, "县级行政区划代码应为 6 位数字")
  .openapi({ example: "431224" });

export const TenantParam = z.object({
  tenant: TenantCode.openapi({ param: { name: "tenant", in: "path" } }),
});

export const Id = z.string().min(1).max(64);

/** Trimmed non-empty text with a maximum length. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

export type ErrorBody = ErrorEnvelope["error"];

/** One entry of `details` on a VALIDATION_FAILED error. */
export const ValidationIssue = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/**
 * The human check of a public form: the ALTCHA widget's payload (base64 JSON of the signed
 * challenge and its proof-of-work solution), good for one request.
 */
export const HumanCheck = z
  .string()
  .min(1, "请先完成人机验证")
  .max(8000)
  .openapi({ description: "ALTCHA payload from GET /t/{tenant}/public/challenge, solved" });
export type HumanCheck = z.infer<typeof HumanCheck>;

/** A proof-of-work challenge for the human check, as the ALTCHA widget fetches it. */
export const HumanCheckChallenge = z
  .object({
    parameters: z.record(z.string(), z.unknown()),
    signature: z.string().optional(),
  })
  .openapi("HumanCheckChallenge");
export type HumanCheckChallenge = z.infer<typeof HumanCheckChallenge>;
