import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../workers/env.ts";

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("../workers/index.ts");
    }
    interface Env extends WorkerEnv {
      CONTROL_MIGRATIONS: D1Migration[];
      TENANT_MIGRATIONS: D1Migration[];
      TENANT_DB_1: D1Database;
      TEST_RECEIVER_URL: string;
    }
  }
}
