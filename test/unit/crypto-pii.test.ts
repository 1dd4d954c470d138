import { describe, expect, it } from "vitest";
import {
  decryptPii,
  deriveTenantKeys,
  encryptPii,
  lookupHash,
  randomToken,
} from "../../workers/domain/crypto/pii.ts";

const MASTER = "test-master-secret-0123456789abcdef0123456789";
const OTHER_MASTER = "another-master-secret-0123456789abcdef0123";

describe("tenant keys", () => {
  it("are derived once per master and tenant, and cannot be exported", async () => {
    const a = deriveTenantKeys(MASTER, "431224");
    expect(deriveTenantKeys(MASTER, "431224")).toBe(a);
    expect(deriveTenantKeys(MASTER, "431202")).not.toBe(a);
    const keys = await a;
    expect(keys.tenant).toBe("431224");
    expect(keys.encryption.extractable).toBe(false);
    expect(keys.lookup.extractable).toBe(false);
    expect(keys.encryption.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    expect(keys.lookup.algorithm).toMatchObject({ name: "HMAC", hash: { name: "SHA-256" } });
  });

  it("refuse a short master secret or a malformed tenant", async () => {
    await expect(deriveTenantKeys("too-short", "431224")).rejects.toThrow(/at least 32/);
    await expect(deriveTenantKeys(MASTER, "")).rejects.toThrow(/tenant/);
    await expect(deriveTenantKeys(MASTER, "43/1224")).rejects.toThrow(/tenant/);
  });
});

describe("encrypted personal data", () => {
  it("round-trips, including non-ASCII and empty values", async () => {
    const keys = await deriveTenantKeys(MASTER, "431224");
    for (const value of ["11010519491231002X", "13812345678", "张三丰 溆浦县卢峰镇", ""]) {
      const sealed = await encryptPii(keys, value);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      expect(sealed).not.toContain(value || "\u0000");
      expect(await decryptPii(keys, sealed)).toBe(value);
    }
  });

  it("differs each time one value is encrypted", async () => {
    const keys = await deriveTenantKeys(MASTER, "431224");
    const a = await encryptPii(keys, "13812345678");
    const b = await encryptPii(keys, "13812345678");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it("cannot be decrypted with another tenant's keys or another master secret", async () => {
    const sealed = await encryptPii(await deriveTenantKeys(MASTER, "431224"), "13812345678");
    await expect(decryptPii(await deriveTenantKeys(MASTER, "431202"), sealed)).rejects.toThrow(
      /altered or belongs to another tenant/,
    );
    await expect(
      decryptPii(await deriveTenantKeys(OTHER_MASTER, "431224"), sealed),
    ).rejects.toThrow(/altered or belongs to another tenant/);
    expect(await decryptPii(await deriveTenantKeys(MASTER, "431224"), sealed)).toBe("13812345678");
  });

  it("binds each value to its tenant code, not only to the key", async () => {
    const keys = await deriveTenantKeys(MASTER, "431224");
    const sealed = await encryptPii(keys, "13812345678");
    await expect(decryptPii({ ...keys, tenant: "431202" }, sealed)).rejects.toThrow(/altered/);
  });

  it("fails when tampered with", async () => {
    const keys = await deriveTenantKeys(MASTER, "431224");
    const sealed = await encryptPii(keys, "13812345678");
    const [version = "", iv = "", ciphertext = ""] = sealed.split(".");
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);

    await expect(decryptPii(keys, `${version}.${iv}.${flip(ciphertext, 2)}`)).rejects.toThrow(
      /altered/,
    );
    await expect(decryptPii(keys, `${version}.${flip(iv, 0)}.${ciphertext}`)).rejects.toThrow(
      /altered/,
    );
    await expect(decryptPii(keys, `${version}.${iv}.${ciphertext.slice(0, -4)}`)).rejects.toThrow(
      /altered|malformed/,
    );
    await expect(decryptPii(keys, `v2.${iv}.${ciphertext}`)).rejects.toThrow(/unknown version/);
    await expect(decryptPii(keys, `${version}.${iv}`)).rejects.toThrow(/malformed/);
    await expect(decryptPii(keys, `${version}.${iv}.${ciphertext}.x`)).rejects.toThrow(/malformed/);
    await expect(decryptPii(keys, `${version}.${iv}.${ciphertext}!`)).rejects.toThrow(/malformed/);
    await expect(decryptPii(keys, `${version}.${iv.slice(1)}.${ciphertext}`)).rejects.toThrow(
      /malformed/,
    );
    await expect(decryptPii(keys, "13812345678")).rejects.toThrow(/malformed/);
  });
});

describe("look-up hashes", () => {
  it("are stable within a tenant and differ across tenants and kinds", async () => {
    const keys = await deriveTenantKeys(MASTER, "431224");
    const hash = await lookupHash(keys, "phone", "13812345678");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await lookupHash(keys, "phone", "13812345678")).toBe(hash);
    expect(await lookupHash(keys, "phone", "13812345679")).not.toBe(hash);
    expect(await lookupHash(keys, "id", "13812345678")).not.toBe(hash);

    const other = await deriveTenantKeys(MASTER, "431202");
    expect(await lookupHash(other, "phone", "13812345678")).not.toBe(hash);
    const otherMaster = await deriveTenantKeys(OTHER_MASTER, "431224");
    expect(await lookupHash(otherMaster, "phone", "13812345678")).not.toBe(hash);
  });

  it("are the HMAC-SHA256 of kind and value under the derived key", async () => {
    // Recompute independently: derive the HMAC key as raw bits with the documented HKDF
    // parameters, then sign `${kind}:${value}`.
    const master = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(MASTER),
      "HKDF",
      false,
      ["deriveBits"],
    );
    const bits = await crypto.subtle.deriveBits(
      {
        name: "HKDF",
        hash: "SHA-256",
        salt: new TextEncoder().encode("lianxin/pii/hkdf-salt/v1"),
        info: new TextEncoder().encode("lianxin/pii/hmac/v1/431224"),
      },
      master,
      256,
    );
    const hmac = await crypto.subtle.importKey(
      "raw",
      bits,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign(
      "HMAC",
      hmac,
      new TextEncoder().encode("id:11010519491231002X"),
    );
    const expected = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const keys = await deriveTenantKeys(MASTER, "431224");
    expect(await lookupHash(keys, "id", "11010519491231002X")).toBe(expected);
  });
});

describe("random tokens", () => {
  it("are base64url of the requested length and do not repeat", () => {
    expect(randomToken(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
