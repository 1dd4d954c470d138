import { createServer } from "node:http";

/**
 * The local webhook receiver of S6: counts successes per message id (X-Lianxin-Id), so a
 * run can prove none was lost or sent twice, and fails a chosen share of requests.
 */
export async function startReceiver() {
  const state = {
    successes: new Map<string, number>(),
    /** When each id first succeeded (performance.now()), so a run is timed without polling. */
    firstAt: new Map<string, number>(),
    failures: 0,
    failRate: 0,
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["x-lianxin-id"] ?? "");
      if (Math.random() < state.failRate) {
        state.failures += 1;
        res.statusCode = 503;
        res.end("try later");
        return;
      }
      state.successes.set(id, (state.successes.get(id) ?? 0) + 1);
      if (!state.firstAt.has(id)) state.firstAt.set(id, performance.now());
      res.setHeader("content-type", "application/json");
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    reset(failRate: number) {
      state.successes = new Map();
      state.firstAt = new Map();
      state.failures = 0;
      state.failRate = failRate;
    },
    /** How many of these ids have been received at least once. */
    received(ids: readonly string[]) {
      return ids.filter((id) => state.successes.has(id)).length;
    },
    /** When the last of these ids first succeeded (performance.now()); NaN if one never did. */
    lastArrival(ids: readonly string[]) {
      return ids.reduce((last, id) => Math.max(last, state.firstAt.get(id) ?? Number.NaN), 0);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
