import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../context.ts";

export const OPENAPI_PATH = "/api/v1/openapi.json";

/**
 * Scalar's script and fonts are our own static assets (web/public/vendor/scalar, written by
 * `npm run vendor:scalar`): county intranets reach no CDN.
 */
const VENDOR = "/vendor/scalar";
const FONT_FACES = [
  ["Inter", "inter.woff2", "100 900"],
  ["JetBrains Mono", "jetbrains-mono.woff2", "100 800"],
]
  .map(
    ([family, file, weight]) =>
      `@font-face { font-family: "${family}"; font-style: normal; font-weight: ${weight}; ` +
      `font-display: swap; src: url(${VENDOR}/${file}) format("woff2"); }`,
  )
  .join("\n");

/** Serves the OpenAPI 3.1 document built from the route definitions, and Scalar's viewer. */
export function mountDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "The token returned by login",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "cookieAuth", {
    type: "apiKey",
    in: "cookie",
    name: "lx_session",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "platformAdmin", {
    type: "http",
    scheme: "bearer",
    description: "The PLATFORM_ADMIN_TOKEN secret",
  });
  app.doc31(OPENAPI_PATH, {
    openapi: "3.1.0",
    info: {
      title: "连心桥 Lianxin API",
      version: "1.0.0",
      description:
        "Petition (信访) work for Chinese counties. Every failure answers " +
        '`{"error":{"code","message","requestId","details"?}}`.',
    },
    servers: [{ url: "/" }],
  });
  app.get(
    "/api/docs",
    Scalar({
      url: OPENAPI_PATH,
      pageTitle: "连心桥 API",
      cdn: `${VENDOR}/standalone.js`,
      withDefaultFonts: false,
      customCss: FONT_FACES,
      // Scalar's hosted extras (AI agent, MCP, SDK generation, sharing) need its cloud.
      showDeveloperTools: "never",
      agent: { disabled: true },
      mcp: { disabled: true },
    }),
  );
}
