import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
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

/** Every form on the page checks its fields itself, in Chinese, never with browser bubbles. */
const allFormsOurOwn = (page: Page) =>
  page.evaluate(() => [...document.forms].every((f) => f.noValidate));

const caseHeader = (page: Page) => page.locator("header.case-header");

describe("casework in Chromium", () => {
  it("registers a group visit handed down from the city, with the county's representatives", async () => {
    const page = await product.browser.newPage(DESKTOP);
    await signIn(product, page, "clerk");
    await page.getByRole("link", { name: "登记信访" }).click();
    await until(() => page.locator("#intake-category").count()).toBe(1);

    // From above: level and reference are asked for, in our words, before anything is sent.
    await page.getByLabel("上级交办、转送的信访事项").check();
    await until(() => page.getByTestId("from-above-fields").count()).toBe(1);
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await until(() => page.locator("#intake-fromAbove-level-error").textContent()).toBe(
      "请选择交办、转送的上级层级",
    );
    expect(await page.locator("#intake-fromAbove-reference-error").textContent()).toBe(
      "请填写上级文号或交办单号",
    );
    expect(await allFormsOurOwn(page)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/intake-from-above-problems.png`, fullPage: true });

    await page.locator("#intake-purpose-request").check();
    await page.locator("#intake-category").fill("工资");
    await until(() => page.getByRole("option").count()).toBeGreaterThan(0);
    await page.locator("#intake-category").press("Enter");
    await until(() => page.locator("#intake-category").inputValue()).toContain("工资");
    await page.selectOption("#intake-fromAbove-level", "city");
    await page.getByLabel("上级文号").fill("怀信交〔2026〕31号");
    const upstreamDue = inDays(20);
    await page.getByLabel("上级办理期限（选填）").fill(upstreamDue);
    await page.getByLabel("姓名", { exact: true }).fill("向国平");
    await page.getByLabel("手机号码（选填）").fill("13974561234");
    await page.getByLabel("住址（选填）").fill("卢峰镇大湾村三组");

    // Twelve people: a group visit; the county allows five representatives (§20 default).
    await page.getByLabel("来访人数").fill("12");
    await until(() => page.locator("#intake-headcount-hint").textContent()).toContain(
      "本次最多 5 人",
    );
    const reps = page.getByTestId("representatives");
    expect(await reps.locator("legend").textContent()).toBe("集体访代表（最多 5 人）");
    for (let i = 0; i < 5; i += 1) {
      await reps.getByRole("button", { name: "添加代表" }).click();
      await page.getByLabel(`代表 ${i + 1} 姓名`).fill(`代表${i + 1}`);
    }
    // Five named: no sixth can be added.
    expect(await reps.getByRole("button", { name: "添加代表" }).count()).toBe(0);

    await page.getByLabel("事实真相").fill("大湾村十二户村民的土地流转租金已拖欠两年。");
    await page.getByLabel("诉求与理由").fill("请求督促合作社支付拖欠的土地租金。");
    await page.screenshot({ path: `${ARTIFACTS}/intake-from-above-filled.png`, fullPage: true });
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await until(() => page.getByTestId("tracking-code").count()).toBe(1);
    await page.getByRole("link", { name: "打开案件" }).click();

    // The case says where it came from and that a 办结报告 is owed upward.
    await until(() => page.getByTestId("from-above").textContent()).toContain(
      "市级交办 · 怀信交〔2026〕31号",
    );
    expect(await page.getByTestId("upward-report").textContent()).toBe("尚未向上级报送");
    // The group tag waits for the county's numbers, which load beside the case.
    await until(() => caseHeader(page).textContent()).toContain("集体访 12 人");
    expect(await page.locator("main").textContent()).toContain("代表5");
    await page.screenshot({ path: `${ARTIFACTS}/case-from-above.png`, fullPage: true });
    await page.close();
  });

  it("lets the county office supervise a case before any breach, and shows the card's essentials", async () => {
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    const created = await api<{ id: string; trackingCode: string }>(clerk, "POST", "/petitions", {
      channel: "visit",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      petitioner: { name: "舒小红", phone: "13974567777", address: "卢峰镇" },
      facts: "工地拖欠工资五个月。",
      demands: "请求督促支付五个月的工资。",
    });
    expect(created.status).toBe(201);
    await clerk.close();

    const page = await product.browser.newPage(DESKTOP);
    await signIn(product, page, "supervisor");
    await page.goto(`${product.stack.url}/t/${T}/console/petitions/${created.body.id}`);
    const card = page.getByTestId("case-supervision");
    await until(() => card.textContent()).toContain("本案尚未督办");
    // Nothing chosen: our message, and nothing sent.
    await card.getByRole("button", { name: "启动督办" }).click();
    await until(() => page.locator("#early-form-error").textContent()).toBe(
      "请选择挂牌督办或领导批示",
    );
    expect(await allFormsOurOwn(page)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/case-supervise-problems.png`, fullPage: true });

    await card.getByLabel("挂牌督办", { exact: true }).check();
    const due = inDays(5);
    await card.getByLabel("督办期限").fill(due);
    await card.getByLabel("督办要求（选填）").fill("请五日内报告欠薪核查进展。");
    await card.getByRole("button", { name: "启动督办" }).click();
    await until(() => page.getByTestId("supervision-reason").textContent()).toBe(
      "挂牌督办（未超期）",
    );
    expect(await card.getByRole("button", { name: "启动督办" }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/case-supervised.png`, fullPage: true });

    // The supervision page's card shows what the case is about, not only its code.
    await page.getByRole("link", { name: "督办", exact: true }).click();
    const item = page.locator(`[data-testid=supervision][data-petition="${created.body.id}"]`);
    await until(() => item.count()).toBe(1);
    expect(await item.getByTestId("supervision-essentials").textContent()).toContain(
      "请求督促支付五个月的工资",
    );
    expect(await item.textContent()).toContain("挂牌督办（未超期）");
    expect(await item.textContent()).not.toContain("超期 ");
    await page.screenshot({ path: `${ARTIFACTS}/supervision-early.png`, fullPage: true });
    await page.close();
  });

  it("lists a matter petitioned again on the county office's review list, on a phone", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "clerk");
    const person = { name: "龙秀英", phone: "13974569999", address: "卢峰镇" };
    const body = {
      channel: "visit",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      petitioner: person,
      facts: "养殖场拖欠工资三个月。",
      demands: "请求支付三个月工资。",
    };
    const first = await api<{ id: string; trackingCode: string }>(page, "POST", "/petitions", body);
    const again = await api<{ flags: { repeat?: unknown } }>(page, "POST", "/petitions", body);
    expect(again.body.flags.repeat).toBeDefined();

    await page.goto(`${product.stack.url}/t/${T}/console/review-list`);
    await until(() => page.locator("h1").textContent()).toBe("逐案评查");
    const row = page.locator(`.case-list__item[data-code="${first.body.trackingCode}"]`);
    await until(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("再次信访");
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/review-list-phone.png`, fullPage: true });
    await row.getByRole("link").click();
    await until(() =>
      caseHeader(page).locator("[data-testid=tracking-code]").getAttribute("data-code"),
    ).toBe(first.body.trackingCode);
    await page.close();

    // A township's clerk is not shown the county office's list.
    const town = await product.browser.newPage(DESKTOP);
    await signIn(product, town, "lufeng");
    expect(await town.getByRole("link", { name: "逐案评查" }).count()).toBe(0);
    await town.close();
  });

  it("assigns to the unit reported, accepts the completion report and records the report upward", async () => {
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    const units = await api<{ units: { id: string; name: string }[] }>(clerk, "GET", "/units");
    const bureau = units.body.units.find((u) => u.name === "县人力资源和社会保障局")?.id ?? "";
    const created = await api<{ id: string; trackingCode: string }>(clerk, "POST", "/petitions", {
      channel: "letter",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      petitioner: { name: "米春兰", phone: "13974563333", address: "卢峰镇" },
      facts: "县人社局对欠薪投诉两个月未作处理。",
      demands: "请求人社局依法处理欠薪投诉。",
      subjectUnitId: bureau,
      fromAbove: { level: "provincial", reference: "湘信转〔2026〕7号" },
    });
    expect(created.status).toBe(201);
    await clerk.goto(`${product.stack.url}/t/${T}/console/petitions/${created.body.id}`);
    await until(() => clerk.locator("header.case-header").textContent()).toContain("已登记");

    // 交办: the unit the case is about is chosen already; typing narrows the long list.
    await clerk.getByRole("button", { name: "交办", exact: true }).click();
    await until(() => clerk.locator("#assign-toUnitId").inputValue()).toBe(bureau);
    await clerk.getByLabel("筛选单位（输入名称中的字）").fill("民政");
    const options = () => clerk.locator("#assign-toUnitId option").allTextContents();
    // The chosen unit stays on offer whatever is typed.
    await until(async () => (await options()).filter((o) => o !== "请选择").sort()).toEqual(
      ["县人力资源和社会保障局", "县民政局"].sort(),
    );
    await clerk.getByLabel("筛选单位（输入名称中的字）").fill("");
    await clerk.screenshot({ path: `${ARTIFACTS}/assign-preselected.png`, fullPage: true });
    await clerk.getByRole("button", { name: "确认交办" }).click();
    await until(() => caseHeader(clerk).locator("[data-testid=status]").textContent()).toBe(
      "已交办",
    );
    // The receiving unit's objection window is named as theirs, its days as working days.
    const objection = clerk.locator('[data-key="objection"]');
    expect(await objection.textContent()).toContain("承办单位异议期限");
    expect(await objection.textContent()).toContain("个工作日");
    expect(await clerk.locator("main").textContent()).not.toContain("个日");

    // The bureau replies; the county office reviews the completion report.
    const handler = await product.browser.newPage(DESKTOP);
    await signIn(product, handler, "renshe");
    const version = (
      await api<{ version: number }>(handler, "GET", `/petitions/${created.body.id}`)
    ).body.version;
    const replied = await api(handler, "POST", `/petitions/${created.body.id}/reply`, {
      request: "请求处理欠薪投诉。",
      factsAndReasons: "经查，投诉已于本月立案。",
      decision: "责令用人单位限期支付。",
      legalBasis: "《保障农民工工资支付条例》。",
      outcome: "support",
      version,
    });
    expect(replied.status).toBe(200);
    await handler.close();

    await clerk.reload();
    await clerk.getByRole("button", { name: "审核通过办结报告" }).click();
    await clerk.getByLabel("审核意见（选填）").fill("办理到位。");
    await clerk.getByRole("button", { name: "确认审核通过" }).click();
    await until(() => clerk.getByTestId("timeline").textContent()).toContain("审核通过办结报告");

    // The 办结报告 owed to the province is recorded with its date.
    await clerk.getByRole("button", { name: "向上级报送办结报告" }).click();
    await clerk.getByLabel("报送说明（选填）").fill("已报省信访局。");
    await clerk.getByRole("button", { name: "确认已报送" }).click();
    await until(() => clerk.getByTestId("upward-report").textContent()).toMatch(
      /^已于 \d{4}年\d{1,2}月\d{1,2}日 向上级报送$/,
    );
    expect(await clerk.getByTestId("from-above").textContent()).toContain("省级交办");
    await clerk.screenshot({ path: `${ARTIFACTS}/case-reported-upward.png`, fullPage: true });
    await clerk.close();
  });

  it("warns the administrator from 1 November of a missing calendar, entered as ranges", async () => {
    const page = await product.browser.newPage(DESKTOP);
    // The browser's clock on 15 November of a year whose next year no county has entered.
    await page.clock.setFixedTime(new Date("2030-11-15T02:00:00Z"));
    await signIn(product, page, "admin");
    const warning = page.getByTestId("calendar-warning");
    await until(() => warning.textContent()).toContain("2031 年的节假日安排尚未录入");
    await page.screenshot({ path: `${ARTIFACTS}/calendar-warning.png`, fullPage: true });

    await warning.getByRole("link", { name: "录入节假日" }).click();
    await until(() => page.locator("#calendar-year").count()).toBe(1);
    await page.selectOption("#calendar-year", "2031");
    await until(() => page.locator("#year-title").textContent()).toContain("2031");
    // Our own words when the notice's dates are left out.
    await page.getByRole("button", { name: "加入本年安排" }).click();
    await until(() => page.locator("#range-name-error").textContent()).toBe(
      "请填写节日名称，如“春节”",
    );
    // One line of the State Council's notice: off from–to, and its make-up working day.
    await page.getByLabel("节日名称").fill("春节");
    await page.getByLabel("放假开始").fill("2031-01-22");
    await page.getByLabel("放假结束").fill("2031-01-28");
    await page.getByLabel("调休上班日 1（选填）").fill("2031-01-18");
    await page.getByRole("button", { name: "加入本年安排" }).click();
    await until(() => page.locator("main").textContent()).toContain("已加入 8 天");
    await page.getByRole("button", { name: "保存 2031 年安排" }).click();
    await until(() => page.locator("main").textContent()).toContain(
      "已保存 2031 年的放假安排（8 天）",
    );
    await page.screenshot({ path: `${ARTIFACTS}/calendar-ranges-saved.png`, fullPage: true });

    await page.getByRole("link", { name: "首页" }).click();
    await until(() => page.locator("h1").count()).toBeGreaterThan(0);
    await until(() => warning.count()).toBe(0);
    await page.close();
  });
});
