import { describe, expect, it } from "vitest";
import {
  sendWebhook,
  signWebhook,
  validateWebhookConfig,
  verifyWebhookSignature,
} from "../../workers/notify/channels/webhook.ts";
import { bodyText, fakeFetch, message } from "../support/fake-fetch.ts";

describe("county webhook", () => {
  const config = { url: "https://xf.county.example.gov.cn/hooks/lianxin", secret: "whsec_test" };
  const now = new Date(1_795_000_000_000);
  const payload = {
    event: "deadline.near",
    tenant: "wuyuan",
    message,
    data: { petitionId: 123 },
  };

  it("signs timestamp.body with HMAC-SHA256 as hex", async () => {
    // Node: createHmac("sha256", "whsec_test").update('1795000000.{"a":1}').digest("hex")
    expect(await signWebhook("whsec_test", 1_795_000_000, '{"a":1}')).toBe(
      "sha256=14cdf372534acd098c83cbb3a5b7081138ef9e1e2ce9f43221f2a73884581201",
    );
  });

  it("posts the JSON payload with id, event, timestamp and a verifiable signature", async () => {
    const fake = fakeFetch(new Response("received", { status: 202 }));
    const outcome = await sendWebhook(config, payload, fake.fetchFn, now);
    const call = fake.only();
    const body = bodyText(call);
    expect(call.url).toBe(config.url);
    expect(call.method).toBe("POST");
    expect(JSON.parse(body)).toEqual(payload);
    expect(call.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(call.headers.get("x-lianxin-id")).toBe("dlv_01JDEXAMPLE");
    expect(call.headers.get("x-lianxin-event")).toBe("deadline.near");
    expect(call.headers.get("x-lianxin-timestamp")).toBe("1795000000");
    expect(call.headers.get("x-lianxin-signature")).toBe(
      await signWebhook(config.secret, 1_795_000_000, body),
    );
    expect(await verifyWebhookSignature(config.secret, call.headers, body, 300, now)).toBe(true);
    expect(outcome).toEqual({ ok: true, providerResponse: "HTTP 202: received" });
  });

  it("rejects a tampered body, a wrong secret, a stale timestamp and malformed headers", async () => {
    const fake = fakeFetch(new Response(null, { status: 204 }));
    await sendWebhook(config, payload, fake.fetchFn, now);
    const call = fake.only();
    const body = bodyText(call);
    const headers = Object.fromEntries(call.headers);
    const verify = (h: Record<string, string>, b = body, at = now, secret = config.secret) =>
      verifyWebhookSignature(secret, h, b, 300, at);
    expect(await verify(headers)).toBe(true);
    expect(await verify(headers, body.replace("wuyuan", "wuyuam"))).toBe(false);
    expect(await verify(headers, body, now, "whsec_other")).toBe(false);
    expect(await verify(headers, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(await verify(headers, body, new Date(now.getTime() + 299_000))).toBe(true);
    expect(await verify({ ...headers, "x-lianxin-timestamp": "1795000001" })).toBe(false);
    expect(await verify({ ...headers, "x-lianxin-signature": "sha256=zz" })).toBe(false);
    expect(await verify({ ...headers, "x-lianxin-timestamp": "" })).toBe(false);
  });

  it("treats any 2xx as delivered and classifies the rest", async () => {
    const fake = fakeFetch(
      new Response(null, { status: 204 }),
      new Response("", { status: 410 }),
      new Response("", { status: 503 }),
      new DOMException("timed out", "TimeoutError"),
    );
    const results = [];
    for (let i = 0; i < 4; i += 1) {
      const outcome = await sendWebhook(config, payload, fake.fetchFn, now);
      results.push(outcome.ok ? outcome.providerResponse : [outcome.retryable, outcome.error]);
    }
    expect(results).toEqual([
      "HTTP 204",
      [false, "HTTP 410"],
      [true, "HTTP 503"],
      [true, "timeout after 10 s"],
    ]);
  });

  it("validates a county's webhook settings", () => {
    const strongSecret = "0123456789abcdef0123";
    expect(
      validateWebhookConfig({ url: config.url, secret: strongSecret }, { allowAnyHost: false }),
    ).toEqual([]);
    expect(
      validateWebhookConfig(
        { url: "http://xf.example/hook", secret: "short" },
        { allowAnyHost: false },
      ),
    ).toEqual(["回调地址必须使用 https", "签名密钥至少 16 个字符"]);
    expect(
      validateWebhookConfig(
        { url: "http://127.0.0.1:9000/hook", secret: strongSecret },
        { allowAnyHost: true },
      ),
    ).toEqual([]);
  });
});
