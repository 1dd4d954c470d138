import { createChallenge, type Payload, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { Env } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { spendChallenge } from "../../storage/edges.ts";
import { loadReceptionPolicyRow } from "../../storage/reception.ts";
import type { TenantScope } from "../../storage/tenant-scope.ts";
import { resolveReceptionPolicy } from "../reception/booking-policy.ts";

/**
 * The human check of the public forms that send SMS or create records: an ALTCHA
 * proof-of-work. The browser finds a counter whose SHA-256 starts with enough zeros; the
 * server checks the challenge's HMAC (a per-county key derived from DATA_MASTER_KEY), the
 * work, the expiry, and that the challenge was not used before. No foreign service, no
 * network: it works on a county intranet.
 */
const CHALLENGE_TTL_MS = 10 * 60_000;
const ALGORITHM = "SHA-256";

const keyCache = new Map<string, Promise<string>>();

/** HMAC-SHA256(DATA_MASTER_KEY, purpose and county), hex: no two counties share a key. */
function challengeKey(masterSecret: string, tenant: string): Promise<string> {
  const cacheKey = `${masterSecret}\u0000${tenant}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = (async () => {
      const encoder = new TextEncoder();
      const hmac = await crypto.subtle.importKey(
        "raw",
        encoder.encode(masterSecret),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"],
      );
      const mac = await crypto.subtle.sign(
        "HMAC",
        hmac,
        encoder.encode(`lianxin/altcha/v1:${tenant}`),
      );
      return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
    })();
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** A fresh challenge for the widget; `difficulty` leading zero hex digits of work. */
export async function newChallenge(
  masterSecret: string,
  tenant: string,
  difficulty: number,
  now = new Date(),
) {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: 1,
    deriveKey,
    keyPrefix: "0".repeat(difficulty),
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    hmacSignatureSecret: await challengeKey(masterSecret, tenant),
  });
}

const refused = () =>
  new ApiError("VALIDATION_FAILED", "人机验证未通过或已过期，请重新验证", {
    status: 422,
    details: [{ path: "altcha", message: "人机验证未通过或已过期，请重新验证" }],
  });

function decode(payload: string): Payload | undefined {
  try {
    const parsed = JSON.parse(atob(payload)) as Partial<Payload>;
    return parsed.challenge?.parameters && parsed.solution ? (parsed as Payload) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Accepts a solved challenge once. A challenge is signed by us, so its difficulty and
 * expiry cannot be lowered by the client; the spent list makes each solve buy one request.
 */
export async function spendProofOfWork(
  scope: TenantScope,
  masterSecret: string,
  payload: string,
  difficulty: number,
) {
  const decoded = decode(payload);
  if (!decoded?.challenge.signature) throw refused();
  const { parameters } = decoded.challenge;
  // An old challenge issued at a lower difficulty is not good enough after a raise.
  if (parameters.algorithm !== ALGORITHM || parameters.keyPrefix.length < difficulty) {
    throw refused();
  }
  const result = await verifySolution({
    challenge: decoded.challenge,
    solution: decoded.solution,
    deriveKey,
    hmacSignatureSecret: await challengeKey(masterSecret, scope.tenant),
  });
  if (!result.verified || !parameters.expiresAt) throw refused();
  const fresh = await spendChallenge(
    scope,
    decoded.challenge.signature,
    new Date(parameters.expiresAt * 1000),
  );
  if (!fresh) throw refused();
}

/** The county's difficulty, for the challenge endpoint and the check alike. */
export async function proofOfWorkDifficulty(scope: TenantScope) {
  return resolveReceptionPolicy(await loadReceptionPolicyRow(scope)).proofOfWorkDifficulty;
}

/** The check every public form that sends SMS or creates a record runs first. */
export async function requireHumanCheck(env: Env, scope: TenantScope, payload: string) {
  await spendProofOfWork(scope, env.DATA_MASTER_KEY, payload, await proofOfWorkDifficulty(scope));
}
