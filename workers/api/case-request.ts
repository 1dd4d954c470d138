import type { Context } from "hono";
import { loadCaseContext, staffView } from "../domain/petitions/context.ts";
import type { AppEnv } from "./context.ts";

/** The county's rules and the signed-in person as those rules see them, for one request. */
export async function caseRequest(c: Context<AppEnv>) {
  const ctx = await loadCaseContext(c.env, c.get("scope"));
  return { ctx, viewer: staffView(c.get("staff"), ctx.units) };
}
