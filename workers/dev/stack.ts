import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureDevVars } from "./dev-vars.ts";
import { seedDemoCounty } from "./seed.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name: string) => `${ROOT}/node_modules/.bin/${name}`;
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

export interface StackOptions {
  port: number;
  /** Where wrangler keeps local D1 and Durable Object state; the default is .wrangler/state. */
  persistTo?: string;
  /** Inherit wrangler's output (npm start) or keep it quiet (tests). */
  verbose?: boolean;
}

export interface Stack {
  url: string;
  /** The seeded online petition, on the run that seeded it. */
  demoTracking?: { trackingCode: string; phoneLast4: string } | undefined;
  platformToken: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

function run(command: string, args: string[], verbose: boolean) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: quietEnv,
    stdio: verbose ? "inherit" : "pipe",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed:\n${result.stdout ?? ""}${result.stderr ?? ""}`,
    );
  }
}

/**
 * The whole product on workerd: builds the web pages, applies the D1 migrations, starts
 * `wrangler dev` with cron testing, and seeds the demo county once it answers.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const verbose = options.verbose ?? false;
  const vars = ensureDevVars(`${ROOT}/.dev.vars`);
  const persist = options.persistTo ? ["--persist-to", options.persistTo] : [];

  run(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], verbose);
  for (const database of ["CONTROL_DB", "TENANT_DB_1"]) {
    run(bin("wrangler"), ["d1", "migrations", "apply", database, "--local", ...persist], verbose);
  }

  const child = spawn(
    bin("wrangler"),
    [
      "dev",
      "--port",
      String(options.port),
      "--ip",
      "127.0.0.1",
      "--test-scheduled",
      "--show-interactive-dev-session=false",
      ...persist,
    ],
    { cwd: ROOT, env: quietEnv, stdio: verbose ? "inherit" : "pipe", detached: !verbose },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });

  const url = `http://127.0.0.1:${options.port}`;
  await waitForHealth(url, child, () => output);
  const platformToken = vars.PLATFORM_ADMIN_TOKEN ?? "";
  const { demoTracking } = await seedDemoCounty(url, platformToken);

  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.pid && !verbose) process.kill(-child.pid, "SIGTERM");
    else child.kill("SIGTERM");
    await exited;
  };
  return { url, platformToken, demoTracking, process: child, stop };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer within 2 minutes:\n${output()}`);
}
