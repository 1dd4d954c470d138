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
const CHINESE = { locale: "zh-CN" } as const;

describe("the home dashboards in Chromium", () => {
  it("opens the county office on today's queues, its cases and this month, one click from 数据统计", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "clerk");
    for (const heading of [
      "今日接访",
      "全县超期事项",
      "全县本周到期（7 日内）",
      "全县本月与上月",
    ]) {
      await until(() => page.getByRole("heading", { name: heading }).count()).toBe(1);
    }
    await until(() => page.getByRole("row", { name: /及时受理率/ }).count()).toBe(1);
    await until(() => page.getByTestId("home-queues").textContent()).toMatch(/\d+ 场/);
    await until(() =>
      page.getByRole("link", { name: /下载《领导干部接待群众来访登记表》/ }).count(),
    ).toBe(1);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/home-office.png`, fullPage: true });
    // The second click: the figures behind the headline.
    await page.getByRole("link", { name: "打开数据统计" }).click();
    await until(() => page.getByRole("heading", { name: "本月与上月、去年同月" }).count()).toBe(1);
    await page.close();
  });

  it("opens a township on its own figures and cases, and a leader on theirs, on a phone", async () => {
    const page = await product.browser.newPage({ ...PHONE, ...CHINESE });
    await signIn(product, page, "lufeng");
    await until(() => page.getByRole("heading", { name: "本单位超期" }).count()).toBe(1);
    await until(() => page.getByRole("heading", { name: "本单位本周到期（7 日内）" }).count()).toBe(
      1,
    );
    await until(() => page.getByRole("heading", { name: /本月与上月$/ }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "今日接访" }).count()).toBe(0);
    await until(() => page.getByRole("row", { name: /按期答复率/ }).count()).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/home-township-phone.png`, fullPage: true });

    const leader = await product.browser.newPage({ ...PHONE, ...CHINESE });
    await signIn(product, leader, "leader");
    for (const heading of ["我包案的", "待我签字", "我的接访日"]) {
      await until(() => leader.getByRole("heading", { name: heading }).count()).toBe(1);
    }
    await until(() => leader.getByText(/正在加载/).count()).toBe(0);
    expect(await overflowsHorizontally(leader)).toBe(false);
    await checkA11y(leader);
    await leader.screenshot({ path: `${ARTIFACTS}/home-leader-phone.png`, fullPage: true });
    expect(new URL(leader.url()).pathname).toBe(`/t/${T}/console`);
    await leader.close();
    await page.close();
  });
});
