import { describe, expect, it } from "vitest";
import { checkA11y } from "./a11y.ts";
import {
  ARTIFACTS,
  DESKTOP,
  overflowsHorizontally,
  PHONE,
  signIn,
  T,
  until,
  useProduct,
} from "./harness.ts";

const product = useProduct();

/**
 * The offices' browsers speak Chinese; headless Chromium here would report `en-US@posix`,
 * which Intl (and so the chart's number formats) refuses.
 */
const CHINESE = { locale: "zh-CN" } as const;

describe("the figures dashboard in Chromium", () => {
  it("shows the county office this month against last month and last year, a chart and the cases behind a number", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    const uplot: string[] = [];
    page.on("request", (r) => {
      if (/uPlot/i.test(r.url())) uplot.push(r.url());
    });
    await signIn(product, page, "clerk");
    expect(uplot).toEqual([]);
    await page.getByRole("link", { name: "统计分析" }).click();
    await until(() => page.getByRole("heading", { name: "本月与上月、去年同月" }).count()).toBe(1);
    await until(() => page.getByRole("row", { name: /及时受理率/ }).count()).toBe(1);
    // The chart library came with this page, and its numbers are in a table too.
    await until(() => page.locator(".trend-chart canvas").count()).toBe(1);
    expect(uplot.length).toBeGreaterThan(0);
    await until(() => page.getByRole("table", { name: /近 12 个月/ }).count()).toBe(1);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/statistics-desktop.png`, fullPage: true });

    await page.getByRole("button", { name: /查看本月 \d+ 批次的事项/ }).click();
    await until(() => page.getByRole("heading", { name: /收到的信访事项/ }).count()).toBe(1);
    await until(() => page.getByRole("table", { name: /共列出 [1-9]\d* 件/ }).count()).toBe(1);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Excel 表格" }).click();
    expect((await download).suggestedFilename()).toMatch(/^信访事项_.*\.xlsx$/);
    await checkA11y(page);
    await page.close();
  });

  it("fits a 360-px phone", async () => {
    const page = await product.browser.newPage({ ...PHONE, ...CHINESE });
    await signIn(product, page, "clerk");
    await page.goto(`${product.stack.url}/t/${T}/console/statistics`);
    await until(() => page.getByRole("row", { name: /按期答复率/ }).count()).toBe(1);
    await until(() => page.locator(".trend-chart canvas").count()).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/statistics-phone.png`, fullPage: true });
    await page.close();
  });

  it("says so while the county's figures are being rebuilt", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "admin");
    const filed = await page.evaluate(async (tenant) => {
      const res = await fetch(`/api/v1/t/${tenant}/statistics/rebuild`, {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: "{}",
      });
      return res.status;
    }, T);
    expect(filed).toBe(202);
    await page.goto(`${product.stack.url}/t/${T}/console/statistics`);
    await until(() => page.getByRole("heading", { name: "本月与上月、去年同月" }).count()).toBe(1);
    await until(() =>
      page.getByRole("status").filter({ hasText: "统计数据正在重建" }).count(),
    ).toBe(1);
    await checkA11y(page);
    await page.close();
  });
});
