import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { type Stack, startStack } from "../../workers/dev/stack.ts";
import { localChromium } from "./chromium.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The product on workerd with its own fresh state, seeded like `npm start`. */
export async function startTestStack(): Promise<Stack> {
  const persistTo = mkdtempSync(join(tmpdir(), "lianxin-browser-"));
  return startStack({ port: await freePort(), persistTo });
}

/**
 * The Chromium from npm (see chromium.ts); CHROMIUM_PATH names another one instead, for
 * developers on systems that build does not run on.
 */
export async function launchChromium(): Promise<Browser> {
  const own = process.env.CHROMIUM_PATH;
  const local = own ? undefined : await localChromium();
  return chromium.launch({
    executablePath: own ?? local?.executablePath,
    env: { ...process.env, ...local?.env },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
