import { describe, expect, it } from "vitest";
import {
  dingTalkSign,
  sendDingTalk,
  validateDingTalkConfig,
} from "../../workers/notify/channels/dingtalk.ts";
import { sendWeCom, validateWeComConfig } from "../../workers/notify/channels/wecom.ts";
import { bodyText, fakeFetch, json, message } from "../support/fake-fetch.ts";

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
