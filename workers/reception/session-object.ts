import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

/**
 * One reception session (a leader, a date, a half day): the single writer of its bookings
 * and its live queue, kept in the object's SQLite storage. The binding and class exist so
 * the deployment's Durable Object migrations are settled from the first release; the
 * booking and queue protocol is built with reception days.
 */
export class ReceptionSession extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    return Response.json(
      {
        error: { code: "NOT_FOUND", message: "接访日功能尚未开通", requestId: crypto.randomUUID() },
      },
      { status: 404 },
    );
  }
}
