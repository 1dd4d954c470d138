import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TENANT } from "./demo-county.ts";
import { startStack } from "./stack.ts";

// `npm start`: the whole product locally on workerd, with the demo county seeded.
const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({ port, verbose: true });
const t = `${stack.url.replace("127.0.0.1", "localhost")}/t/${DEMO_TENANT.code}`;

console.log(`
──────────────────────────────────────────────────────────────────────
 连心桥 is running on workerd.

 Demo county     ${DEMO_TENANT.name} (${DEMO_TENANT.code})
 Public page     ${t}
 Staff login     ${t}/login
 API docs        ${stack.url.replace("127.0.0.1", "localhost")}/api/docs
 Cron (manual)   curl "${stack.url}/__scheduled?cron=*/5+*+*+*+*"

 Demo logins (password for all: ${DEMO_PASSWORD})
   admin            系统管理员 (tenant_admin)
${DEMO_STAFF.map((s) => `   ${s.username.padEnd(16)} ${s.displayName} · ${s.position} (${s.roles.join(", ")})`).join("\n")}

 A citizen's online petition to track at ${t}/track
   ${stack.demoTracking ? `查询码 ${stack.demoTracking.trackingCode}, 手机号后四位 ${stack.demoTracking.phoneLast4}` : "(seeded on the first run; see its tracking code in the console)"}

 Platform admin token (Authorization: Bearer …, for createTenant):
   ${stack.platformToken}
──────────────────────────────────────────────────────────────────────
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void stack.stop().then(() => process.exit(0));
  });
}
