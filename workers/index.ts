import { createApp } from "./api/app.ts";
import { consumeScans } from "./cron/scan-queue.ts";
import { runScheduled } from "./cron/scheduled.ts";
import { checkEnv, type Env } from "./env.ts";
import { consumeNotifications } from "./notify/consumer.ts";
import { meteredEnv, meteringEnabled, serverTiming } from "./storage/d1-meter.ts";

export { AuditChain } from "./audit/chain-object.ts";
export { TenantMonitor } from "./reception/monitor-object.ts";
export { PhoneGate } from "./reception/phone-object.ts";
export { ReceptionSession } from "./reception/session-object.ts";

const app = createApp();

export default {
  fetch(request, env, ctx) {
    const check = checkEnv(env);
    if (!check.ok) return badEnvironment(check.problems);
    if (meteringEnabled(env) && request.headers.has("x-bench-meter")) {
      return meteredFetch(request, env, ctx);
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller, env, _ctx) {
    if (!checkEnv(env).ok) throw new Error("BAD_ENVIRONMENT: see a fetch for details");
    await meteredWork(env, "scheduled", (used) => runScheduled(controller, used));
  },
  async queue(batch, env, _ctx) {
    if (!checkEnv(env).ok) throw new Error("BAD_ENVIRONMENT: see a fetch for details");
    if (batch.queue !== "lianxin-scan") return consumeNotifications(batch, env);
    // The bench counts a scan's continuations with the run that handed them on.
    await meteredWork(env, "scan-queue", (used) => consumeScans(batch, used));
  },
} satisfies ExportedHandler<Env, unknown>;

/** Background work; under `npm run bench`, its D1 round trips and rows logged as it ends. */
async function meteredWork(env: Env, label: string, work: (env: Env) => Promise<unknown>) {
  if (!meteringEnabled(env)) return void (await work(env));
  const metered = meteredEnv(env);
  await work(metered.env);
  console.log(`d1-meter ${label} ${serverTiming(metered.meter)}`);
}

/** `npm run bench` only: the same request, with its D1 round trips and rows reported. */
async function meteredFetch(request: Request, env: Env, ctx: ExecutionContext) {
  const metered = meteredEnv(env);
  const response = await app.fetch(request, metered.env, ctx);
  if (response.webSocket) return response;
  const copy = new Response(response.body, response);
  copy.headers.append("Server-Timing", serverTiming(metered.meter));
  return copy;
}

function badEnvironment(problems: string[]): Response {
  const requestId = crypto.randomUUID();
  console.error(`[${requestId}] BAD_ENVIRONMENT`, problems);
  return Response.json(
    {
      error: {
        code: "BAD_ENVIRONMENT",
        message: `The Worker is misconfigured: ${problems.join("; ")}`,
        requestId,
        details: problems,
      },
    },
    { status: 500, headers: { "X-Request-Id": requestId } },
  );
}
