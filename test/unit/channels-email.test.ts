import { describe, expect, it } from "vitest";
import { devOutboxEntry } from "../../workers/notify/channels/dev-outbox.ts";
import { buildEmail, isEmailAddress, sendEmail } from "../../workers/notify/channels/email.ts";
import type { OutgoingMessage } from "../../workers/notify/channels/types.ts";

const message: OutgoingMessage = {
  id: "dlv_01JDEXAMPLE",
  title: "案件临近到期：XF2026-000123",
  body: "案件 XF2026-000123（土地征收）的办理期限将于 11月25日 到期，已用时 80%。",
  link: "https://lianxin.example.cn/t/wuyuan/petitions/123",
};
const config = { from: "notify@wuyuan.lianxin.example.cn", fromName: "婺源县连心桥" };

/** Base64 of UTF-8, computed here without the channel's own helpers. */
const utf8Base64 = (text: string) =>
  btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(""));
const fromUtf8Base64 = (text: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));

function split(raw: string) {
  const end = raw.indexOf("\r\n\r\n");
  const headerBlock = raw.slice(0, end);
  const headers = new Map(
    headerBlock.split("\r\n").map((line) => {
      const colon = line.indexOf(": ");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 2)] as const;
    }),
  );
  return { headers, body: raw.slice(end + 4) };
}

describe("email", () => {
  it("builds a MIME message whose Chinese subject, sender name and body survive", () => {
    const raw = buildEmail(config, "staff@county.example.gov.cn", message);
    expect(raw).not.toMatch(/[^\r]\n/); // CRLF throughout
    expect(raw).not.toMatch(/[^\r\n -~]/); // 7-bit clean: every Chinese character encoded
    const { headers, body } = split(raw);
    expect(headers.get("subject")).toBe(`=?utf-8?B?${utf8Base64(message.title)}?=`);
    expect(headers.get("from")).toBe(
      `=?utf-8?B?${utf8Base64("婺源县连心桥")}?= <notify@wuyuan.lianxin.example.cn>`,
    );
    expect(headers.get("to")).toBe("<staff@county.example.gov.cn>");
    expect(headers.get("message-id")).toBe("<dlv_01JDEXAMPLE@wuyuan.lianxin.example.cn>");
    expect(headers.get("mime-version")).toBe("1.0");
    expect(headers.get("content-type")).toBe("text/plain; charset=UTF-8");
    expect(headers.get("content-transfer-encoding")).toBe("base64");
    for (const line of body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(fromUtf8Base64(body.replaceAll("\r\n", ""))).toBe(
      `${message.body}\r\n\r\n查看案件：${message.link}\r\n`,
    );
  });

  it("uses the bare address when no sender name is configured", () => {
    const { headers } = split(buildEmail({ from: config.from }, "a@b.example", message));
    expect(headers.get("from")).toBe("<notify@wuyuan.lianxin.example.cn>");
  });

  it("hands an EmailMessage to the binding and reports its message id", async () => {
    const sent: EmailMessage[] = [];
    const binding: SendEmail = {
      send: async (email: EmailMessage | EmailMessageBuilder) => {
        if ("subject" in email) throw new Error("expected a raw EmailMessage");
        sent.push(email);
        return { messageId: "cf-msg-1" };
      },
    };
    const outcome = await sendEmail(binding, config, "staff@county.example.gov.cn", message);
    expect(outcome).toEqual({ ok: true, providerResponse: "messageId=cf-msg-1" });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.from).toBe(config.from);
    expect(sent[0]?.to).toBe("staff@county.example.gov.cn");
  });

  it("turns a binding error into a retryable failure", async () => {
    const binding: SendEmail = {
      send: async () => {
        throw new Error("internal error");
      },
    };
    expect(await sendEmail(binding, config, "staff@county.example.gov.cn", message)).toEqual({
      ok: false,
      retryable: true,
      error: "email send failed: internal error",
    });
  });
});

describe("email address problems", () => {
  it("are not retried, since they fail the same way every time", async () => {
    const binding: SendEmail = {
      send: async () => {
        throw new Error("must not be called");
      },
    };
    for (const to of ["", "staff", "a@b.example\r\nBcc: x@evil.example", "<a@b.example>"]) {
      const outcome = await sendEmail(binding, config, to, message);
      expect(outcome, to).toMatchObject({ ok: false, retryable: false });
      expect(outcome.ok ? "" : outcome.error).toMatch(/^cannot build email: invalid email address/);
    }
    expect(isEmailAddress("zhang.san+xf@county.example.gov.cn")).toBe(true);
  });
});

describe("dev outbox", () => {
  it("keeps what would have been sent", () => {
    expect(devOutboxEntry("sms", "13800138000", message)).toEqual({
      channel: "sms",
      to: "13800138000",
      subject: message.title,
      body: `${message.body}\n${message.link}`,
    });
    expect(devOutboxEntry("email", "a@b.example", { id: "d", title: "t", body: "b" })).toEqual({
      channel: "email",
      to: "a@b.example",
      subject: "t",
      body: "b",
    });
  });
});
