import { describe, expect, it } from "vitest";
import {
  aliyunPercentEncode,
  aliyunSignature,
  sendAliyunSms,
} from "../../workers/notify/channels/aliyun-sms.ts";
import { fakeFetch, json, message } from "../support/fake-fetch.ts";

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
