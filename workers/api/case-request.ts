import type { Context } from "hono";
import { type CaseContext, loadCaseContext, staffView } from "../domain/tenancy/county-context.ts";
import type { AppEnv } from "./context.ts";

/**
 * The county's context for this request: read on first use, then kept on the request. A
 * signed-in request already knows the context's stamp from its sign-in batch, so a county
 * this isolate has seen costs no further D1 read.
 */
export function countyContext(c: Context<AppEnv>): Promise<CaseContext> {
  let context = c.get("caseContext");
  if (!context) {
    context = loadCaseContext(c.env, c.get("scope"), new Date(), c.get("contextStamp"));
    c.set("caseContext", context);
  }
  return context;
}

/** The county's rules and the signed-in person as those rules see them, for one request. */
export async function caseRequest(c: Context<AppEnv>) {
  const ctx = await countyContext(c);
  return { ctx, viewer: staffView(c.get("staff"), ctx.units) };
}

/** The signed-in person as the visibility rule sees them, without the rest of the rules. */
export async function viewerOf(c: Context<AppEnv>) {
  return staffView(c.get("staff"), (await countyContext(c)).units);
}
