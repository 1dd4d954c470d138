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

const TV = { viewport: { width: 1280, height: 720 } } as const;

/** Tomorrow in China Standard Time: far enough ahead for the two-hour booking notice. */
function tomorrowCst(): string {
  return new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Opens a page at its real address; while the Worker does not route it yet, at the
 * stand-in address the page also answers to (see the report to the lead).
 */
async function open(page: Page, path: string, fallback: string) {
  const response = await page.goto(`${product.stack.url}${path}`);
  if (response?.status() === 404) await page.goto(`${product.stack.url}${fallback}`);
}

interface OutboxItem {
  id: string;
  recipient: string;
  body: string;
}

/** The development outbox; a busy workerd that drops a request is asked again. */
async function outbox(): Promise<OutboxItem[]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const res = await fetch(`${product.stack.url}/api/v1/t/${T}/dev/outbox?limit=50`);
      if (res.ok) return ((await res.json()) as { items: OutboxItem[] }).items;
      if (attempt >= 5) throw new Error(`dev outbox: HTTP ${res.status}`);
    } catch (err) {
      if (attempt >= 5) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The one-time code the SMS would carry, from the development outbox. */
async function oneTimeCode(phone: string, seen: Set<string>): Promise<string> {
  for (let i = 0; i < 40; i += 1) {
    const items = await outbox();
    const message = items.find((m) => m.recipient === phone && !seen.has(m.id));
    const code = message && /(\d{6})/.exec(message.body)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no one-time code for ${phone} in the outbox`);
}

async function outboxIds(): Promise<Set<string>> {
  return new Set((await outbox()).map((m) => m.id));
}

describe("reception day in Chromium", () => {
  it("schedules, books, queues live on the board and the phone, and registers the visit", async () => {
    const date = tomorrowCst();
    // The demo county already has 王建国's Tuesday and Thursday sessions: this one has its own room.
    const venue = "县信访局二楼第三接待室";

    // 1. The clerk schedules a session for tomorrow with 王建国 and publishes it.
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    await clerk.getByRole("link", { name: "接访日", exact: true }).click();
    await until(() => clerk.locator("h1").textContent()).toBe("接访日");
    // The clerk works at the county office: the live monitor is in the menu too.
    expect(await clerk.getByRole("link", { name: "实时监控" }).count()).toBe(1);
    await clerk.getByRole("button", { name: "安排接访" }).click();
    const leader = clerk.locator("#session-leader option", { hasText: "王建国" });
    await until(() => leader.count()).toBe(1);
    await clerk.selectOption("#session-leader", (await leader.getAttribute("value")) ?? "");
    await clerk.getByLabel("日期", { exact: true }).fill(date);
    await clerk.getByLabel("开始时间").fill("09:00");
    await clerk.getByLabel("结束时间").fill("11:00");
    await clerk.getByLabel("每个时段（分钟）").fill("30");
    await clerk.getByLabel("每个时段可约人数").fill("2");
    await clerk.getByLabel("接访地点").fill(venue);
    await clerk.getByLabel("分管工作（选填）").fill("分管信访、应急管理");
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-schedule-form.png`, fullPage: true });
    await clerk.getByRole("button", { name: "保存为草稿" }).click();
    const row = clerk.getByTestId("schedule-session").filter({ hasText: venue });
    await until(() => row.getAttribute("data-status")).toBe("draft");
    await clerk.getByRole("button", { name: "公示本期间的接访安排" }).click();
    // Publishing first shows what goes public, and asks.
    const summary = clerk.getByTestId("publish-summary");
    await until(() => summary.textContent()).toContain(venue);
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-publish-confirm.png`, fullPage: true });
    await summary.getByRole("button", { name: "确认公示" }).click();
    await until(() => row.getAttribute("data-status")).toBe("published");
    await until(() => clerk.getByRole("status").first().textContent()).toMatch(/已公示 \d+ 场/);
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-schedule.png`, fullPage: true });
    const deskHref = (await row.getByRole("link", { name: /接访台/ }).getAttribute("href")) ?? "";
    const sessionId = decodeURIComponent(deskHref.split("/").pop() ?? "");
    expect(sessionId).not.toBe("");

    // 2. A citizen books 09:30 on a phone with a one-time code.
    const citizen = await product.browser.newPage(PHONE);
    await open(citizen, `/t/${T}/reception`, `/t/${T}/petition?view=reception`);
    await until(() => citizen.locator("h1").textContent()).toBe("领导接访安排");
    const card = citizen.getByTestId("session").filter({ hasText: venue });
    await until(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain("分管信访、应急管理");
    expect(await citizen.getByRole("link", { name: /订阅日历/ }).getAttribute("href")).toContain(
      "calendar.ics",
    );
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({
      path: `${ARTIFACTS}/reception-citizen-schedule.png`,
      fullPage: true,
    });
    await card.getByRole("button", { name: /预约/ }).click();
    const slot = citizen.locator('button[data-slot="09:30"]');
    await until(() => slot.textContent()).toContain("剩余 2 个");
    await slot.click();
    await until(() => citizen.locator("h1").textContent()).toBe("填写预约信息");
    await citizen.getByLabel("姓名", { exact: true }).fill("向红梅");
    const phone = "13912345678";
    await citizen.getByLabel("手机号码").fill(phone);
    const seen = await outboxIds();
    await citizen.getByRole("button", { name: "获取验证码" }).click();
    await until(() => citizen.getByRole("button", { name: /重新获取（\d+ 秒）/ }).count()).toBe(1);
    await citizen.getByLabel("验证码").fill(await oneTimeCode(phone, seen));
    // The ID number is checked inline: a short one is flagged once the field is left.
    await citizen.getByLabel("身份证号码（选填）").fill("43122419");
    await citizen.getByLabel("身份证号码（选填）").press("Tab");
    await until(() => citizen.locator("main").textContent()).toContain("还差 10 位");
    await citizen.getByLabel("身份证号码（选填）").fill("");
    await citizen
      .getByLabel("反映的问题", { exact: true })
      .fill("在县城建筑工地务工，包工头拖欠工资一万二千元至今未付。");
    await citizen.getByLabel("信访目的（选填）").selectOption("request");
    await citizen.getByLabel("问题类别（选填）").selectOption("06");
    await citizen.getByLabel("来访人数").selectOption("2");
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/reception-booking-form.png`, fullPage: true });
    await citizen.getByRole("button", { name: "提交预约" }).click();

    const codeBox = citizen.getByTestId("booking-code");
    await until(() => codeBox.count()).toBe(1);
    const bookingCode = (await codeBox.getAttribute("data-code")) ?? "";
    expect(bookingCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
    const qr = citizen.getByTestId("booking-qr");
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    await until(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(
      0,
    );
    expect(await citizen.getByTestId("booking-when").textContent()).toContain("09:30");
    expect(await citizen.locator("main").textContent()).toContain("请携带本人身份证");
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/reception-booked-phone.png`, fullPage: true });

    // 3. The display board in the waiting room: live, numbers only.
    const board = await product.browser.newPage(TV);
    await open(
      board,
      `/t/${T}/reception/board/${encodeURIComponent(sessionId)}`,
      `/board?t=${T}&session=${encodeURIComponent(sessionId)}`,
    );
    await until(async () =>
      (await board.getByTestId("board").count()) === 1
        ? "board"
        : `${board.url()} ${await board.locator("body").textContent()}`,
    ).toBe("board");
    await until(() => board.locator(".board__live").textContent()).toBe("实时更新中");
    expect(await board.getByTestId("board-waiting").textContent()).toContain("等候 0 人");

    // 4. On the day the clerk checks the citizen in at the desk; the board updates live.
    await clerk.goto(`${product.stack.url}${deskHref}`);
    await until(() => clerk.locator("h1").textContent()).toContain("接访台");
    await until(() => clerk.getByRole("status").filter({ hasText: "实时更新中" }).count()).toBe(1);
    // The leader prepares with what the booking is about: purpose, class and summary.
    const prepared = clerk.getByTestId("prepared-booking").filter({ hasText: bookingCode });
    await until(() => prepared.textContent()).toContain("求决 · 劳动社保");
    expect(await prepared.textContent()).toContain("包工头拖欠工资");
    await clerk.getByLabel("预约码").fill(bookingCode);
    await clerk.getByRole("button", { name: "签到", exact: true }).click();
    const checkedIn = clerk.getByTestId("checked-in");
    await until(() => checkedIn.count()).toBe(1);
    const ticket = Number(await checkedIn.getAttribute("data-number"));
    expect(ticket).toBeGreaterThan(0);
    // The queue keeps names masked (personal data at rest); the desk reads the booking for more.
    await until(() => clerk.getByTestId("desk-waiting").textContent()).toContain("向**");
    await until(() => board.getByTestId("board-waiting").textContent()).toContain("等候 1 人");
    await until(() => board.getByTestId("board-next").textContent()).toContain(String(ticket));
    expect(await board.locator("main").textContent()).not.toContain("向红梅");

    // The citizen follows the queue on the phone with the ticket number.
    await open(
      citizen,
      `/t/${T}/reception/booking?code=${bookingCode}`,
      `/t/${T}/petition?view=booking&code=${bookingCode}`,
    );
    const lookup = citizen.getByLabel("手机号后四位");
    await until(() => lookup.count()).toBe(1);
    await lookup.fill("5678");
    await citizen.getByRole("button", { name: "查询", exact: true }).click();
    await until(() => citizen.getByTestId("booking-status").textContent()).toBe("已签到");
    await until(() => citizen.getByTestId("live-queue").count()).toBe(1);
    // The booking reports the ticket number given at check-in: the phone follows it unasked.
    expect(await citizen.getByLabel("我的排队号").count()).toBe(0);
    await until(() => citizen.getByTestId("queue-position").textContent()).toContain(
      "前面还有 0 人",
    );
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/reception-queue-phone.png`, fullPage: true });

    // 5. 叫号: the board and the phone show it without a reload.
    await clerk.getByRole("button", { name: "叫号（下一位）" }).click();
    await until(() => clerk.getByTestId("desk-now").textContent()).toContain(`${ticket} 号`);
    await until(() => board.getByTestId("board-now").getAttribute("data-number")).toBe(
      String(ticket),
    );
    await until(() => citizen.getByTestId("your-turn").textContent()).toContain("请到接待室");
    await board.screenshot({ path: `${ARTIFACTS}/reception-board.png` });
    await citizen.screenshot({
      path: `${ARTIFACTS}/reception-your-turn-phone.png`,
      fullPage: true,
    });
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-desk.png`, fullPage: true });

    // 6. 办结: the visit becomes a petition owned by the leader.
    await clerk.getByRole("button", { name: "办结", exact: true }).click();
    // The name stays as booked (sealed); the desk sees it masked and may correct it.
    const nameField = clerk.getByLabel(/^姓名/);
    expect(await nameField.inputValue()).toBe("");
    expect(await clerk.locator("label[for=complete-name]").textContent()).toContain("向**");
    expect(await clerk.getByLabel("诉求与理由").inputValue()).toContain("拖欠工资");
    await clerk.getByLabel("求决", { exact: true }).check();
    const category = clerk.getByRole("combobox", { name: "内容分类" });
    await category.fill("工资");
    await until(() => clerk.getByRole("option").count()).toBeGreaterThan(0);
    await category.press("Enter");
    await until(() => category.inputValue()).toContain("工资");
    await clerk
      .getByLabel("事实真相")
      .fill("2026年在县城某建筑工地务工三个月，工程结束后包工头拖欠工资一万二千元。");
    // The day's record is read over HTTP when its count changes, not carried on every change.
    const doneReads: number[] = [];
    clerk.on("response", (response) => {
      if (new URL(response.url()).pathname.endsWith("/done")) doneReads.push(response.status());
    });
    await clerk.getByRole("button", { name: "办结并登记" }).click();
    const registered = clerk.getByTestId("desk-registered");
    await until(() => registered.count()).toBe(1);
    const record = clerk.getByTestId("desk-done");
    await until(() => record.textContent()).toContain("向**");
    expect(await record.textContent()).toContain(String(ticket));
    expect(await record.getByRole("link", { name: "查看" }).count()).toBe(1);
    await until(() => doneReads.length).toBeGreaterThan(0);
    expect(doneReads.every((status) => status === 200)).toBe(true);
    await until(() => board.getByTestId("board-now").textContent()).toBe("—");
    await until(() => board.getByTestId("board-waiting").textContent()).toContain("已接待 1 人");
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-desk-done.png`, fullPage: true });
    // The citizen's phone now shows the case registered for them, with its tracking code.
    const trackingCode = await registered.locator("[data-code]").getAttribute("data-code");
    await until(() => citizen.getByTestId("registered-code").textContent(), 15_000).toBe(
      trackingCode,
    );
    expect(
      await citizen.getByRole("link", { name: "查询办理进度" }).last().getAttribute("href"),
    ).toContain(`code=${trackingCode}`);
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({
      path: `${ARTIFACTS}/reception-registered-phone.png`,
      fullPage: true,
    });
    await registered.getByRole("link", { name: "打开该信访事项" }).click();
    await until(() => clerk.locator("main").textContent()).toContain("领导接访");
    expect(await clerk.locator("main").textContent()).toContain("向红梅");
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-petition.png`, fullPage: true });

    // 7. The county office's live monitor lists the session.
    await clerk.getByRole("link", { name: "实时监控" }).click();
    await until(() => clerk.locator("h1").textContent()).toBe("实时监控");
    await until(() => clerk.locator(".desk-live").textContent()).toContain("实时更新中");
    await until(() => clerk.getByText("正在加载今日接访").count()).toBe(0);
    await clerk.screenshot({ path: `${ARTIFACTS}/reception-monitor.png`, fullPage: true });

    await Promise.all([clerk.close(), citizen.close(), board.close()]);
  }, 180_000);
});
