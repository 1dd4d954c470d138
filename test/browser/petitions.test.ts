import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { idCheckChar } from "../../web/src/shared/id-number.ts";
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

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Presses Tab until the element with this id has focus: keyboard only, robust to order. */
async function tabTo(page: Page, id: string, max = 12) {
  for (let i = 0; i < max; i += 1) {
    if ((await activeId(page)) === id) return;
    await page.keyboard.press("Tab");
  }
  expect(await activeId(page)).toBe(id);
}

/** "ABCDEFGHJK" as pages show it: "ABCD-EFGH-JK". */
const grouped = (code: string) => (code.match(/.{1,4}/g) ?? []).join("-");

/** Opens a case from 我的工作 by its tracking code. */
async function openFromWork(page: Page, code: string) {
  await page.getByRole("link", { name: "我的工作" }).click();
  const link = page.getByRole("link", { name: new RegExp(grouped(code)) });
  await until(() => link.count()).toBe(1);
  await link.click();
  await until(() => page.locator("h1").textContent()).toContain(grouped(code));
}

const caseStatus = (page: Page) =>
  page.locator("header.case-header [data-testid=status]").textContent();

describe("petitions in Chromium", () => {
  it("runs a case from an online petition to the citizen's evaluation", async () => {
    // 1. A citizen petitions online on a phone.
    const citizen = await product.browser.newPage(PHONE);
    const response = await citizen.goto(`${product.stack.url}/t/${T}/petition`);
    expect(response?.status()).toBe(200);
    await until(() => citizen.locator("h1").textContent()).toBe("网上信访");
    await citizen.getByLabel("求决", { exact: true }).check();
    const category = citizen.getByRole("combobox", { name: "事项类别" });
    await category.fill("工资");
    await until(() => citizen.getByRole("option").count()).toBeGreaterThan(0);
    await category.press("Enter");
    await until(() => category.inputValue()).toContain("工资");
    await citizen.getByLabel("姓名", { exact: true }).fill("向红梅");
    await citizen.getByLabel("手机号码").fill("13812345678");
    await citizen
      .getByLabel("事实真相")
      .fill("2026年在县城某建筑工地务工三个月，工程结束后包工头拖欠工资一万二千元至今未付。");
    await citizen.getByLabel("诉求与理由").fill("请求督促用工单位支付拖欠的工资一万二千元。");
    await citizen.getByLabel("反映的单位或个人（选填）").fill("某建筑劳务公司");
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-petition-phone.png`, fullPage: true });
    await citizen.getByRole("button", { name: "提交", exact: true }).click();

    const codeBox = citizen.getByTestId("tracking-code");
    await until(() => codeBox.count()).toBe(1);
    const code = (await codeBox.getAttribute("data-code")) ?? "";
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
    expect(await codeBox.textContent()).toBe(grouped(code));
    await until(() => citizen.locator("main").textContent()).toContain("5678");
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-submitted-phone.png`, fullPage: true });

    // 2. The clerk at the county office finds it in 我的工作 and assigns it to 人社局.
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    await clerk.getByRole("link", { name: "我的工作" }).click();
    await until(() => clerk.locator(".case-list").count()).toBe(1);
    await clerk.screenshot({ path: `${ARTIFACTS}/work-clerk.png`, fullPage: true });
    await openFromWork(clerk, code);
    await until(() => caseStatus(clerk)).toBe("已登记");
    await clerk.getByRole("button", { name: "交办", exact: true }).click();
    const bureau = await clerk
      .locator("#assign-toUnitId option", { hasText: "县人力资源和社会保障局" })
      .getAttribute("value");
    await clerk.selectOption("#assign-toUnitId", bureau ?? "");
    await clerk.getByLabel("交办要求（选填）").fill("请核实欠薪情况，依法督促支付。");
    await clerk.getByRole("button", { name: "确认交办" }).click();
    await until(() => caseStatus(clerk)).toBe("已交办");
    await until(() => clerk.getByTestId("timeline").textContent()).toContain("交办");
    await clerk.screenshot({ path: `${ARTIFACTS}/case-assigned.png`, fullPage: true });

    // 3. The handler at 人社局 opens it and issues the written reply (支持).
    const handler = await product.browser.newPage(DESKTOP);
    await signIn(product, handler, "renshe");
    await openFromWork(handler, code);
    await handler.getByRole("button", { name: "出具处理意见书", exact: true }).click();
    expect(await handler.getByLabel("信访请求").inputValue()).toContain("工资");
    await handler
      .getByLabel("事实和理由")
      .fill("经调查核实，该工地劳务公司确实拖欠向红梅工资一万二千元。");
    await handler
      .getByLabel("处理意见", { exact: true })
      .fill("责令劳务公司于十五日内足额支付拖欠工资。");
    await handler.getByLabel("法律依据").fill("《保障农民工工资支付条例》第三条、第五十四条。");
    await handler.locator("#reply-outcome-support").check();
    await handler.getByRole("button", { name: "提交处理意见书" }).click();
    await until(() => caseStatus(handler)).toBe("已答复");
    await until(() => handler.getByTestId("reply").textContent()).toContain("支持");
    await handler.screenshot({ path: `${ARTIFACTS}/case-replied.png`, fullPage: true });

    // 4. The citizen tracks it with the code and the last four digits, and evaluates.
    await citizen.getByRole("link", { name: "查询本事项的办理进度" }).click();
    await expect
      .poll(() => citizen.getByRole("textbox", { name: "查询码" }).inputValue())
      .toBe(code);
    await citizen.getByLabel("手机号后四位").fill("5678");
    await citizen.getByRole("button", { name: "查询", exact: true }).click();
    const result = citizen.getByTestId("track-result");
    await until(() => result.getByTestId("status").textContent()).toBe("已答复");
    const reply = citizen.getByTestId("reply");
    await until(() => reply.textContent()).toContain("责令劳务公司于十五日内足额支付");
    expect(await reply.textContent()).toContain("支持");
    expect(await reply.textContent()).toContain("县人力资源和社会保障局");
    // Every step they were told of is listed, and a review may be asked for online.
    const notices = citizen.getByTestId("notices");
    await until(() => notices.textContent()).toContain("已交办县人力资源和社会保障局办理");
    expect(await notices.textContent()).toContain("短信告知");
    expect(await citizen.getByTestId("review-request").textContent()).toContain("申请复查");
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-track-phone.png`, fullPage: true });

    await citizen
      .getByRole("group", { name: "对承办单位的评价" })
      .getByLabel("满意", { exact: true })
      .check();
    await citizen
      .getByRole("group", { name: "对信访部门的评价" })
      .getByLabel("基本满意", { exact: true })
      .check();
    await citizen.getByLabel("意见和建议（选填）").fill("办理及时，谢谢。");
    await citizen.getByRole("button", { name: "提交评价" }).click();
    await expect
      .poll(() => citizen.getByTestId("evaluation-status").textContent())
      .toContain("已评价");
    expect(await citizen.locator("main").textContent()).toContain("基本满意");
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-evaluated-phone.png`, fullPage: true });

    // A wrong phone suffix finds nothing, and says so.
    await citizen.getByLabel("手机号后四位").fill("0000");
    await citizen.getByRole("button", { name: "查询", exact: true }).click();
    await until(() => citizen.getByRole("alert").textContent()).toContain("没有查到");

    await Promise.all([citizen.close(), clerk.close(), handler.close()]);
  });

  it("lets a clerk register a visit from the keyboard", async () => {
    const page = await product.browser.newPage(DESKTOP);
    await signIn(product, page, "clerk");
    await page.getByRole("link", { name: "登记信访" }).click();
    // The form opens on the channel choice (来访 by default), ready for typing.
    await until(() => activeId(page)).toBe("intake-channel-visit");

    await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("intake-purpose-suggestion");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#intake-purpose-request").isChecked()).toBe(true);

    await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("intake-category");
    await page.keyboard.type("社会保险");
    await page.keyboard.press("Enter");
    await until(() => page.locator("#intake-category").inputValue()).toContain("社会保险");
    // Enter took the category; it did not submit the form.
    expect(await page.getByTestId("tracking-code").count()).toBe(0);

    await tabTo(page, "intake-name");
    await page.keyboard.type("舒建平");
    await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("intake-id");
    const first17 = "43122419750312451";
    const check = idCheckChar(first17) ?? "";
    const wrong = check === "1" ? "2" : "1";
    await page.keyboard.type(`${first17}${wrong}`);
    await until(() => page.locator("#intake-id-error").textContent()).toContain("校验位");
    await page.keyboard.press("Backspace");
    await page.keyboard.type(check);
    await until(() => page.locator("#intake-id-ok").textContent()).toContain("号码有效");
    await page.keyboard.press("Tab");
    await page.keyboard.type("139 0745 1234");
    await until(() => page.locator("#intake-phone-ok").count()).toBe(1);

    await tabTo(page, "intake-facts");
    await page.keyboard.type("本人2024年起在乡镇企业工作，单位一直未缴纳养老保险。");
    // Enter inside a textarea is a new line, not a submission.
    await page.keyboard.press("Enter");
    await page.keyboard.type("多次找单位无果。");
    expect(await page.locator("#intake-facts").inputValue()).toContain("\n多次找单位无果。");
    expect(await page.getByTestId("tracking-code").count()).toBe(0);
    await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("intake-demands");
    await page.keyboard.type("请求责令单位补缴养老保险。");
    await page.screenshot({ path: `${ARTIFACTS}/intake-filled.png`, fullPage: true });

    // Ctrl+Enter registers from anywhere in the form.
    await page.keyboard.press("Control+Enter");
    const code = page.getByTestId("tracking-code");
    await until(() => code.count()).toBe(1);
    expect(await code.getAttribute("data-code")).toMatch(/^[2-9A-HJKMNP-TV-Z]{10}$/);
    await until(() => activeId(page)).toBe("registered-title");
    expect(await page.getByTestId("flag-first").count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/intake-registered.png`, fullPage: true });

    await page.getByRole("link", { name: "打开案件" }).click();
    await until(() => caseStatus(page)).toBe("已登记");
    expect(await page.locator("main").textContent()).toContain("舒建平");
    await page.close();
  });

  it("fits the work list and the intake form on a 360-px phone", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "clerk");
    await page.goto(`${product.stack.url}/t/${T}/console/work`);
    await until(() => page.locator(".case-list__item").count()).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/work-phone.png`, fullPage: true });
    await page.goto(`${product.stack.url}/t/${T}/console/petitions/new`);
    await until(() => page.locator("#intake-category").count()).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.close();
  });
});
