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

/** Pages of the printed PDF, as Chromium's print preview lays them out. */
const pdfPages = (pdf: Buffer) =>
  (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe("the analysis pages in Chromium", () => {
  it("lead from the case page to its print pages", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "clerk");
    const first = await page.evaluate(async (tenant) => {
      const res = await fetch(`/api/v1/t/${tenant}/petitions?limit=1`);
      const body = (await res.json()) as { items: { id: string }[] };
      return body.items[0]?.id ?? "";
    }, T);
    expect(first).not.toBe("");
    await page.goto(`${product.stack.url}/t/${T}/console/petitions/${first}`);
    await until(() => page.getByRole("heading", { name: "打印文书" }).count()).toBe(1);
    await checkA11y(page);
    await page.getByRole("link", { name: "信访事项登记表" }).click();
    await until(() => page.getByRole("heading", { name: "信访事项登记表", level: 1 }).count()).toBe(
      1,
    );
    await page.close();
  });

  it("show the backlog, the 研判 and the scorecard, each number opening its cases", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "supervisor");
    await page.goto(`${product.stack.url}/t/${T}/console/statistics`);
    await until(() => page.getByRole("button", { name: /当前积案 \d+ 件/ }).count()).toBe(1);
    await page
      .getByRole("navigation", { name: "统计分析" })
      .getByRole("link", { name: "积案" })
      .click();
    await until(() => page.getByRole("heading", { name: "积案", level: 1 }).count()).toBe(1);
    await until(() => page.getByText(/超过 \d+ 天仍未办结/).count()).toBe(1);
    await checkA11y(page);

    await page.getByRole("link", { name: "月度研判" }).click();
    await until(() => page.getByRole("heading", { name: "内容大类" }).count()).toBe(1);
    await until(() => page.getByRole("heading", { name: "重复信访" }).count()).toBe(1);
    await checkA11y(page);
    const category = page.getByRole("button", { name: /本月 \d+ 批次，查看事项/ }).first();
    if ((await category.count()) > 0) {
      await category.click();
      await until(() => page.getByRole("heading", { name: /的事项$/ }).count()).toBe(1);
      await checkA11y(page);
    }
    await page.screenshot({ path: `${ARTIFACTS}/hot-issues-desktop.png`, fullPage: true });

    await page.getByRole("link", { name: "单位考核" }).click();
    await until(() => page.getByRole("heading", { name: /季度各单位得分/ }).count()).toBe(1);
    await checkA11y(page);
    await page.screenshot({ path: `${ARTIFACTS}/assessment-desktop.png`, fullPage: true });
    await page.close();
  });

  it("prints the 通报 on one A4 page, without the console around it", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "supervisor");
    await page.goto(`${product.stack.url}/t/${T}/console/statistics/assessment`);
    await page.getByRole("link", { name: "打印考核通报" }).click();
    await until(() =>
      page.getByRole("heading", { name: "信访工作考核通报", level: 1 }).count(),
    ).toBe(1);
    await until(() => page.getByRole("table", { name: "各单位得分与排名" }).count()).toBe(1);
    await checkA11y(page);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "主导航" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "打印" }).isVisible()).toBe(false);
    expect(pdfPages(await page.pdf({ format: "A4" }))).toBe(1);
    await page.emulateMedia({ media: "screen" });
    await page.close();
  });

  it("prints the §41 outline, with the suggestions section from the office's register", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "supervisor");
    await page.goto(`${product.stack.url}/t/${T}/console/statistics/annual-report`);
    await until(() => page.getByRole("heading", { name: /年度信访工作情况报告/ }).count()).toBe(1);
    await page
      .getByRole("combobox", { name: "报告年度" })
      .selectOption(String(new Date().getUTCFullYear()));
    await until(() => page.getByText(/全年共收到信访事项 [1-9]\d* 批次/).count()).toBe(1);
    for (const section of ["一、", "二、", "三、", "四、"]) {
      expect(await page.getByRole("heading", { name: new RegExp(`^${section}`) }).count()).toBe(1);
    }
    await until(() => page.getByText(/本年度未登记信访部门提出的改进工作建议/).count()).toBe(1);
    await checkA11y(page);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "主导航" }).isVisible()).toBe(false);
    expect(await page.getByRole("combobox", { name: "报告年度" }).isVisible()).toBe(false);
    expect(pdfPages(await page.pdf({ format: "A4" }))).toBeGreaterThanOrEqual(1);
    await page.emulateMedia({ media: "screen" });
    await page.close();
  });

  it("refuses a township the annual report page", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "lufeng");
    await page.goto(`${product.stack.url}/t/${T}/console/statistics/annual-report`);
    await until(() => page.getByText(/县信访局工作人员/).count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "年度报告" }).count()).toBe(0);
    await checkA11y(page);
    await page.close();
  });

  it("fit a 360-px phone", async () => {
    const page = await product.browser.newPage({ ...PHONE, ...CHINESE });
    await signIn(product, page, "supervisor");
    for (const [sub, heading] of [
      ["/statistics/backlog", "积案"],
      ["/statistics/hot-issues", "月度研判"],
      ["/statistics/assessment", "单位考核"],
      ["/statistics/annual-report", "年度报告"],
    ] as const) {
      await page.goto(`${product.stack.url}/t/${T}/console${sub}`);
      await until(() => page.getByRole("heading", { name: heading, level: 1 }).count()).toBe(1);
      await until(() => page.locator("[aria-busy='true'], .loading").count()).toBe(0);
      expect(await overflowsHorizontally(page), sub).toBe(false);
      await checkA11y(page);
    }
    await page.screenshot({ path: `${ARTIFACTS}/annual-report-phone.png`, fullPage: true });
    await page.close();
  });

  it("lets the administrator set the backlog days and the weights", async () => {
    const page = await product.browser.newPage({ ...DESKTOP, ...CHINESE });
    await signIn(product, page, "admin");
    await page.getByRole("link", { name: "考核设置" }).click();
    await until(() => page.getByLabel("积案认定天数").count()).toBe(1);
    await page.getByLabel("积案认定天数").fill("60");
    await page.getByLabel("满意率").fill("30");
    await page.getByRole("button", { name: "保存" }).click();
    await until(() => page.getByText("已保存，立即生效。").count()).toBe(1);
    await checkA11y(page);
    await page.reload();
    await until(() => page.getByLabel("积案认定天数").inputValue()).toBe("60");
    // Under 30 days the field itself refuses, before anything is sent.
    await page.getByLabel("积案认定天数").fill("5");
    await page.getByRole("button", { name: "保存" }).click();
    expect(
      await page
        .getByLabel("积案认定天数")
        .evaluate((el) => (el as HTMLInputElement).validity.rangeUnderflow),
    ).toBe(true);
    await checkA11y(page);
    await page.close();
  });
});
