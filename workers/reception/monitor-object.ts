import { DurableObject } from "cloudflare:workers";
import type { MonitorMessage, SessionSummary } from "../../schema/realtime/reception-queue.ts";
import type { Env } from "../env.ts";
import { closeQuietly } from "./sockets.ts";

/**
 * One per county: the live monitor of the county office. Each session's object reports
 * its numbers here after every change, so the monitor pushes one screen of every
 * township's and bureau's queues without polling any of them.
 */
export class TenantMonitor extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS summaries (session_id TEXT PRIMARY KEY, date TEXT NOT NULL, json TEXT NOT NULL)",
    );
  }

  report(date: string, summary: SessionSummary) {
    this.sql.exec(
      "INSERT INTO summaries (session_id, date, json) VALUES (?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET date = excluded.date, json = excluded.json",
      summary.sessionId,
      date,
      JSON.stringify(summary),
    );
    // Yesterday's sessions are of no use to a live screen.
    this.sql.exec("DELETE FROM summaries WHERE date < ?", date);
    const text = JSON.stringify(this.snapshot(date));
    for (const ws of this.ctx.getWebSockets(date)) ws.send(text);
  }

  snapshot(date: string): MonitorMessage {
    const sessions = this.sql
      .exec<{ json: string }>("SELECT json FROM summaries WHERE date = ? ORDER BY session_id", date)
      .toArray()
      .map((r) => JSON.parse(r.json) as SessionSummary);
    return { type: "sessions", date, sessions };
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const date = new URL(request.url).searchParams.get("date") ?? "";
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [date]);
    server.send(JSON.stringify(this.snapshot(date)));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketClose(ws: WebSocket) {
    closeQuietly(ws);
  }
}
