/**
 * Bearer tokens name their county (`lx_431224_<secret>`), so a request that is not under
 * /t/{tenant} can still find the shard that holds the session. Only a SHA-256 of the
 * token is stored.
 */
const TOKEN_PATTERN = /^lx_(\d{6})_([A-Za-z0-9_-]{43})$/;

export function newSessionToken(tenant: string): string {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  return `lx_${tenant}_${base64Url(secret)}`;
}

export function tenantOfToken(token: string): string | undefined {
  return TOKEN_PATTERN.exec(token)?.[1];
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
