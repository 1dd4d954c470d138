const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function base64Url(bytes: Uint8Array): string {
  return base64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function hexDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i += 1) {
    bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

export function hmacKey(
  secret: string,
  hash: "SHA-1" | "SHA-256",
  usage: "sign" | "verify",
): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash }, false, [usage]);
}

/**
 * Signing keys already imported in this isolate: a batch of deliveries signs every message
 * with the same county secret. Bounded, since secrets come and go with counties' settings.
 */
const signingKeys = new Map<string, Promise<CryptoKey>>();
const SIGNING_KEYS_KEPT = 256;

function signingKey(secret: string, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const id = `${hash}\u0000${secret}`;
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.clear();
    key = hmacKey(secret, hash, "sign");
    signingKeys.set(id, key);
    key.catch(() => signingKeys.delete(id));
  }
  return key;
}

export async function hmac(
  secret: string,
  hash: "SHA-1" | "SHA-256",
  data: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await signingKey(secret, hash);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(data)));
}
