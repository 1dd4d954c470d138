import { createServer, type Server } from "node:http";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    receiverUrl: string;
  }
}

/**
 * A real HTTP receiver on loopback for delivery tests: it fails a share of requests
 * (`?fail=0.3`), and counts successes per message id so a test can prove that no message
 * was delivered twice. `GET /stats` reports; `POST /reset` clears.
 */
export default async function startReceiver(project: TestProject) {
  let successes = new Map<string, number>();
  let failures = 0;
  let failRate = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    if (req.method === "GET" && url.pathname === "/stats") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ successes: Object.fromEntries(successes), failures }));
      return;
    }
    if (req.method === "POST" && url.pathname === "/reset") {
      successes = new Map();
      failures = 0;
      failRate = Number(url.searchParams.get("fail") ?? 0);
      res.end("ok");
      return;
    }
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const id = String(req.headers["x-lianxin-id"] ?? "");
      if (Math.random() < failRate) {
        failures += 1;
        res.statusCode = 503;
        res.end("try later");
        return;
      }
      successes.set(id, (successes.get(id) ?? 0) + 1);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, bytes: body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("receiverUrl", `http://127.0.0.1:${port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
