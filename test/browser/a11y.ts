import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Accessibility as a test: axe-core, from node_modules (no CDN), scans a page state and the
 * test fails on any violation. The bar is WCAG 2.2 AA and axe's best practices, with its
 * experimental rules too: one of them (label-content-name-mismatch) is how a button's spoken
 * name drifts from its visible text.
 */

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: string | undefined;
const TAGS = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
  "best-practice",
  "experimental",
];

declare global {
  interface Window {
    axe?: {
      run(context: Document, options: object): Promise<AxeResults>;
    };
  }
}

/** One line per failing node: the rule, where, and axe's own summary of what to fix. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) {
    // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does
    // not govern: a script tag would be refused as inline script, as it should be.
    axeSource ??= readFileSync(AXE, "utf8");
    await page.evaluate(axeSource);
  }
  return page.evaluate(async (tags) => {
    const axe = window.axe;
    if (!axe) throw new Error("axe-core did not load");
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary ?? v.help}`),
    );
  }, TAGS);
}

/**
 * Pages whose markup is not ours: Scalar's API reference is a developer tool for integrators,
 * vendored as built (web/public/vendor/scalar), and fails axe on its own theme and template.
 */
const NOT_OURS = ["/api/docs"];

/** Fails the test, naming the page, when axe finds anything on the page as it is now. */
export async function checkA11y(page: Page) {
  const url = page.url();
  if (url === "about:blank" || NOT_OURS.includes(new URL(url).pathname)) return;
  expect(await axeViolations(page), `accessibility of ${new URL(url).pathname}`).toEqual([]);
}

/**
 * Makes a page scan itself at every state a test looks at: before each screenshot, before
 * it navigates away with goto, and before it closes.
 */
export function scanned(page: Page): Page {
  const screenshot = page.screenshot.bind(page);
  const goto = page.goto.bind(page);
  const close = page.close.bind(page);
  page.screenshot = async (options) => {
    await checkA11y(page);
    return screenshot(options);
  };
  page.goto = async (url, options) => {
    await checkA11y(page);
    return goto(url, options);
  };
  page.close = async (options) => {
    if (!page.isClosed()) await checkA11y(page);
    return close(options);
  };
  return page;
}
