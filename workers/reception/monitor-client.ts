import type { SessionSummary } from "../../schema/realtime/reception-queue.ts";
import type { Env } from "../env.ts";
import type { TenantMonitor } from "./monitor-object.ts";

/**
 * The one way the Worker and the session objects talk to a county's `TenantMonitor`: it
 * names the object (one per county) and keeps the calls typed.
 */
export class MonitorClient {
  readonly #stub: DurableObjectStub<TenantMonitor>;

  constructor(env: Env, tenant: string) {
    this.#stub = env.TENANT_MONITOR.get(env.TENANT_MONITOR.idFromName(monitorObjectName(tenant)));
  }

  /** A session's newest numbers for the day's live screen. */
  async report(date: string, summary: SessionSummary): Promise<void> {
    await this.#stub.report(date, summary);
  }

  /** Hands a WebSocket upgrade (with `?date=` set) to the object, which keeps the connection. */
  watch(request: Request): Promise<Response> {
    return this.#stub.fetch(request);
  }
}

/** One object per county. */
export function monitorObjectName(tenant: string): string {
  return tenant;
}
