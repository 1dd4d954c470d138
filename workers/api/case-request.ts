import type { Context } from "hono";
import { loadCaseContext, staffView } from "../domain/petitions/context.ts";
import { listUnits } from "../storage/units.ts";
import type { AppEnv } from "./context.ts";

/** The county's rules and the signed-in person as those rules see them, for one request. */
export async function caseRequest(c: Context<AppEnv>) {
  const ctx = await loadCaseContext(c.env, c.get("scope"));
  return { ctx, viewer: staffView(c.get("staff"), ctx.units) };
}

/** The signed-in person as the visibility rule sees them, without the rest of the rules. */
export async function viewerOf(c: Context<AppEnv>) {
  return staffView(c.get("staff"), await listUnits(c.get("scope")));
}

/** The signed-in person as the rule sees them, with the county's units they were placed in. */
export async function viewerWithUnits(c: Context<AppEnv>) {
  const units = await listUnits(c.get("scope"));
  return { viewer: staffView(c.get("staff"), units), units };
}
