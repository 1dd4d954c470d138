import { z } from "zod";

/** Everything the Worker is bound to, as declared in wrangler.toml and secrets. */
export interface Env {
  ENVIRONMENT: string;
  TENANT_SHARDS: string;
  SESSION_TTL_HOURS: string;
  PLATFORM_ADMIN_TOKEN: string;
  /** Master secret from which per-tenant encryption and hashing keys are derived. */
  DATA_MASTER_KEY: string;
  CONTROL_DB: D1Database;
  /** Tenant-data shards are named in TENANT_SHARDS; reach them through `storage/shards`. */
  [shard: `TENANT_DB_${string}`]: D1Database;
  RECEPTION_SESSION: DurableObjectNamespace<
    import("./reception/session-object.ts").ReceptionSession
  >;
  TENANT_MONITOR: DurableObjectNamespace<import("./reception/monitor-object.ts").TenantMonitor>;
  PHONE_GATE: DurableObjectNamespace<import("./reception/phone-object.ts").PhoneGate>;
  AUDIT_CHAIN: DurableObjectNamespace<import("./audit/chain-object.ts").AuditChain>;
  NOTIFY_QUEUE: Queue;
  NOTIFY_DLQ: Queue;
  /** Counties whose due cases one cron invocation could not clear continue here. */
  SCAN_QUEUE: Queue;
  ASSETS: Fetcher;
  LOGIN_LIMITER: RateLimit;
  PUBLIC_LIMITER: RateLimit;
  /** Cloudflare's email sending; only production sends email (development uses the outbox). */
  EMAIL?: SendEmail;
  /** First retry delay of a failed delivery; doubles with each attempt. */
  NOTIFY_RETRY_BASE_SECONDS?: string;
}

const binding = (shape: string, method: string) =>
  z.custom<unknown>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      typeof (value as Record<string, unknown>)[method] === "function",
    { message: `must be a ${shape} binding` },
  );

const secret = (minLength: number) =>
  z
    .string({ message: "is not set (wrangler secret, or .dev.vars locally)" })
    .min(minLength, `must be at least ${minLength} characters`);

const envSchema = z.object({
  ENVIRONMENT: z.enum(["development", "production"]),
  TENANT_SHARDS: z
    .string()
    .regex(/^TENANT_DB_\w+(,TENANT_DB_\w+)*$/, "must list shard bindings like TENANT_DB_1"),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720),
  PLATFORM_ADMIN_TOKEN: secret(32),
  DATA_MASTER_KEY: secret(32),
  CONTROL_DB: binding("D1", "prepare"),
  RECEPTION_SESSION: binding("Durable Object namespace", "idFromName"),
  TENANT_MONITOR: binding("Durable Object namespace", "idFromName"),
  PHONE_GATE: binding("Durable Object namespace", "idFromName"),
  AUDIT_CHAIN: binding("Durable Object namespace", "idFromName"),
  NOTIFY_QUEUE: binding("Queue producer", "send"),
  NOTIFY_DLQ: binding("Queue producer", "send"),
  SCAN_QUEUE: binding("Queue producer", "send"),
  ASSETS: binding("static assets", "fetch"),
  LOGIN_LIMITER: binding("rate limiting", "limit"),
  PUBLIC_LIMITER: binding("rate limiting", "limit"),
});

export type EnvCheck = { ok: true } | { ok: false; problems: string[] };

const checked = new WeakMap<object, EnvCheck>();

/**
 * Validates the environment once per isolate (the env object is stable across requests),
 * so a missing binding or secret is reported clearly instead of failing deep in a handler.
 */
export function checkEnv(env: Env): EnvCheck {
  const cached = checked.get(env);
  if (cached) return cached;
  const problems: string[] = [];
  const result = envSchema.safeParse(env);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join(".")} ${issue.message}`);
    }
  }
  for (const shard of shardNames(env)) {
    const db = (env as unknown as Record<string, unknown>)[shard];
    if (!binding("D1", "prepare").safeParse(db).success || db === undefined) {
      problems.push(`${shard} (listed in TENANT_SHARDS) is not a D1 binding`);
    }
  }
  const verdict: EnvCheck = problems.length === 0 ? { ok: true } : { ok: false, problems };
  checked.set(env, verdict);
  return verdict;
}

export function shardNames(env: Pick<Env, "TENANT_SHARDS">): string[] {
  return (env.TENANT_SHARDS ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

export const isDevelopment = (env: Pick<Env, "ENVIRONMENT">) => env.ENVIRONMENT === "development";
