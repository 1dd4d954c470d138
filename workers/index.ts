import { createApp } from "./api/app.ts";
import { consumeScans } from "./cron/scan-queue.ts";
import { runScheduled } from "./cron/scheduled.ts";
import { checkEnv, type Env } from "./env.ts";
import { consumeNotifications } from "./notify/consumer.ts";

export { AuditChain } from "./audit/chain-object.ts";
export { TenantMonitor } from "./reception/monitor-object.ts";
export { PhoneGate } from "./reception/phone-object.ts";
export { ReceptionSession } from "./reception/session-object.ts";

const app = createApp();

export default {
  fetch(request, env, ctx) {
    const check = checkEnv(env);
    if (!check.ok) return badEnvironment(check.problems);
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller, env, _ctx) {
    if (!checkEnv(env).ok) throw new Error("BAD_ENVIRONMENT: see a fetch for details");
    await runScheduled(controller, env);
  },
  async queue(batch, env, _ctx) {
    if (!checkEnv(env).ok) throw new Error("BAD_ENVIRONMENT: see a fetch for details");
    if (batch.queue === "lianxin-scan") await consumeScans(batch, env);
    else await consumeNotifications(batch, env);
  },
} satisfies ExportedHandler<Env, unknown>;

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
