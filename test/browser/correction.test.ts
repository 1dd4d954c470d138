import { describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  openNewCase,
  overflowsHorizontally,
  PHONE,
  signIn,
  T,
  until,
  useProduct,
} from "./harness.ts";

const product = useProduct();

describe("更正登记信息 in Chromium", () => {
  it("checks the form in Chinese, corrects a misspelt name, and search finds the new name", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "clerk");
    const id = await openNewCase(
      product,
      page,
      { name: "欧阳小雯", phone: "13907453333" },
      "工地拖欠工资三个月。",
      "请求支付拖欠的工资。",
    );
    const card = page.locator("section", { has: page.locator("#correct-title") });
    await until(() => card.count()).toBe(1);

    await card.getByRole("button", { name: "更正登记信息" }).click();
    const name = page.getByLabel("信访人姓名", { exact: true });
    await until(() => name.inputValue()).toBe("欧阳小雯");
    // Nothing changed and no reason: our own Chinese messages, focus on the reason.
    await page.getByRole("button", { name: "确认更正" }).click();
    const problems = card.getByRole("alert");
    await until(() => problems.textContent()).toContain("更正原因");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("correct-reason");
    // A name cleared out is caught before anything is sent.
    await name.fill("");
    await page.getByLabel("更正原因").fill("登记时姓名录入错误，经核对身份证更正。");
    await page.getByRole("button", { name: "确认更正" }).click();
    await until(() => problems.textContent()).toContain("请填写信访人姓名");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("correct-name");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/correct-phone.png`, fullPage: true });

    await name.fill("欧阳晓雯");
    await page.getByRole("button", { name: "确认更正" }).click();
    await until(() => card.getByRole("status").textContent()).toContain("已更正信访人姓名");
    expect(await page.locator("#petitioner-title + dl").textContent()).toContain("欧阳晓雯");
    const timeline = page.locator("section", { has: page.locator("#timeline-title") });
    await until(() => timeline.textContent()).toContain("更正登记信息");

    // The search page finds the case by the corrected name, and no longer by the old one.
    await page.goto(`${product.stack.url}/t/${T}/console/search`);
    const box = page.getByLabel("查询码、信访人姓名、手机号、身份证号，或事项内容");
    const results = page.getByRole("list", { name: "查找结果" });
    await box.fill("欧阳晓雯");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await until(() => results.locator("li").count()).toBe(1);
    expect(await results.textContent()).toContain("按姓名找到");
    await results.getByRole("link").first().click();
    await until(() => page.url()).toContain(id);

    await page.goto(`${product.stack.url}/t/${T}/console/search`);
    await box.fill("欧阳小雯");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await until(() => page.locator("main").textContent()).toMatch(/没有|未找到/);
    expect(await results.count()).toBe(0);
    await page.close();
  });
});
