import { type Env, shardNames } from "../env.ts";
import { ApiError } from "../errors.ts";

/** The D1 database behind a shard binding name recorded in the control plane. */
export function shardDatabase(env: Env, shard: string): D1Database {
  if (!shardNames(env).includes(shard)) {
    throw new ApiError("BAD_ENVIRONMENT", `Shard ${shard} is not listed in TENANT_SHARDS`);
  }
  const db = (env as unknown as Record<string, D1Database | undefined>)[shard];
  if (!db) throw new ApiError("BAD_ENVIRONMENT", `Shard binding ${shard} is missing`);
  return db;
}

/** Small counties share shards: a new county goes to the listed shard holding the fewest. */
export function pickShard(env: Env, tenantsPerShard: Map<string, number>): string {
  const names = shardNames(env);
  let best = names[0];
  if (best === undefined) throw new ApiError("BAD_ENVIRONMENT", "TENANT_SHARDS is empty");
  for (const name of names) {
    if ((tenantsPerShard.get(name) ?? 0) < (tenantsPerShard.get(best) ?? 0)) best = name;
  }
  return best;
}
