import type { Page } from "playwright-core";
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

/** The petitioner of the late case; the intake test registers the same person again. */
const LATE_PHONE = "13974508888";

/** A same-origin API call from a signed-in page, riding on its session cookie. */
async function api<R>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: R }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path: `/api/v1/t/${T}${path}`, body },
  );
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** Registers, as the signed-in clerk, a case received long ago: its deadlines have passed. */
async function registerLateCase(clerk: Page, phone: string, name: string) {
  const created = await api<{ id: string; trackingCode: string }>(clerk, "POST", "/petitions", {
    channel: "visit",
    purpose: "request",
    categoryCode: "06.02",
    receivedAt: daysAgo(40),
    petitioner: { name, phone },
    facts: "在县城某工地务工，包工头拖欠工资八千元至今未付。",
    demands: "请求督促支付拖欠工资。",
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** "ABCDEFGHJK" as pages show it: "ABCD-EFGH-JK". */
const grouped = (code: string) => (code.match(/.{1,4}/g) ?? []).join("-");

describe("notifications and supervision in Chromium", () => {
  let late: { id: string; trackingCode: string };

  it("tells the supervisor about an overdue case and records a 督办", async () => {
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    late = await registerLateCase(clerk, LATE_PHONE, "舒国平");

    const supervisor = await product.browser.newPage(DESKTOP);
    await signIn(product, supervisor, "supervisor");
    const scan = await api<{ breaches: number }>(supervisor, "POST", "/deadline-scan");
    expect(scan.status).toBe(200);
    expect(scan.body.breaches).toBeGreaterThanOrEqual(1);

    // The header shows the unread count, visibly and to screen readers; a page change
    // (or the 20-second poll) picks up what the scan sent.
    await supervisor.getByRole("link", { name: "督办", exact: true }).click();
    const inboxLink = supervisor.getByRole("link", { name: /未读消息 [1-9]\d* 条/ });
    await until(() => inboxLink.count()).toBe(1);
    expect(Number(await supervisor.getByTestId("inbox-link").getAttribute("data-unread"))).toBe(
      Number(await supervisor.locator(".inbox-link__count").textContent()),
    );
    await supervisor.screenshot({ path: `${ARTIFACTS}/notify-header-unread.png` });

    // 消息: the overdue notice, unread, opens the case and is then read.
    await inboxLink.click();
    await until(() => supervisor.locator("h1").textContent()).toBe("消息");
    const notice = supervisor
      .locator(".inbox__item--unread[data-event='deadline.overdue']")
      .filter({ hasText: late.trackingCode })
      .first();
    await until(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain("未读");
    await supervisor.screenshot({ path: `${ARTIFACTS}/notify-inbox.png`, fullPage: true });
    const unreadBefore = Number(
      await supervisor.getByTestId("inbox-link").getAttribute("data-unread"),
    );
    await notice.getByRole("link").click();
    await until(() => new URL(supervisor.url()).pathname).toBe(
      `/t/${T}/console/petitions/${late.id}`,
    );
    await until(() => supervisor.locator("h1").textContent()).toContain(grouped(late.trackingCode));
    await until(async () =>
      Number(await supervisor.getByTestId("inbox-link").getAttribute("data-unread")),
    ).toBe(unreadBefore - 1);
    // The case lists the deadlines it missed.
    const breaches = supervisor.getByTestId("breaches");
    await until(() => breaches.count()).toBe(1);
    expect(await breaches.textContent()).toContain("受理期限");
    await supervisor.screenshot({ path: `${ARTIFACTS}/notify-case-breaches.png`, fullPage: true });

    // 督办: the open supervision, grouped under its unit, with the case's tracking code.
    await supervisor.getByRole("link", { name: "督办", exact: true }).click();
    await until(() => supervisor.locator("h1").textContent()).toBe("督办");
    const cards = supervisor.locator(`[data-testid=supervision][data-petition='${late.id}']`);
    await until(() => cards.count()).toBeGreaterThanOrEqual(1);
    const card = cards.first();
    await until(() => card.getAttribute("data-code")).toBe(late.trackingCode);
    expect(await card.textContent()).toContain("超期");
    expect(await card.getByTestId("supervision-form").textContent()).toBe("尚未记录");
    await card.getByLabel("督办形式").selectOption({ label: "电话督办" });
    await card
      .getByLabel("督办说明（选填）")
      .fill("已电话联系承办单位，要求三日内受理并告知信访人。");
    await card.getByRole("button", { name: "记录督办" }).click();
    await until(() => card.getByTestId("supervision-form").textContent()).toBe("电话督办");
    await until(() => card.getByTestId("supervision-history").textContent()).toContain(
      "要求三日内受理",
    );
    expect(await card.getByRole("status").first().textContent()).toContain("已记录电话督办");
    await supervisor.screenshot({ path: `${ARTIFACTS}/notify-supervision.png`, fullPage: true });

    // 立即扫描 reports what it did; nothing new is overdue a second time.
    await supervisor.getByRole("button", { name: "立即扫描" }).click();
    await until(() => supervisor.getByText(/扫描完成/).count()).toBe(1);

    await Promise.all([clerk.close(), supervisor.close()]);
  });

  it("lets the administrator configure a webhook and read the delivery log", async () => {
    const admin = await product.browser.newPage(DESKTOP);
    await signIn(product, admin, "admin");
    await admin.getByRole("link", { name: "通知设置" }).click();
    await until(() => admin.locator("h1").textContent()).toBe("通知设置");
    const webhook = admin.locator("[data-channel=webhook]");
    await until(() => webhook.count()).toBe(1);
    expect(await webhook.getByTestId("channel-state").textContent()).toBe("未配置");

    // A new channel without its secret is refused on the page, before any request.
    await webhook.getByLabel("接收地址").fill("http://127.0.0.1:9/lianxin-hook");
    await webhook.getByRole("button", { name: /启用/ }).click();
    await until(() => webhook.locator(".field-error").textContent()).toContain("密钥");
    await webhook.getByLabel("签名密钥").fill("a-webhook-secret-of-32-characters");
    await webhook.getByRole("button", { name: /启用/ }).click();
    await until(() => webhook.getByTestId("channel-state").textContent()).toContain("已配置");
    // The secret is never shown again: only its last characters, as a hint.
    expect(await webhook.getByLabel("签名密钥").inputValue()).toBe("");
    await until(() => webhook.textContent()).toContain("当前：••••");
    await admin.screenshot({ path: `${ARTIFACTS}/notify-settings.png`, fullPage: true });

    // Web Push gets its keys generated; staff then see the opt-in on their 消息 page. A browser
    // that blocks notifications (the npm build of Chromium always reads "denied") gets the way
    // to allow them instead of a button that could not work.
    const push = admin.locator("[data-channel=webPush]");
    await push.getByLabel("联系方式").fill("mailto:xfj@example.gov.cn");
    await push.getByRole("button", { name: /启用/ }).click();
    await until(() => push.getByTestId("channel-state").textContent()).toContain("已配置");
    await until(() => push.textContent()).toContain("公钥：");
    await admin.getByTestId("inbox-link").click();
    const optIn = admin.getByRole("region", { name: "浏览器推送" });
    await until(() => optIn.count()).toBe(1);
    const permission = await admin.evaluate(() => Notification.permission);
    const button = optIn.getByRole("button", { name: "开启浏览器推送" });
    const blocked = optIn.getByText("浏览器已禁止本站发送通知");
    if (permission === "denied") {
      await until(() => blocked.count()).toBe(1);
      expect(await button.count()).toBe(0);
    } else {
      await until(() => button.count()).toBe(1);
      expect(await blocked.count()).toBe(0);
    }
    await checkA11y(admin);
    await admin.goBack();

    // A second overdue case after the webhook exists goes out through it.
    const clerk = await product.browser.newPage(DESKTOP);
    await signIn(product, clerk, "clerk");
    await registerLateCase(clerk, "13974507777", "向金凤");
    await clerk.close();
    await admin.getByRole("link", { name: "督办", exact: true }).click();
    await admin.getByRole("button", { name: "立即扫描" }).click();
    await until(() => admin.getByText(/扫描完成/).count()).toBe(1);

    await admin.getByRole("link", { name: "发送记录" }).click();
    await until(() => admin.locator("h1").textContent()).toBe("发送记录");
    await admin.getByLabel("渠道").selectOption({ label: "对接系统" });
    const rows = admin.locator("[data-testid=deliveries] tbody tr[data-channel=webhook]");
    await until(async () => {
      await admin.getByRole("button", { name: "刷新", exact: true }).click();
      return rows.count();
    }).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toMatch(/排队中|发送中|已发送|失败待重试|已放弃/);
    expect(await admin.getByRole("heading", { name: "开发环境发件箱" }).count()).toBe(1);
    await admin.screenshot({ path: `${ARTIFACTS}/notify-deliveries.png`, fullPage: true });

    // The service worker for Web Push is served from the site root.
    const sw = await admin.evaluate(async () => {
      const res = await fetch("/sw.js");
      return { status: res.status, type: res.headers.get("content-type") ?? "" };
    });
    expect(sw.status).toBe(200);
    expect(sw.type).toContain("javascript");
    await admin.close();
  });

  it("warns of a repeat petition on the intake form before saving, without blocking it", async () => {
    const page = await product.browser.newPage(DESKTOP);
    await signIn(product, page, "clerk");
    await page.getByRole("link", { name: "登记信访" }).click();
    await until(() => page.locator("#intake-category").count()).toBe(1);
    await page.locator("#intake-purpose-request").check();
    const category = page.locator("#intake-category");
    await category.fill("工资福利");
    await until(() => page.getByRole("option").count()).toBeGreaterThan(0);
    await category.press("Enter");
    await until(() => category.inputValue()).toContain("工资福利");
    await page.getByLabel("姓名", { exact: true }).fill("舒国平");
    await page.getByLabel("手机号码（选填）").fill(LATE_PHONE);

    const check = page.getByTestId("intake-check");
    expect(await check.getAttribute("role")).toBe("status");
    await until(() => check.textContent()).toContain("重复信访");
    expect(await check.textContent()).toContain("不影响登记");
    expect(await check.getByRole("link", { name: grouped(late.trackingCode) }).count()).toBe(1);
    expect(await page.getByTestId("tracking-code").count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/notify-intake-repeat.png`, fullPage: true });

    // Registering goes ahead; the case carries the repeat flag.
    await page.getByLabel("事实真相").fill("包工头拖欠工资八千元，上次反映后仍未支付。");
    await page.getByLabel("诉求与理由").fill("请求督促支付拖欠工资。");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await until(() => page.getByTestId("tracking-code").count()).toBe(1);
    expect(await page.getByTestId("flag-repeat").count()).toBe(1);
    await page.close();
  });

  it("fits the inbox, the supervision board and the settings on a 360-px phone", async () => {
    const page = await product.browser.newPage(PHONE);
    await signIn(product, page, "supervisor");
    await page.goto(`${product.stack.url}/t/${T}/console/inbox`);
    await until(() => page.locator(".inbox__item").count()).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/notify-inbox-phone.png`, fullPage: true });
    // 全部标为已读 clears the count in the header.
    await page.getByRole("button", { name: "全部标为已读" }).click();
    await until(() => page.getByTestId("inbox-link").getAttribute("data-unread")).toBe("0");
    expect(await page.locator(".inbox__item--unread").count()).toBe(0);

    await page.goto(`${product.stack.url}/t/${T}/console/supervision`);
    await until(() => page.getByTestId("supervision").count()).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/notify-supervision-phone.png`, fullPage: true });
    await page.close();

    const admin = await product.browser.newPage(PHONE);
    await signIn(product, admin, "admin");
    await admin.goto(`${product.stack.url}/t/${T}/console/notifications`);
    await until(() => admin.locator("[data-channel]").count()).toBe(6);
    expect(await overflowsHorizontally(admin)).toBe(false);
    await admin.goto(`${product.stack.url}/t/${T}/console/deliveries`);
    await until(() => admin.locator("[data-testid=deliveries] tbody tr").count()).toBeGreaterThan(
      0,
    );
    expect(await overflowsHorizontally(admin)).toBe(false);
    await admin.screenshot({ path: `${ARTIFACTS}/notify-deliveries-phone.png`, fullPage: true });
    await admin.close();
  });
});
