import { Hono } from "hono";
import { findActiveTenant } from "../storage/control.ts";
import type { AppEnv } from "./context.ts";

/**
 * Tenant pages are static builds of web/; the Worker picks the page for a path and
 * answers 404 for a county that does not exist, so the page and its status agree.
 */
export const pageRoutes = new Hono<AppEnv>();

const publicPage = "/public";
const consolePage = "/console";

for (const [path, page] of [
  ["/t/:tenant", publicPage],
  ["/t/:tenant/login", consolePage],
  ["/t/:tenant/console", consolePage],
  ["/t/:tenant/console/*", consolePage],
] as const) {
  pageRoutes.get(path, async (c) => {
    const code = c.req.param("tenant");
    const exists = /^\d{6}$/.test(code) && (await findActiveTenant(c.env, code)) !== undefined;
    const asset = await c.env.ASSETS.fetch(new URL(page, c.req.url));
    return new Response(asset.body, {
      status: exists ? asset.status : 404,
      headers: asset.headers,
    });
  });
}
