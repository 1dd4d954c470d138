import { parentPort, workerData } from "node:worker_threads";

/**
 * S4's watchers, on a thread of their own: receiving 100 sockets' messages is the clients'
 * work, and must not slow the load generator's thread that measures the objects.
 */
const urls = workerData as string[];
let first = 0;
const sockets = await Promise.all(
  urls.map(
    (url, i) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve(ws);
        ws.onmessage = () => {
          if (i === 0) first += 1;
        };
        ws.onerror = () => reject(new Error(`watcher ${i} failed`));
      }),
  ),
);
parentPort?.postMessage({ type: "open" });
parentPort?.on("message", (message: string) => {
  if (message === "count") parentPort?.postMessage({ type: "count", first });
  if (message === "close") {
    for (const ws of sockets) ws.close();
    parentPort?.close();
  }
});
