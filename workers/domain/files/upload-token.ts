import { deriveTenantKeys, lookupHash } from "../crypto/pii.ts";

/** How long after submitting online a petitioner may still attach files to it. */
const UPLOAD_WINDOW_MS = 60 * 60 * 1000;

/**
 * The petitioner's permission to attach files to the petition they just submitted: given
 * with the tracking code (the submit passed the human check), bound to that one case and
 * good for an hour. Keyed with the county's look-up key, so only this Worker can make one.
 */
export async function issueUploadToken(
  master: string,
  tenant: string,
  petitionId: string,
  now = Date.now(),
) {
  const until = now + UPLOAD_WINDOW_MS;
  const keys = await deriveTenantKeys(master, tenant);
  return `${until}.${await lookupHash(keys, "upload", `${petitionId}:${until}`)}`;
}

export async function checkUploadToken(
  master: string,
  tenant: string,
  petitionId: string,
  token: string | undefined,
  now = Date.now(),
): Promise<boolean> {
  const [untilText, mac] = (token ?? "").split(".");
  const until = Number(untilText);
  if (!mac || !Number.isSafeInteger(until) || until < now) return false;
  const keys = await deriveTenantKeys(master, tenant);
  const expected = await lookupHash(keys, "upload", `${petitionId}:${until}`);
  return timingSafeEqual(expected, mac);
}

function timingSafeEqual(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
