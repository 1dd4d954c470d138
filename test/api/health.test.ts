import { describe, expect, it } from "vitest";
import { call } from "../support/client.ts";

describe("getHealth", () => {
  it("answers ok with a request id", async () => {
    const reply = await call("/api/v1/health");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "ok" });
    expect(reply.headers.get("x-request-id")).toMatch(/\S{8,}/);
  });
});
