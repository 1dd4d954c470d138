/**
 * Personal data (ID numbers, phone numbers) is stored encrypted with a key of the county's
 * own, and found again through keyed hashes, so a repeat petition can be matched without
 * decrypting every row and a leaked database alone reveals nothing.
 *
 * Both keys come from DATA_MASTER_KEY through HKDF-SHA256 with a per-county `info`, so one
 * secret serves every tenant while no two tenants share a key. Keys are non-extractable.
 */

export interface TenantKeys {
  readonly tenant: string;
  /** AES-GCM, 256 bits. */
  readonly encryption: CryptoKey;
  /** HMAC-SHA256, for look-up hashes. */
  readonly lookup: CryptoKey;
}

/** What a keyed hash stands for; the kind prefix keeps hashes of different things apart. */
export type LookupKind = "id" | "phone" | "recipient" | "address" | "username" | "upload" | "name";

const SEALED_VERSION = "v1";
const IV_BYTES = 12;
const MIN_SECRET_LENGTH = 32;
const TENANT = /^[A-Za-z0-9_-]{1,64}$/;
// A fixed, public salt: the master secret is already high-entropy, and HKDF's `info`
// carries the per-tenant separation. Changing it would orphan every stored value.
const HKDF_SALT = new TextEncoder().encode("lianxin/pii/hkdf-salt/v1");

// One derivation per (master, tenant) per isolate; promises, so concurrent requests share it.
const cache = new Map<string, Promise<TenantKeys>>();

export function deriveTenantKeys(masterSecret: string, tenant: string): Promise<TenantKeys> {
  if (masterSecret.length < MIN_SECRET_LENGTH) {
    return Promise.reject(
      new Error(`DATA_MASTER_KEY must be at least ${MIN_SECRET_LENGTH} characters`),
    );
  }
  if (!TENANT.test(tenant)) return Promise.reject(new Error(`invalid tenant code: ${tenant}`));
  const cacheKey = `${tenant}\u0000${masterSecret}`;
  let keys = cache.get(cacheKey);
  if (!keys) {
    keys = derive(masterSecret, tenant);
    cache.set(cacheKey, keys);
    // A failed derivation must not stick: the next request tries again.
    keys.catch(() => cache.delete(cacheKey));
  }
  return keys;
}

async function derive(masterSecret: string, tenant: string): Promise<TenantKeys> {
  const master = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(masterSecret),
    "HKDF",
    false,
    ["deriveKey"],
  );
  const hkdf = (info: string) => ({
    name: "HKDF",
    hash: "SHA-256",
    salt: HKDF_SALT,
    info: new TextEncoder().encode(info),
  });
  const [encryption, lookup] = await Promise.all([
    crypto.subtle.deriveKey(
      hkdf(`lianxin/pii/aes-gcm/v1/${tenant}`),
      master,
      { name: "AES-GCM", length: 256 },
      false,
      ["encrypt", "decrypt"],
    ),
    crypto.subtle.deriveKey(
      hkdf(`lianxin/pii/hmac/v1/${tenant}`),
      master,
      { name: "HMAC", hash: "SHA-256", length: 256 },
      false,
      ["sign"],
    ),
  ]);
  return { tenant, encryption, lookup };
}

/**
 * "v1.<iv>.<ciphertext>" (base64url). The tenant code is the additional data, so a value
 * copied into another county's row fails to decrypt even if the keys were ever shared.
 */
export async function encryptPii(keys: TenantKeys, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: additionalData(keys.tenant) },
    keys.encryption,
    new TextEncoder().encode(plaintext),
  );
  return `${SEALED_VERSION}.${base64UrlEncode(iv)}.${base64UrlEncode(new Uint8Array(ciphertext))}`;
}

export async function decryptPii(keys: TenantKeys, sealed: string): Promise<string> {
  const parts = sealed.split(".");
  const [version, ivText, ciphertextText] = parts;
  if (parts.length !== 3 || version === undefined || ivText === undefined) {
    throw new Error("Encrypted personal data is malformed");
  }
  if (version !== SEALED_VERSION) {
    throw new Error(`Encrypted personal data has an unknown version: ${version}`);
  }
  const iv = base64UrlDecode(ivText);
  const ciphertext = base64UrlDecode(ciphertextText ?? "");
  if (iv?.byteLength !== IV_BYTES || ciphertext === undefined) {
    throw new Error("Encrypted personal data is malformed");
  }
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: additionalData(keys.tenant) },
      keys.encryption,
      ciphertext,
    );
  } catch {
    throw new Error(
      `Encrypted personal data cannot be decrypted for tenant ${keys.tenant}: it was altered or belongs to another tenant`,
    );
  }
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(plaintext);
}

/**
 * Hex HMAC of `${kind}:${normalized}`. The kind prefix keeps an ID number and a phone
 * number from ever sharing a hash. Callers pass the normalized value (checkIdNumber,
 * checkMobile) so every spelling of one number finds the same rows.
 */
export async function lookupHash(
  keys: TenantKeys,
  kind: LookupKind,
  normalized: string,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    keys.lookup,
    new TextEncoder().encode(`${kind}:${normalized}`),
  );
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `bytes` random bytes as base64url without padding. */
export function randomToken(bytes = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(bytes)));
}

function additionalData(tenant: string) {
  return new TextEncoder().encode(`lianxin/pii/v1/${tenant}`);
}

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
