import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types/experimental";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT } from "../../workers/dev/stack.ts";

export const BUNDLE = join(ROOT, ".wrangler/bench-bundle");
export const PLATFORM_TOKEN = "bench-platform-admin-token-0123456789abcdef";
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: ROOT, env: quietEnv, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
}

/** The pages and the deploy bundle, exactly as `npm run deploy` would upload them. */
export function buildDeployBundle() {
  const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
  run(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  run(bin("wrangler"), ["deploy", "--dry-run", "--outdir", BUNDLE]);
}

export interface BenchStack {
  mf: Miniflare;
  /** The product (its assets router, then the Worker), on its own socket. */
  url: string;
  /** The baselines' Worker (test/bench/fixtures/baselines.js). */
  fixtureUrl: string;
  tenantDb: D1Database;
  /** The D1 meter's lines of scheduled runs and of the scan queue's continuations. */
  scheduledMeters: string[];
  stop: () => Promise<void>;
}

/**
 * The deploy bundle on workerd through Miniflare's Node API, beside the fixture Worker,
 * with every D1 migration applied to fresh local state.
 */
export async function startBenchStack(receiverUrl: string): Promise<BenchStack> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml"));
  // Miniflare emulates static assets with a router Worker and, on a direct socket, an RPC
  // proxy Worker in front of the product: two hops of local machinery on every request
  // (as wrangler dev's proxy would be). The API routes run the Worker first in production,
  // so the bench serves the bundle without them and binds ASSETS to the fixture Worker.
  const { modulesRules: _rules, assets: _assets, ...productOptions } = workerOptions;
  const scheduledMeters: string[] = [];
  const tenantDbId = "00000000-0000-0000-0000-000000000002";
  const options = {
    defaultPersistRoot: mkdtempSync(join(tmpdir(), "lianxin-bench-")),
    handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
      const meter = /^d1-meter (?:scheduled|scan-queue) (.*)$/.exec(message);
      if (meter?.[1]) scheduledMeters.push(meter[1]);
      else if (level === "error" && process.env.BENCH_VERBOSE) console.error(message);
    },
    workers: [
      {
        ...productOptions,
        name: "lianxin",
        modulesRoot: BUNDLE,
        // The bundle's entry and the text modules wrangler wrote beside it.
        modules: [
          { type: "ESModule", path: join(BUNDLE, "index.js") },
          ...readdirSync(BUNDLE)
            .filter((file) => file.endsWith(".csv"))
            .map((file) => ({ type: "Text", path: join(BUNDLE, file) })),
        ],
        bindings: {
          ...(workerOptions.bindings as Record<string, string>),
          ENVIRONMENT: "development",
          D1_METER: "on",
          NOTIFY_RETRY_BASE_SECONDS: "1",
          PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN,
          DATA_MASTER_KEY: "bench-data-master-key-0123456789abcdef0123",
        },
        // Load generators sign in often; the limiter is not what is measured.
        // Reached on its own socket, as the baselines are: Miniflare's entry proxy is not
        // part of the platform and would weigh on one side only.
        unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
        serviceBindings: { ASSETS: "bench" },
        ratelimits: {
          LOGIN_LIMITER: {
            name: "LOGIN_LIMITER",
            namespace_id: "1001",
            simple: { limit: 100_000, period: 60 },
          },
          PUBLIC_LIMITER: {
            name: "PUBLIC_LIMITER",
            namespace_id: "1002",
            simple: { limit: 100_000, period: 60 },
          },
        },
      } as never,
      {
        name: "bench",
        modules: [{ type: "ESModule", path: join(ROOT, "test/bench/fixtures/baselines.js") }],
        compatibilityDate: workerOptions.compatibilityDate ?? "2026-10-01",
        d1Databases: { DB: tenantDbId },
        durableObjects: {
          COUNTER: { className: "BenchCounter", useSQLite: true },
          SESSION: { className: "ReceptionSession", scriptName: "lianxin", useSQLite: true },
        },
        queueProducers: {
          POST_ONLY: { queueName: "bench-post-only" },
          NOTIFY: { queueName: "lianxin-notify" },
        },
        queueConsumers: {
          "bench-post-only": { maxBatchSize: 25, maxBatchTimeout: 5, maxRetries: 8 },
        },
        bindings: { RECEIVER_URL: `${receiverUrl}/hook` },
        unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      },
    ],
  };
  const mf = new Miniflare(convertV4MiniflareOptions(options as never));
  await mf.ready;
  const url = (await mf.unsafeGetDirectURL("lianxin")).toString().replace(/\/$/, "");
  const fixtureUrl = (await mf.unsafeGetDirectURL("bench")).toString().replace(/\/$/, "");
  const controlDb = await mf.getD1Database("CONTROL_DB", "lianxin");
  const tenantDb = await mf.getD1Database("TENANT_DB_1", "lianxin");
  await applyMigrations(controlDb, join(ROOT, "schema/migrations/control"));
  await applyMigrations(tenantDb, join(ROOT, "schema/migrations/tenant"));
  return { mf, url, fixtureUrl, tenantDb, scheduledMeters, stop: () => mf.dispose() };
}

async function applyMigrations(db: D1Database, dir: string) {
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()) {
    const statements = readFileSync(join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}
