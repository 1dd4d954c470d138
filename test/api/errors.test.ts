import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { ADMIN_TOKEN, call } from "../support/client.ts";
import { onboard } from "../support/tenants.ts";

function expectEnvelope(body: unknown, code: string) {
  expect(body).toMatchObject({
    error: { code, message: expect.any(String), requestId: expect.any(String) },
  });
}

describe("the error envelope", () => {
  it("answers malformed JSON with 400 VALIDATION_FAILED", async () => {
    const reply = await call("/api/v1/auth/login", {
      method: "POST",
      rawBody: '{"tenant": "431224", ',
      headers: { "content-type": "application/json" },
    });
    expect(reply.status).toBe(400);
    expectEnvelope(reply.body, "VALIDATION_FAILED");
  });

  it("answers a body that is not JSON with 415", async () => {
    const reply = await call("/api/v1/auth/login", {
      method: "POST",
      rawBody: "tenant=431224&username=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(reply.status).toBe(415);
    expectEnvelope(reply.body, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers a body over 1 MB with 413", async () => {
    const reply = await call("/api/v1/tenants", {
      token: ADMIN_TOKEN,
      body: { code: "100020", name: "x".repeat(1024 * 1024 + 1) },
    });
    expect(reply.status).toBe(413);
    expectEnvelope(reply.body, "PAYLOAD_TOO_LARGE");
  });

  it("answers an unknown API path with 404 and the request id in header and body", async () => {
    const reply = await call<{ error: { requestId: string } }>("/api/v1/no-such-thing");
    expect(reply.status).toBe(404);
    expectEnvelope(reply.body, "NOT_FOUND");
    expect(reply.headers.get("x-request-id")).toBe(reply.body.error.requestId);
  });

  /** The health check on a Worker whose environment is changed by `patch`. */
  async function healthWith(patch: Record<string, unknown>) {
    const broken = { ...env, ...patch } as unknown as typeof env;
    const response = await worker.fetch(
      new Request("https://lianxin.test/api/v1/health"),
      broken,
      {} as ExecutionContext,
    );
    return { status: response.status, body: await response.json() };
  }

  it("answers a missing secret with 500 BAD_ENVIRONMENT naming it", async () => {
    const reply = await healthWith({ PLATFORM_ADMIN_TOKEN: undefined });
    expect(reply.status).toBe(500);
    expectEnvelope(reply.body, "BAD_ENVIRONMENT");
    expect(JSON.stringify(reply.body)).toContain("PLATFORM_ADMIN_TOKEN");
  });

  it("answers a missing shard binding with 500 BAD_ENVIRONMENT", async () => {
    const reply = await healthWith({ TENANT_SHARDS: "TENANT_DB_1,TENANT_DB_9" });
    expect(reply.status).toBe(500);
    expectEnvelope(reply.body, "BAD_ENVIRONMENT");
    expect(JSON.stringify(reply.body)).toContain("TENANT_DB_9");
  });
});

describe("pages", () => {
  it("answers an unknown page with a 404 page in Chinese", async () => {
    const reply = await call<{ text: string }>("/no/such/page");
    expect(reply.status).toBe(404);
    expect(reply.headers.get("content-type")).toMatch(/text\/html/);
    expect(reply.body.text).toContain("页面不存在");
  });

  it("serves a county's pages only for a county that exists", async () => {
    await onboard("110105", "朝阳区");
    expect((await call("/t/110105")).status).toBe(200);
    expect((await call("/t/110105/")).status).toBe(200);
    const page = await call("/t/110105");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("x-request-id")).toBeTruthy();
    expect((await call("/t/110105/console/staff")).status).toBe(200);
    for (const path of [
      "/t/110105/petition",
      "/t/110105/reception",
      "/t/110105/reception/board/x",
    ]) {
      expect((await call(path)).status, path).toBe(200);
    }
    expect((await call("/t/110106")).status).toBe(404);
  });
});
