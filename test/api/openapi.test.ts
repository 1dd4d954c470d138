import { describe, expect, it } from "vitest";
import { call } from "../support/client.ts";

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and gives every operation an operationId", async () => {
    const doc = await call<{
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>("/api/v1/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    const operations = Object.values(doc.body.paths).flatMap((methods) => Object.values(methods));
    expect(operations.every((op) => typeof op.operationId === "string")).toBe(true);
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "getHealth",
        "createTenant",
        "getTenant",
        "updateTenant",
        "listUnits",
        "createUnit",
        "updateUnit",
        "listStaff",
        "createStaff",
        "updateStaff",
        "login",
        "logout",
        "getMe",
      ]),
    );
  });

  it("has interactive docs at /api/docs", async () => {
    const page = await call<{ text: string }>("/api/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.body.text).toContain("/api/v1/openapi.json");
    // County intranets reach no CDN: the viewer and its fonts are our own assets.
    expect(page.body.text).toContain('src="/vendor/scalar/standalone.js"');
    expect(page.body.text).toContain("url(/vendor/scalar/inter.woff2)");
    expect(page.body.text).not.toMatch(/https?:\/\//);
  });
});
