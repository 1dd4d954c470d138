import { describe, expect, it } from "vitest";
import {
  aliyunPercentEncode,
  aliyunSignature,
  sendAliyunSms,
} from "../../workers/notify/channels/aliyun-sms.ts";
import {
  dingTalkSign,
  sendDingTalk,
  validateDingTalkConfig,
} from "../../workers/notify/channels/dingtalk.ts";
import type { OutgoingMessage } from "../../workers/notify/channels/types.ts";
import {
  generateVapidKeys,
  isSubscriptionGone,
  SUBSCRIPTION_GONE,
  sendWebPush,
} from "../../workers/notify/channels/web-push.ts";
import {
  sendWebhook,
  signWebhook,
  validateWebhookConfig,
  verifyWebhookSignature,
} from "../../workers/notify/channels/webhook.ts";
import { sendWeCom, validateWeComConfig } from "../../workers/notify/channels/wecom.ts";

interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | null | undefined;
  redirect: RequestInit["redirect"];
}

type Script = Response | Error;

/** A fetch that records each call and answers from a script, one entry per call. */
function fakeFetch(...script: Script[]) {
  const calls: RecordedCall[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: init?.body,
      signal: init?.signal,
      redirect: init?.redirect,
    });
    const next = script.shift();
    if (next === undefined) throw new Error("fake fetch: no scripted reply left");
    if (next instanceof Error) throw next;
    return next;
  };
  const only = () => {
    expect(calls).toHaveLength(1);
    const [call] = calls;
    if (!call) throw new Error("no call");
    return call;
  };
  return { fetchFn, calls, only };
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });

const bodyText = (call: RecordedCall) => {
  if (typeof call.body !== "string") throw new Error("expected a string body");
  return call.body;
};

const message: OutgoingMessage = {
  id: "dlv_01JDEXAMPLE",
  title: "案件临近到期",
  body: "案件 XF2026-000123（土地征收）的办理期限将于 11月25日 到期，已用时 80%。",
  link: "https://lianxin.example.cn/t/wuyuan/petitions/123",
};

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

