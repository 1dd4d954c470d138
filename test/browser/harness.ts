import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_PASSWORD, DEMO_TENANT } from "../../workers/dev/demo-county.ts";
import type { Stack } from "../../workers/dev/stack.ts";
import { scanned } from "./a11y.ts";
import { launchChromium, startTestStack } from "./browser.ts";

/** What every browser test shares: the product, Chromium, and a few ways of looking. */

export const ARTIFACTS = "test/.artifacts";
export const T = DEMO_TENANT.code;
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 900 } } as const;

/** expect.poll with room for a busy workerd (password hashing, the cron scan): 10 s, not 1 s. */
export const until = <V>(read: () => Promise<V> | V, timeout = 10_000) =>
  expect.poll(read, { timeout, interval: 100 });

/** True when the page is wider than the phone's screen (a horizontal scrollbar). */
export const overflowsHorizontally = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

export interface Product {
  readonly stack: Stack;
  readonly browser: Browser;
}

/**
 * Starts the product on a fresh state and Chromium for this file, and stops both after. Every
 * page the browser opens runs axe at each state the test looks at (see a11y.ts).
 */
export function useProduct(): Product {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestStack();
    const launched = await launchChromium();
    const newPage = launched.newPage.bind(launched);
    launched.newPage = async (options) => scanned(await newPage(options));
    browser = launched;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  return {
    get stack() {
      if (!stack) throw new Error("the product is not running yet");
      return stack;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not running yet");
      return browser;
    },
  };
}

/** Signs a demo account in through the login page; a refusal shows its alert in the failure. */
export async function signIn(product: Product, page: Page, username: string) {
  await page.goto(`${product.stack.url}/t/${T}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await until(async () => {
    const path = new URL(page.url()).pathname;
    if (path !== `/t/${T}/login`) return path;
    const alerts = await page.getByRole("alert").allTextContents();
    return alerts.length > 0 ? `${path} ${alerts.join(" ")}` : path;
  }).toBe(`/t/${T}/console`);
  // Signed in means the console has drawn its page: every page state a test leaves is
  // checked with axe, and a console still loading has no heading yet.
  await page.locator("h1").first().waitFor();
}

/**
 * Registers a walk-in case as the signed-in page's user, through the API the console calls,
 * and opens its case page: the start of every test about one case.
 */
export async function openNewCase(
  product: Product,
  page: Page,
  petitioner: { name: string; phone: string },
  facts: string,
  demands: string,
) {
  const id = await page.evaluate(
    async ({ tenant, body }) => {
      const reply = await fetch(`/api/v1/t/${tenant}/petitions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...body, receivedAt: new Date().toISOString() }),
      });
      return ((await reply.json()) as { id: string }).id;
    },
    {
      tenant: T,
      body: {
        channel: "visit",
        purpose: "request",
        categoryCode: "06.02",
        petitioner,
        facts,
        demands,
      },
    },
  );
  await page.goto(`${product.stack.url}/t/${T}/console/petitions/${id}`);
  return id;
}
