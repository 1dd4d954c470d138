import { OpenAPIHono } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../../schema/api/common.ts";
import { ApiError, type FieldProblem } from "../errors.ts";
import type { AppEnv } from "./context.ts";

/**
 * A router whose request validation failures become VALIDATION_FAILED with the failing
 * fields, instead of zod's raw error. Every resource module builds its routes on one.
 */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const details: FieldProblem[] = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || result.target,
        message: issue.message,
      }));
      throw new ApiError("VALIDATION_FAILED", "请求参数有误", { details });
    },
  });
}

const statusText: Record<number, string> = {
  400: "The request is malformed or fails validation",
  401: "Not signed in, or the session has ended",
  403: "Signed in without the role this operation needs",
  404: "Not found (also another county's record)",
  409: "Conflicts with the current state",
  413: "Body over 1 MB",
  415: "Body is not JSON",
  422: "Well-formed but breaks a rule",
  423: "Account locked after repeated failed logins",
  429: "Rate limited",
};

/** The error responses a route can give, all in the one envelope. */
export function errorResponses(...statuses: (keyof typeof statusText)[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: statusText[status] ?? "Error",
        content: { "application/json": { schema: ErrorEnvelope } },
      },
    ]),
  );
}

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const staffSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
