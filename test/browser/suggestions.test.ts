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
// Last year, so the days are in the past whatever today is, and the report's year is fixed.
const YEAR = new Date().getUTCFullYear() - 1;
const TITLE = "关于建立欠薪线索联动处置机制的建议";

describe("建议登记 in Chromium", () => {
  it("registers a suggestion, records 采纳, and shows it in the 年度报告", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "supervisor");
    await page
      .getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "建议登记" })
      .click();
    await until(() => page.getByRole("heading", { name: "建议登记", level: 1 }).count()).toBe(1);
    await until(() => page.getByText("没有符合条件的建议。").count()).toBe(1);
    await checkA11y(page);

    // Our own checks, in Chinese, before anything is sent.
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await until(() => page.getByText("请选择建议类别").count()).toBeGreaterThan(0);
    expect(await page.getByText("请填写标题").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sg-kind");
    await checkA11y(page);

    await page.getByLabel("建议类别").selectOption({ label: "完善政策建议" });
    await page.getByLabel("报送单位").selectOption({ label: "县人力资源和社会保障局" });
    await page.getByLabel("发出日期").fill(`${YEAR}-06-15`);
    await page.getByLabel("标题").fill(TITLE);
    await page
      .getByLabel("建议内容")
      .fill("建议人社、住建部门建立欠薪线索联动处置机制。\n明确牵头单位。");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await until(() => page.getByRole("heading", { name: TITLE, level: 3 }).count()).toBe(1);
    const card = page.getByRole("article", { name: TITLE });
    expect(await card.getByText("待反馈").count()).toBe(1);
    await checkA11y(page);

    await card.getByRole("button", { name: /记录反馈/ }).click();
    await card.getByRole("button", { name: "保存反馈" }).click();
    await until(() => card.getByText("请选择反馈结果").count()).toBeGreaterThan(0);
    await card.getByLabel("反馈结果").selectOption({ label: "采纳" });
    await card.getByLabel("反馈日期").fill(`${YEAR}-07-01`);
    await card.getByLabel("说明（选填）").fill("已纳入县政府常务会议议题");
    await checkA11y(page);
    await card.getByRole("button", { name: "保存反馈" }).click();
    await until(() => page.getByRole("status").filter({ hasText: "已记录反馈" }).count()).toBe(1);
    await until(() => card.getByText(/反馈：采纳。已纳入县政府常务会议议题/).count()).toBe(1);
    expect(await card.getByRole("button", { name: /修改反馈/ }).count()).toBe(1);
    await checkA11y(page);

    await page.getByRole("link", { name: "年度报告" }).first().click();
    await until(() => page.getByRole("heading", { name: /年度信访工作情况报告/ }).count()).toBe(1);
    await page.getByRole("combobox", { name: "报告年度" }).selectOption(String(YEAR));
    await until(() =>
      page.getByText(/全年向有关机关、单位提出建议 1 件，其中采纳 1 件/).count(),
    ).toBe(1);
    const table = page.getByRole("table", { name: /本年度提出的建议/ });
    const row = table.getByRole("row", { name: new RegExp(TITLE) });
    expect(await row.getByRole("cell", { name: "采纳", exact: true }).count()).toBe(1);
    expect(await row.getByRole("cell", { name: "县人力资源和社会保障局" }).count()).toBe(1);
    expect(await page.getByText(/本年度未登记信访部门/).count()).toBe(0);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/annual-report-suggestions.png`, fullPage: true });
    // On paper: the section stays, the link to the register does not.
    await page.emulateMedia({ media: "print" });
    expect(await table.isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: /到建议登记/ }).isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await page.close();
  });

  it("lets the office's clerk read the register without the forms", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "clerk");
    await page.goto(`${product.stack.url}/t/${T}/console/suggestions`);
    await until(() => page.getByRole("heading", { name: TITLE, level: 3 }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "登记建议" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /反馈/ }).count()).toBe(0);
    await checkA11y(page);
    await page.close();
  });

  it("refuses a township the page and leaves it out of its menu", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "lufeng-leader");
    expect(await page.getByRole("link", { name: "建议登记" }).count()).toBe(0);
    await page.goto(`${product.stack.url}/t/${T}/console/suggestions`);
    await until(() => page.getByText(/县信访局工作人员/).count()).toBeGreaterThan(0);
    expect(await page.getByText(TITLE).count()).toBe(0);
    await checkA11y(page);
    await page.close();
  });

  it("fits a 360-px phone", async () => {
    const page = await product.browser.newPage({ ...PHONE, ...CHINESE });
    await signIn(product, page, "supervisor");
    await page.goto(`${product.stack.url}/t/${T}/console/suggestions`);
    await until(() => page.getByRole("heading", { name: TITLE, level: 3 }).count()).toBe(1);
    await page.getByRole("button", { name: /修改反馈/ }).click();
    await until(() => page.getByRole("button", { name: "保存反馈" }).count()).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/suggestions-phone.png`, fullPage: true });
    await page.close();
  });
});