describe("WeCom group robot", () => {
  const config = { webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123" };

  it("posts markdown with the title in bold, the body and the case link", async () => {
    const fake = fakeFetch(json({ errcode: 0, errmsg: "ok" }));
    const outcome = await sendWeCom(config, message, fake.fetchFn);
    const call = fake.only();
    expect(call.url).toBe(config.webhookUrl);
    expect(call.method).toBe("POST");
    expect(call.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(JSON.parse(bodyText(call))).toEqual({
      msgtype: "markdown",
      markdown: {
        content:
          "**案件临近到期**\n案件 XF2026-000123（土地征收）的办理期限将于 11月25日 到期，已用时 80%。\n" +
          "[查看案件](https://lianxin.example.cn/t/wuyuan/petitions/123)",
      },
    });
    expect(outcome).toEqual({ ok: true, providerResponse: '{"errcode":0,"errmsg":"ok"}' });
  });

  it("leaves the link line out when there is no link, and keeps parentheses out of it", async () => {
    const fake = fakeFetch(json({ errcode: 0, errmsg: "ok" }), json({ errcode: 0, errmsg: "ok" }));
    await sendWeCom(config, { id: "d1", title: "标题", body: "正文" }, fake.fetchFn);
    await sendWeCom(
      config,
      { id: "d2", title: "标题", body: "正文", link: "https://x.example/a(1)" },
      fake.fetchFn,
    );
    const contents = fake.calls.map((call) => JSON.parse(bodyText(call)).markdown.content);
    expect(contents).toEqual([
      "**标题**\n正文",
      "**标题**\n正文\n[查看案件](https://x.example/a%281%29)",
    ]);
  });

  it("fails on a non-zero errcode in a 200, retrying only throttling and busy codes", async () => {
    const fake = fakeFetch(
      json({ errcode: 45009, errmsg: "api freq out of limit" }),
      json({ errcode: 93000, errmsg: "invalid webhook url" }),
      json({ errcode: -1, errmsg: "system busy" }),
      new Response("<html>gateway</html>", { status: 200 }),
    );
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await sendWeCom(config, message, fake.fetchFn));
    expect(outcomes.map((o) => (o.ok ? "ok" : [o.retryable, o.error]))).toEqual([
      [true, "errcode 45009: api freq out of limit"],
      [false, "errcode 93000: invalid webhook url"],
      [true, "errcode -1: system busy"],
      [false, "unexpected response (no errcode)"],
    ]);
  });

  it("accepts only Tencent's https robot endpoint in production", () => {
    const production = { allowAnyHost: false };
    expect(validateWeComConfig(config, production)).toEqual([]);
    expect(
      validateWeComConfig(
        { webhookUrl: "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a" },
        production,
      ),
    ).toEqual(["企业微信机器人地址必须使用 https"]);
    expect(
      validateWeComConfig(
        { webhookUrl: "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=a" },
        production,
      ),
    ).toEqual(["企业微信机器人地址的域名必须是 qyapi.weixin.qq.com"]);
    expect(
      validateWeComConfig(
        { webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send" },
        production,
      ),
    ).toEqual(["企业微信机器人地址缺少 key 参数"]);
    expect(validateWeComConfig({ webhookUrl: "not a url" }, production)).toEqual([
      "企业微信机器人地址不是有效的网址",
    ]);
  });

  it("lets development point at a local stub", () => {
    const dev = { allowAnyHost: true };
    expect(validateWeComConfig({ webhookUrl: "http://127.0.0.1:8788/wecom" }, dev)).toEqual([]);
    expect(validateWeComConfig({ webhookUrl: "ftp://127.0.0.1/wecom" }, dev)).toHaveLength(1);
  });
});

describe("DingTalk robot with 加签", () => {
  const secret = "SEC0123456789abcdef";
  const config = {
    webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=tok123",
    secret,
  };
  const now = 1_700_000_000_000;
  // Computed independently with Node's crypto:
  //   createHmac("sha256", "SEC0123456789abcdef")
  //     .update("1700000000000\nSEC0123456789abcdef").digest("base64")
  const expectedSign = "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=";

  it("signs timestamp + newline + secret with HMAC-SHA256 keyed by the secret", async () => {
    expect(await dingTalkSign(secret, now)).toBe(expectedSign);
  });

  it("appends the millisecond timestamp and URL-encoded sign, and posts markdown", async () => {
    const fake = fakeFetch(json({ errcode: 0, errmsg: "ok" }));
    const outcome = await sendDingTalk(config, message, fake.fetchFn, now);
    const call = fake.only();
    expect(call.url).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=tok123" +
        "&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D",
    );
    expect(call.method).toBe("POST");
    expect(JSON.parse(bodyText(call))).toEqual({
      msgtype: "markdown",
      markdown: {
        title: "案件临近到期",
        text:
          "### 案件临近到期\n\n案件 XF2026-000123（土地征收）的办理期限将于 11月25日 到期，已用时 80%。\n\n" +
          "[查看案件](https://lianxin.example.cn/t/wuyuan/petitions/123)",
      },
    });
    expect(outcome.ok).toBe(true);
  });

  it("classifies errcodes: rate limits retry, a bad signature does not", async () => {
    const fake = fakeFetch(
      json({ errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" }),
      json({ errcode: 310000, errmsg: "sign not match" }),
      new Response("", { status: 429 }),
      new Response("", { status: 500 }),
      new Response("", { status: 400 }),
      new TypeError("connect ECONNREFUSED"),
    );
    const results = [];
    for (let i = 0; i < 6; i += 1) {
      const outcome = await sendDingTalk(config, message, fake.fetchFn, now);
      results.push(outcome.ok ? "ok" : outcome.retryable);
    }
    expect(results).toEqual([true, false, true, true, false, true]);
  });

  it("validates production robot settings", () => {
    expect(validateDingTalkConfig(config, { allowAnyHost: false })).toEqual([]);
    expect(
      validateDingTalkConfig(
        { webhookUrl: "https://example.com/robot/send?access_token=t", secret: "nope" },
        { allowAnyHost: false },
      ),
    ).toEqual([
      "钉钉机器人需启用“加签”，密钥以 SEC 开头",
      "钉钉机器人地址的域名必须是 oapi.dingtalk.com",
    ]);
    expect(
      validateDingTalkConfig(
        { webhookUrl: "http://localhost:8788/ding", secret: "SECx" },
        { allowAnyHost: true },
      ),
    ).toEqual([]);
  });
});

describe("Aliyun SMS", () => {
  it("reproduces the signature of Aliyun's documented SendSms example", async () => {
    // The worked example from Aliyun's SMS API signing documentation (AccessKeySecret
    // "testSecret"), whose published result is zJDF+Lrzhj/ThnlvIToysFRq6t4=; SDK test
    // suites in several languages assert the same value.
    const params = {
      AccessKeyId: "testId",
      Action: "SendSms",
      Format: "XML",
      OutId: "123",
      PhoneNumbers: "15300000001",
      RegionId: "cn-hangzhou",
      SignName: "阿里云短信测试专用",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
      SignatureVersion: "1.0",
      TemplateCode: "SMS_71390007",
      TemplateParam: '{"customer":"test"}',
      Timestamp: "2017-07-12T02:42:19Z",
      Version: "2017-05-25",
    };
    expect(await aliyunSignature(params, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  });

  it("percent-encodes per RFC 3986 as Aliyun requires", () => {
    expect(aliyunPercentEncode("a b*c~(!)'+/:=&")).toBe("a%20b%2Ac~%28%21%29%27%2B%2F%3A%3D%26");
    expect(aliyunPercentEncode("连心桥")).toBe("%E8%BF%9E%E5%BF%83%E6%A1%A5");
  });

  const config = {
    accessKeyId: "LTAI5tTestKeyId",
    accessKeySecret: "testSecret",
    signName: "连心桥",
    templateCode: "SMS_123456789",
  };
  const now = new Date("2026-11-22T08:00:00.123Z");
  const send = (fetchFn: typeof fetch) =>
    sendAliyunSms(
      config,
      "13800138000",
      { code: "482913", minutes: "5" },
      message.id,
      fetchFn,
      now,
    );

  it("GETs the endpoint with the signed, sorted query", async () => {
    const fake = fakeFetch(
      json({ Code: "OK", Message: "OK", BizId: "900619746936498440^0", RequestId: "F655A8D5" }),
    );
    const outcome = await send(fake.fetchFn);
    const call = fake.only();
    expect(call.method).toBe("GET");
    // Expected URL computed independently in Python:
    //   enc = lambda s: urllib.parse.quote(s, safe="-_.~")
    //   q = "&".join(enc(k) + "=" + enc(p[k]) for k in sorted(p))
    //   sig = b64encode(hmac.new(b"testSecret&", ("GET&%2F&" + enc(q)).encode(), sha1).digest())
    expect(call.url).toBe(
      "https://dysmsapi.aliyuncs.com/?Signature=ctKbF%2Fnm47e7Zsa%2BQS4eTz2YwJU%3D" +
        "&AccessKeyId=LTAI5tTestKeyId&Action=SendSms&Format=JSON&OutId=dlv_01JDEXAMPLE" +
        "&PhoneNumbers=13800138000&RegionId=cn-hangzhou&SignName=%E8%BF%9E%E5%BF%83%E6%A1%A5" +
        "&SignatureMethod=HMAC-SHA1&SignatureNonce=dlv_01JDEXAMPLE&SignatureVersion=1.0" +
        "&TemplateCode=SMS_123456789" +
        "&TemplateParam=%7B%22code%22%3A%22482913%22%2C%22minutes%22%3A%225%22%7D" +
        "&Timestamp=2026-11-22T08%3A00%3A00Z&Version=2017-05-25",
    );
    expect(outcome).toEqual({
      ok: true,
      providerResponse:
        '{"Code":"OK","Message":"OK","BizId":"900619746936498440^0","RequestId":"F655A8D5"}',
    });
  });

  it("uses a configured endpoint", async () => {
    const fake = fakeFetch(json({ Code: "OK" }));
    await sendAliyunSms(
      { ...config, endpoint: "http://127.0.0.1:8788/aliyun/" },
      "13800138000",
      {},
      "d1",
      fake.fetchFn,
      now,
    );
    expect(fake.only().url.startsWith("http://127.0.0.1:8788/aliyun/?Signature=")).toBe(true);
  });

  it("retries throttling codes whatever the HTTP status, and nothing else Aliyun refuses", async () => {
    const fake = fakeFetch(
      json({ Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控Permits:1" }),
      json(
        { Code: "Throttling.User", Message: "Request was denied due to user flow control." },
        400,
      ),
      json({ Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" }),
      json({ Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched" }, 400),
      json(
        { Code: "SignatureNonceUsed", Message: "Specified signature nonce was used already." },
        400,
      ),
      json({ Code: "ServiceUnavailable", Message: "busy" }, 503),
      new Response("", { status: 429 }),
      new TypeError("Network connection lost."),
    );
    const results = [];
    for (let i = 0; i < 8; i += 1) {
      const outcome = await send(fake.fetchFn);
      results.push(outcome.ok ? "ok" : [outcome.retryable, outcome.error]);
    }
    expect(results).toEqual([
      [true, "isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1"],
      [true, "Throttling.User: Request was denied due to user flow control."],
      [false, "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号"],
      [false, "HTTP 400: SignatureDoesNotMatch: Specified signature is not matched"],
      [
        false,
        "SignatureNonceUsed: Specified signature nonce was used already. (an earlier attempt with this id reached Aliyun)",
      ],
      [true, "HTTP 503: ServiceUnavailable: busy"],
      [true, "HTTP 429"],
      [true, "network error: Network connection lost."],
    ]);
  });
});

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

describe("Web Push", () => {
  const decodeBase64Url = (text: string) =>
    Uint8Array.from(
      atob(
        text.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (text.length % 4)) % 4),
      ),
      (c) => c.charCodeAt(0),
    );

  /** A browser-side subscription: an ECDH P-256 key and a 16-byte auth secret. */
  async function browserSubscription(endpoint: string) {
    const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
      "deriveBits",
    ]);
    if (!("publicKey" in pair)) throw new Error("no key pair");
    const raw = await crypto.subtle.exportKey("raw", pair.publicKey);
    if (!(raw instanceof ArrayBuffer)) throw new Error("no raw key");
    const toBase64Url = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replaceAll("+", "-")
        .replaceAll("/", "_")
        .replace(/=+$/, "");
    const auth = crypto.getRandomValues(new Uint8Array(16));
    const subscription = {
      endpoint,
      keys: { p256dh: toBase64Url(new Uint8Array(raw)), auth: toBase64Url(auth) },
    };
    return { ...subscription, browser: { privateKey: pair.privateKey, publicRaw: raw, auth } };
  }

  const concat = (...parts: (ArrayBuffer | Uint8Array)[]) => {
    const bytes = parts.map((p) => new Uint8Array(p));
    const out = new Uint8Array(bytes.reduce((n, b) => n + b.byteLength, 0));
    let at = 0;
    for (const b of bytes) {
      out.set(b, at);
      at += b.byteLength;
    }
    return out;
  };

  async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: string | Uint8Array, bytes: number) {
    const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
    const infoBytes = typeof info === "string" ? new TextEncoder().encode(info) : info;
    const params = { name: "HKDF", hash: "SHA-256", salt, info: infoBytes };
    return new Uint8Array(await crypto.subtle.deriveBits(params, key, bytes * 8));
  }

  /**
   * Opens a push message the way the browser does: the aes128gcm content coding (RFC 8188)
   * with the keys of RFC 8291. Written from the RFCs, not with the sending library.
   */
  async function openPushMessage(
    body: Uint8Array,
    browser: { privateKey: CryptoKey; publicRaw: ArrayBuffer; auth: Uint8Array },
  ) {
    const salt = body.slice(0, 16);
    const recordSize = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
    const idLength = body[20] ?? 0;
    const serverPublic = body.slice(21, 21 + idLength);
    const serverKey = await crypto.subtle.importKey(
      "raw",
      serverPublic,
      { name: "ECDH", namedCurve: "P-256" },
      false,
      [],
    );
    // WebCrypto's name for the peer key is `public` (workers-types spells it `$public`).
    const ecdh = { name: "ECDH", public: serverKey };
    const shared = new Uint8Array(await crypto.subtle.deriveBits(ecdh, browser.privateKey, 256));
    const keyInfo = concat(
      new TextEncoder().encode("WebPush: info\0"),
      browser.publicRaw,
      serverPublic,
    );
    const ikm = await hkdf(browser.auth, shared, keyInfo, 32);
    const cek = await hkdf(salt, ikm, "Content-Encoding: aes128gcm\0", 16);
    const nonce = await hkdf(salt, ikm, "Content-Encoding: nonce\0", 12);
    const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);
    const padded = new Uint8Array(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, aes, body.slice(21 + idLength)),
    );
    // One (last) record: the content, the delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end > 0 && padded[end] === 0) end -= 1;
    return {
      recordSize,
      delimiter: padded[end],
      plaintext: new TextDecoder().decode(padded.slice(0, end)),
    };
  }

  it("generates P-256 VAPID keys as base64url", async () => {
    const keys = await generateVapidKeys();
    expect(keys.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(keys.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const publicBytes = decodeBase64Url(keys.publicKey);
    expect(publicBytes).toHaveLength(65);
    expect(publicBytes[0]).toBe(4);
    expect(decodeBase64Url(keys.privateKey)).toHaveLength(32);
    expect((await generateVapidKeys()).privateKey).not.toBe(keys.privateKey);
  });

  it("posts an encrypted payload with a VAPID JWT the public key verifies", async () => {
    const vapid = { subject: "mailto:ops@lianxin.example.cn", ...(await generateVapidKeys()) };
    const subscription = await browserSubscription("https://fcm.googleapis.com/fcm/send/abc:def");
    const fake = fakeFetch(new Response("", { status: 201 }));
    const outcome = await sendWebPush({ vapid }, subscription, message, fake.fetchFn);
    const call = fake.only();

    expect(call.url).toBe(subscription.endpoint);
    expect(call.method.toUpperCase()).toBe("POST");
    // The standard encoding (RFC 8291's aes128gcm) and VAPID scheme (RFC 8292), which every
    // push service accepts; the "aesgcm" draft's Encryption and Crypto-Key headers are gone.
    expect(call.headers.get("content-encoding")).toBe("aes128gcm");
    expect(call.headers.get("content-type")).toBe("application/octet-stream");
    expect(call.headers.get("ttl")).toBe("86400");
    expect(call.headers.get("encryption")).toBeNull();
    expect(call.headers.get("crypto-key")).toBeNull();
    expect(call.body).toBeInstanceOf(Uint8Array);
    const body = call.body instanceof Uint8Array ? call.body : new Uint8Array();
    expect(call.headers.get("content-length")).toBe(String(body.byteLength));
    // Padded to a constant size, so the length tells nothing about the message.
    expect(body.byteLength).toBe(4096);
    const opened = await openPushMessage(body, subscription.browser);
    expect(opened.delimiter).toBe(2);
    expect(opened.recordSize).toBeGreaterThanOrEqual(body.byteLength - 86);
    expect(JSON.parse(opened.plaintext)).toEqual({
      id: message.id,
      title: message.title,
      body: message.body,
      link: message.link,
    });

    const authorization = call.headers.get("authorization") ?? "";
    const [, jwt = "", k] = /^vapid t=([^,\s]+),\s*k=(\S+)$/.exec(authorization) ?? [];
    expect(k).toBe(vapid.publicKey);
    const [header, claims, signature] = jwt.split(".");
    if (!header || !claims || !signature) throw new Error(`not a JWT: ${authorization}`);
    const decodeJson = (part: string) =>
      JSON.parse(new TextDecoder().decode(decodeBase64Url(part)));
    expect(decodeJson(header)).toMatchObject({ alg: "ES256" });
    const claimSet = decodeJson(claims);
    expect(claimSet).toMatchObject({ aud: "https://fcm.googleapis.com", sub: vapid.subject });
    expect(claimSet.exp).toBeGreaterThan(Date.now() / 1000);
    expect(claimSet.exp).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 60 * 60);
    const publicKey = await crypto.subtle.importKey(
      "raw",
      decodeBase64Url(vapid.publicKey),
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const verified = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      publicKey,
      decodeBase64Url(signature),
      new TextEncoder().encode(`${header}.${claims}`),
    );
    expect(verified).toBe(true);
    expect(outcome).toEqual({ ok: true, providerResponse: "HTTP 201" });
  });

  it("reports 404 and 410 as a gone subscription, and classifies other answers", async () => {
    const vapid = { subject: "mailto:ops@lianxin.example.cn", ...(await generateVapidKeys()) };
    const subscription = await browserSubscription(
      "https://updates.push.services.mozilla.com/wpush/v2/x",
    );
    const fake = fakeFetch(
      new Response("", { status: 410 }),
      new Response("", { status: 404 }),
      new Response("", { status: 429 }),
      new Response("", { status: 413 }),
      new Response("", { status: 200 }),
    );
    const outcomes = [];
    for (let i = 0; i < 5; i += 1) {
      outcomes.push(await sendWebPush({ vapid }, subscription, message, fake.fetchFn));
    }
    expect(outcomes[0]).toEqual({
      ok: false,
      retryable: false,
      error: SUBSCRIPTION_GONE,
      providerResponse: "",
    });
    expect(outcomes.map(isSubscriptionGone)).toEqual([true, true, false, false, false]);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.retryable))).toEqual([
      false,
      false,
      true,
      false,
      "ok",
    ]);
  });

  it("does not retry a subscription whose keys cannot be used", async () => {
    const vapid = { subject: "mailto:ops@lianxin.example.cn", ...(await generateVapidKeys()) };
    const fake = fakeFetch();
    const outcome = await sendWebPush(
      { vapid },
      { endpoint: "https://fcm.googleapis.com/fcm/send/x", keys: { p256dh: "AAAA", auth: "AAAA" } },
      message,
      fake.fetchFn,
    );
    expect(fake.calls).toHaveLength(0);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.ok ? "" : outcome.error).toMatch(/^cannot build push request: /);
  });
});

describe("Aliyun SMS retries", () => {
  it("give each attempt its own nonce and keep the delivery id as OutId", async () => {
    const { aliyunSmsParams } = await import("../../workers/notify/channels/aliyun-sms.ts");
    const config = {
      accessKeyId: "id",
      accessKeySecret: "secret",
      signName: "连心桥",
      templateCode: "SMS_1",
    };
    const now = new Date("2026-11-22T00:00:00Z");
    const first = aliyunSmsParams(config, "13800000000", {}, "dlv-1", now);
    const third = aliyunSmsParams(config, "13800000000", {}, "dlv-1", now, 3);
    expect([first.SignatureNonce, third.SignatureNonce]).toEqual(["dlv-1", "dlv-1.3"]);
    expect([first.OutId, third.OutId]).toEqual(["dlv-1", "dlv-1"]);
  });
});
