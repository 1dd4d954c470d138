import { describe, expect, it } from "vitest";
import { sendWeCom } from "../../workers/notify/channels/wecom.ts";
import { fakeFetch, message } from "../support/fake-fetch.ts";

describe("provider failure classification (shared by the HTTP channels)", () => {
  const wecom = { webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1" };

  it("retries 429 and 5xx, not other 4xx", async () => {
    const cases: Array<[number, boolean]> = [
      [429, true],
      [500, true],
      [502, true],
      [503, true],
      [400, false],
      [401, false],
      [403, false],
      [404, false],
    ];
    for (const [status, retryable] of cases) {
      const fake = fakeFetch(new Response("upstream says no", { status }));
      const outcome = await sendWeCom(wecom, message, fake.fetchFn);
      expect(outcome).toEqual({
        ok: false,
        retryable,
        error: `HTTP ${status}`,
        providerResponse: "upstream says no",
      });
    }
  });

  it("does not follow redirects, and does not retry them", async () => {
    const fake = fakeFetch(
      new Response(null, { status: 302, headers: { location: "https://elsewhere.example/" } }),
    );
    const outcome = await sendWeCom(wecom, message, fake.fetchFn);
    expect(fake.only().redirect).toBe("manual");
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.ok ? "" : outcome.error).toContain("302");
  });

  it("turns a network error into a retryable failure instead of throwing", async () => {
    const fake = fakeFetch(new TypeError("Network connection lost."));
    expect(await sendWeCom(wecom, message, fake.fetchFn)).toEqual({
      ok: false,
      retryable: true,
      error: "network error: Network connection lost.",
    });
  });

  it("passes a timeout signal and treats its firing as a retryable timeout", async () => {
    // AbortSignal.timeout rejects fetch with a DOMException named TimeoutError; waiting the
    // real 10 s here would only slow the suite, so the fake rejects the same way at once.
    const fake = fakeFetch(
      new DOMException("The operation was aborted due to timeout", "TimeoutError"),
    );
    const outcome = await sendWeCom(wecom, message, fake.fetchFn);
    const signal = fake.only().signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal?.aborted).toBe(false);
    expect(outcome).toEqual({ ok: false, retryable: true, error: "timeout after 10 s" });
  });

  it("cuts a long provider answer down to an excerpt", async () => {
    const fake = fakeFetch(new Response("x".repeat(5000), { status: 500 }));
    const outcome = await sendWeCom(wecom, message, fake.fetchFn);
    expect(outcome.ok ? "" : (outcome.providerResponse ?? "")).toHaveLength(301);
  });
});
