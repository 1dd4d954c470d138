import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, DESKTOP, PHONE, signIn, T, until, useProduct } from "./harness.ts";

const product = useProduct();

/** A same-origin API call from a signed-in page, riding on its session cookie. */
async function api<R>(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    { method, path: `/api/v1/t/${T}${path}`, body },
  ) as Promise<{ status: number; body: R }>;
}

const inDays = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const timeline = (page: Page) => page.getByTestId("timeline");
const openCase = (page: Page, id: string) =>
  page.goto(`${product.stack.url}/t/${T}/console/petitions/${id}`);

/** The county office registers a case and hands it to 卢峰镇 (交办), through the API. */
async function assignedToLufeng(petitioner: { name: string; phone: string }, facts: string) {
  const clerk = await product.browser.newPage(DESKTOP);
  await signIn(product, clerk, "clerk");
  const units = await api<{ units: { id: string; name: string }[] }>(clerk, "GET", "/units");
  const unitId = (name: string) => units.body.units.find((u) => u.name === name)?.id ?? "";
  const created = await api<{ id: string; trackingCode: string }>(clerk, "POST", "/petitions", {
    channel: "letter",
    purpose: "request",
    categoryCode: "06.02",
    receivedAt: new Date().toISOString(),
    petitioner: { ...petitioner, address: "卢峰镇" },
    facts,
    demands: "请求依法处理。",
  });
  expect(created.status).toBe(201);
  const assigned = await api(clerk, "POST", `/petitions/${created.body.id}/assign`, {
    toUnitId: unitId("卢峰镇"),
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  return { clerk, ...created.body, unitId };
}

describe("casework steps in Chromium", () => {
  it("extends a deadline on the handler's request and the leader's approval; the petitioner is told", async () => {
    const c = await assignedToLufeng(
      { name: "田秋菊", phone: "13974561357" },
      "砖厂拖欠工资四个月，镇里已协调一次未果。",
    );
    await c.clerk.close();

    // The township's handler asks for ten more days, with a reason.
    const handler = await product.browser.newPage(DESKTOP);
    await signIn(product, handler, "lufeng");
    await openCase(handler, c.id);
    await handler.getByRole("button", { name: "申请延期", exact: true }).click();
    await handler.getByLabel("申请延长天数").fill("10");
    await handler.getByLabel("申请理由").fill("需要等待劳动仲裁的鉴定结论。");
    await handler.getByRole("button", { name: "提交延期申请" }).click();
    await until(() => timeline(handler).textContent()).toContain("申请延期");
    await handler.screenshot({ path: `${ARTIFACTS}/extension-requested.png`, fullPage: true });
    await handler.close();

    // The township's leader approves it.
    const leader = await product.browser.newPage(DESKTOP);
    await signIn(product, leader, "lufeng-leader");
    await openCase(leader, c.id);
    await leader.getByRole("button", { name: "延期", exact: true }).click();
    await leader.getByLabel("延长天数").fill("10");
    await leader.getByLabel("延期理由").fill("需要等待劳动仲裁的鉴定结论。");
    await leader.getByRole("button", { name: "确认延期" }).click();
    await until(() =>
      timeline(leader).locator(".timeline__item strong").allTextContents(),
    ).toContain("延期");
    await leader.screenshot({ path: `${ARTIFACTS}/extension-approved.png`, fullPage: true });
    await leader.close();

    // The petitioner's tracking page gives the days, the reason and the new date.
    const citizen = await product.browser.newPage(PHONE);
    await citizen.goto(`${product.stack.url}/t/${T}/track`);
    await citizen.getByRole("textbox", { name: "查询码" }).fill(c.trackingCode);
    await citizen.getByLabel("手机号后四位").fill("1357");
    await citizen.getByRole("button", { name: "查询", exact: true }).click();
    const extension = citizen.getByTestId("extension");
    await until(() => extension.count()).toBe(1);
    const told = (await extension.textContent()) ?? "";
    expect(told).toContain("10 日");
    expect(told).toContain("需要等待劳动仲裁的鉴定结论。");
    expect(told).toMatch(/延长至\d{4}年\d{1,2}月\d{1,2}日/);
    await citizen.screenshot({ path: `${ARTIFACTS}/citizen-extension-phone.png`, fullPage: true });
    await citizen.close();
  });

  it("sends a completion report back (发回重办) with reasons and a new deadline", async () => {
    const c = await assignedToLufeng(
      { name: "杨德明", phone: "13974562468" },
      "村里修路占用承包地未给补偿。",
    );
    const handler = await product.browser.newPage(DESKTOP);
    await signIn(product, handler, "lufeng");
    const version = (await api<{ version: number }>(handler, "GET", `/petitions/${c.id}`)).body
      .version;
    const replied = await api(handler, "POST", `/petitions/${c.id}/reply`, {
      request: "请求补偿被占用的承包地。",
      factsAndReasons: "经查，占地属实。",
      decision: "由村委会协商补偿。",
      legalBasis: "《农村土地承包法》。",
      outcome: "support",
      version,
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    await handler.close();

    const clerk = c.clerk;
    const due = inDays(10);
    await openCase(clerk, c.id);
    await clerk.getByRole("button", { name: "发回重办", exact: true }).click();
    // Nothing filled: our own messages, no browser bubbles.
    await clerk.getByRole("button", { name: "确认发回重办" }).click();
    await until(() => clerk.locator("#send-back-reason-error").count()).toBe(1);
    expect(await clerk.evaluate(() => [...document.forms].every((f) => f.noValidate))).toBe(true);
    await clerk.getByLabel("发回重办的理由").fill("补偿标准未写明，请核实后重新答复。");
    await clerk.getByLabel("重新办结期限").fill(due);
    await clerk.getByRole("button", { name: "确认发回重办" }).click();
    await until(() => timeline(clerk).textContent()).toContain("发回重办");
    expect(await timeline(clerk).textContent()).toContain("补偿标准未写明，请核实后重新答复。");
    await until(() => clerk.locator("header.case-header [data-testid=status]").textContent()).toBe(
      "已交办",
    );
    await clerk.screenshot({ path: `${ARTIFACTS}/case-sent-back.png`, fullPage: true });
    await clerk.close();
  });

  it("adds an assisting unit (协办), who then gives its opinion", async () => {
    const c = await assignedToLufeng(
      { name: "舒桂香", phone: "13974563579" },
      "镇上一家企业拖欠社保费两年。",
    );
    const clerk = c.clerk;
    await openCase(clerk, c.id);
    const card = clerk.getByTestId("joint-handling");
    await until(() => card.count()).toBe(1);
    await clerk.getByLabel("增加协办单位").selectOption({ label: "县人力资源和社会保障局" });
    await clerk.getByRole("button", { name: "确认协办单位" }).click();
    await until(() => card.textContent()).toContain("协办单位县人力资源和社会保障局");
    await clerk.close();

    const bureau = await product.browser.newPage(DESKTOP);
    await signIn(product, bureau, "renshe");
    await openCase(bureau, c.id);
    const theirs = bureau.getByTestId("joint-handling");
    await until(() => theirs.count()).toBe(1);
    await bureau.getByLabel("协办意见").fill("社保费欠缴属实，建议由人社局下达限期缴纳通知。");
    await bureau.getByRole("button", { name: "提交协办意见" }).click();
    const opinions = theirs.locator(".timeline");
    await until(() => opinions.count()).toBe(1);
    expect(await opinions.textContent()).toContain("县人力资源和社会保障局协办意见");
    expect(await opinions.textContent()).toContain("建议由人社局下达限期缴纳通知。");
    await bureau.screenshot({ path: `${ARTIFACTS}/case-assisting-opinion.png`, fullPage: true });
    await bureau.close();
  });

  it("finishes a review (评查完毕) with a conclusion, and the case leaves the list", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "clerk");
    const body = {
      channel: "visit",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      petitioner: { name: "向玉兰", phone: "13974564680", address: "卢峰镇" },
      facts: "超市拖欠工资两个月。",
      demands: "请求支付两个月工资。",
    };
    const first = await api<{ id: string; trackingCode: string }>(page, "POST", "/petitions", body);
    await api(page, "POST", "/petitions", body);

    await page.goto(`${product.stack.url}/t/${T}/console/review-list`);
    const row = page.locator(`.case-list__item[data-code="${first.body.trackingCode}"]`);
    await until(() => row.count()).toBe(1);
    await row.getByRole("button", { name: "评查完毕" }).click();
    // Nothing written: our own message, in Chinese.
    await row.getByRole("button", { name: "确认评查完毕" }).click();
    await until(() => row.locator(".field-error").textContent()).toBe("请填写评查结论");
    await row.getByLabel("评查结论").fill("重复信访系首次答复未说明支付期限，已督促补正。");
    await page.screenshot({ path: `${ARTIFACTS}/review-finish-phone.png`, fullPage: true });
    await row.getByRole("button", { name: "确认评查完毕" }).click();
    await until(() => row.count()).toBe(0);
    expect(await page.getByRole("status").first().textContent()).toContain("已评查完毕");

    // The conclusion is on the case's timeline.
    await openCase(page, first.body.id);
    await until(() => timeline(page).textContent()).toContain("评查完毕");
    expect(await timeline(page).textContent()).toContain("已督促补正");
    await page.close();
  });
});
