/**
 * Digests and message authentication codes: SHA-256 of tokens and codes (stored instead
 * of the secret), and the keyed MAC that chains the audit log. The audit key is the
 * county's own, derived from DATA_MASTER_KEY like the personal-data keys (crypto/pii.ts),
 * so whoever can write the county's database cannot forge or recompute its chain.
 */

const MIN_SECRET_LENGTH = 32;
const TENANT = /^[A-Za-z0-9_-]{1,64}$/;
const HKDF_SALT = new TextEncoder().encode("lianxin/audit/hkdf-salt/v1");

// Every signed-in request hashes its token: a table beats formatting each byte.
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

function hex(bytes: ArrayBuffer): string {
  let text = "";
  for (const b of new Uint8Array(bytes)) text += HEX[b];
  return text;
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

// One derivation per (master, tenant) per isolate; promises, so concurrent callers share it.
const auditKeys = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA256 key of one county's audit chain (HKDF from the master secret). */
export function deriveAuditKey(masterSecret: string, tenant: string): Promise<CryptoKey> {
  if (masterSecret.length < MIN_SECRET_LENGTH) {
    return Promise.reject(
      new Error(`DATA_MASTER_KEY must be at least ${MIN_SECRET_LENGTH} characters`),
    );
  }
  if (!TENANT.test(tenant)) return Promise.reject(new Error(`invalid tenant code: ${tenant}`));
  const cacheKey = `${tenant}\u0000${masterSecret}`;
  let key = auditKeys.get(cacheKey);
  if (!key) {
    key = (async () => {
      const master = await crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(masterSecret),
        "HKDF",
        false,
        ["deriveKey"],
      );
      return crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: HKDF_SALT,
          info: new TextEncoder().encode(`lianxin/audit/hmac/v1/${tenant}`),
        },
        master,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign"],
      );
    })();
    auditKeys.set(cacheKey, key);
    key.catch(() => auditKeys.delete(cacheKey));
  }
  return key;
}

export async function hmacHex(key: CryptoKey, text: string): Promise<string> {
  return hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)));
}

/** JSON with keys in a fixed order, so a digest can be recomputed from a stored row. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
