import { describe, expect, it } from "vitest";
import {
  generateVapidKeys,
  isSubscriptionGone,
  SUBSCRIPTION_GONE,
  sendWebPush,
} from "../../workers/notify/channels/web-push.ts";
import { fakeFetch, message } from "../support/fake-fetch.ts";

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
