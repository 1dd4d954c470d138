import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  overflowsHorizontally,
  PHONE,
  signIn,
  T,
  until,
  useProduct,
} from "./harness.ts";

const product = useProduct();

/** A staff call from inside a signed-in page: same origin, the session cookie. */
async function staffCall<R>(page: Page, method: string, path: string, body?: unknown): Promise<R> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return res.json();
    },
    { method, path, body },
  ) as Promise<R>;
}

const inDays = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The invitation's link from the development outbox, as the SMS would carry it. */
async function invitationLink(phone: string): Promise<string> {
  for (let i = 0; i < 40; i += 1) {
    const res = await fetch(`${product.stack.url}/api/v1/t/${T}/dev/outbox?limit=50`);
    if (res.ok) {
      const { items } = (await res.json()) as { items: { recipient: string; body: string }[] };
      const link = items
        .filter((m) => m.recipient === phone)
        .map((m) => /(https?:\/\/\S+\/reception\/appointment#[A-Za-z0-9_-]+)/.exec(m.body)?.[1])
        .find(Boolean);
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no invitation for ${phone}`);
}

describe("约访 in Chromium", () => {
  it("invites from the desk on a phone; the petitioner answers on a 360-px phone", async () => {
    // The invitation is read from the outbox at once, whatever the hour.
    const admin = await product.browser.newPage(PHONE);
    await signIn(product, admin, "admin");
    await staffCall(admin, "PUT", `/t/${T}/settings/notifications`, { quietHours: null });
    await admin.close();

    const clerk = await product.browser.newPage(PHONE);
    await signIn(product, clerk, "clerk");
    const petitionerPhone = "13907459999";
    const created = await staffCall<{ trackingCode: string }>(clerk, "POST", `/t/${T}/petitions`, {
      channel: "visit",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      petitioner: { name: "舒小兰", phone: petitionerPhone },
      facts: "承包地被占用未获补偿。",
      demands: "请求依法补偿。",
    });
    expect(created.trackingCode).toBeTruthy();
    const { sessions } = await staffCall<{ sessions: { leaderId: string }[] }>(
      clerk,
      "GET",
      `/t/${T}/reception/sessions`,
    );
    const date = inDays(4);
    const made = await staffCall<{ sessions: { id: string }[] }>(
      clerk,
      "POST",
      `/t/${T}/reception/sessions`,
      {
        leaderId: sessions[0]?.leaderId,
        date,
        startTime: "09:00",
        endTime: "11:00",
        venue: "县信访局二楼约访室",
        form: "appointment",
        slotMinutes: 30,
        capacityPerSlot: 1,
      },
    );
    const sessionId = made.sessions?.[0]?.id ?? "";
    expect(sessionId, JSON.stringify(made)).toBeTruthy();
    await staffCall(clerk, "POST", `/t/${T}/reception/sessions/publish`, { from: date, to: date });

    // The desk, on the phone: invite by 查询码 and a slot.
    await clerk.goto(`${product.stack.url}/t/${T}/console/reception/${sessionId}`);
    const card = clerk.getByTestId("session-bookings");
    await card.getByText("本场暂无预约").waitFor();
    await card.getByLabel("案件查询码").fill(created.trackingCode);
    await card.getByLabel("时段").selectOption("09:30");
    await card.getByRole("button", { name: "发送约访" }).click();
    await until(() => clerk.getByTestId("invite-done").textContent()).toContain("已约 09:30");
    await until(() => card.getByTestId("prepared-booking").count()).toBe(1);
    expect(await card.getByTestId("appointment-answer").textContent()).toBe("约访待确认");
    expect(await overflowsHorizontally(clerk)).toBe(false);
    await clerk.screenshot({ path: `${ARTIFACTS}/appointment-invite-phone.png`, fullPage: true });

    // The petitioner opens the SMS link on a 360-px phone.
    const link = await invitationLink(petitionerPhone);
    const citizen = await product.browser.newPage(PHONE);
    await citizen.goto(link.replace(/^https?:\/\/[^/]+/, product.stack.url));
    const appointment = citizen.getByTestId("appointment");
    await appointment.waitFor();
    expect(await citizen.getByTestId("appointment-when").textContent()).toContain("09:30");
    expect(await appointment.textContent()).toContain("县信访局二楼约访室");
    const shown = (await citizen.locator("main").textContent()) ?? "";
    for (const secret of [created.trackingCode, "承包地", "补偿", "舒小兰"]) {
      expect(shown, secret).not.toContain(secret);
    }
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({ path: `${ARTIFACTS}/appointment-phone.png`, fullPage: true });

    // Another time, with a note; then confirmed after all.
    await citizen.getByRole("button", { name: "时间不方便，申请另约" }).click();
    await citizen.getByRole("button", { name: "提交申请" }).click();
    await until(() => citizen.getByText("请写明您方便的时间或原因").count()).toBe(1);
    await citizen.getByLabel("方便的时间或原因").fill("下周一上午都可以");
    await citizen.getByRole("button", { name: "提交申请" }).click();
    await until(() => citizen.getByTestId("appointment-status").textContent()).toBe(
      "已申请另约时间",
    );
    await citizen.getByRole("button", { name: "确认按时参加" }).click();
    await until(() => citizen.getByTestId("appointment-status").textContent()).toBe("已确认参加");
    expect(await overflowsHorizontally(citizen)).toBe(false);

    // The desk sees the answer.
    await clerk.reload();
    await until(() => clerk.getByTestId("appointment-answer").textContent()).toBe("约访已确认");

    // The office calls it off: the place is given back and the link says so.
    await card.getByRole("button", { name: "取消约访" }).click();
    await card.getByLabel("取消原因（选填，随短信告知信访人）").fill("领导临时公出");
    await card.getByRole("button", { name: "确认取消约访" }).click();
    await card.getByText("本场暂无预约").waitFor();
    await citizen.reload();
    await until(() => citizen.getByTestId("appointment-status").textContent()).toBe("约访已取消");
    expect(await citizen.getByTestId("appointment-cancelled").textContent()).toContain("无需前往");
    expect(await citizen.getByRole("button", { name: "确认按时参加" }).count()).toBe(0);
    expect(await overflowsHorizontally(citizen)).toBe(false);
    await citizen.screenshot({
      path: `${ARTIFACTS}/appointment-cancelled-phone.png`,
      fullPage: true,
    });

    // A forged or cut link: plain Chinese, no field names, no request id.
    const forged = await product.browser.newPage(PHONE);
    await forged.goto(`${product.stack.url}/t/${T}/reception/appointment#AAAAAAAAAAAAAAAAAAAAAA`);
    const alert = forged.getByRole("alert");
    await until(() => alert.textContent()).toContain("约访链接无效或已过期");
    const text = (await alert.textContent()) ?? "";
    expect(text).not.toMatch(/token|请求编号|[0-9a-f]{8}-[0-9a-f]{4}/);
    await forged.goto(`${product.stack.url}/t/${T}/reception/appointment`);
    await until(() => forged.getByRole("alert").textContent()).toContain("链接不完整");
    expect(await overflowsHorizontally(forged)).toBe(false);
  });

  it("runs a field session (下访) on the leader's phone: place, cases along, walk-ins called", async () => {
    const clerk = await product.browser.newPage(PHONE);
    await signIn(product, clerk, "clerk");
    const { units } = await staffCall<{ units: { id: string; kind: string; name: string }[] }>(
      clerk,
      "GET",
      `/t/${T}/units`,
    );
    const township = units.find((u) => u.kind === "township");
    expect(township).toBeTruthy();
    const along = await staffCall<{ trackingCode: string }>(clerk, "POST", `/t/${T}/petitions`, {
      channel: "visit",
      purpose: "request",
      categoryCode: "06.02",
      receivedAt: new Date().toISOString(),
      petitioner: { name: "向阳", phone: "13907458888" },
      facts: "村道损毁无人维修。",
      demands: "请求修复村道。",
    });
    const { sessions } = await staffCall<{ sessions: { leaderId: string }[] }>(
      clerk,
      "GET",
      `/t/${T}/reception/sessions`,
    );
    const date = inDays(0);
    const venue = "红旗村村委会一楼";
    const made = await staffCall<{ sessions: { id: string }[] }>(
      clerk,
      "POST",
      `/t/${T}/reception/sessions`,
      {
        leaderId: sessions[0]?.leaderId,
        date,
        startTime: "00:00",
        endTime: "23:30",
        venue,
        townshipId: township?.id,
        form: "field",
        slotMinutes: 30,
        capacityPerSlot: 1,
      },
    );
    const sessionId = made.sessions?.[0]?.id ?? "";
    expect(sessionId, JSON.stringify(made)).toBeTruthy();
    await staffCall(clerk, "POST", `/t/${T}/reception/sessions/publish`, { from: date, to: date });

    await clerk.goto(`${product.stack.url}/t/${T}/console/reception/${sessionId}`);
    const field = clerk.getByTestId("field-cases");
    await field.getByText("尚未添加带案下访的案件").waitFor();
    expect(await field.textContent()).toContain(`${township?.name} · ${venue}`);
    await field.getByLabel("带案下访：案件查询码").fill(along.trackingCode);
    await field.getByRole("button", { name: "添加带案" }).click();
    await until(() => field.getByTestId("field-case").count()).toBe(1);
    expect(await field.getByTestId("field-case").textContent()).toContain(along.trackingCode);

    // A walk-in at the village, checked in and called from the same phone.
    await clerk.getByRole("button", { name: "未预约群众现场签到" }).click();
    await clerk.getByLabel("姓名").fill("田大伯");
    await clerk.getByLabel("反映的问题（选填）").fill("村道损毁");
    await clerk.getByRole("button", { name: "现场签到" }).click();
    await until(() => clerk.getByTestId("checked-in").textContent()).toContain("号");
    await clerk.getByRole("button", { name: "叫号（下一位）" }).click();
    await until(() => clerk.getByTestId("desk-now").textContent()).toContain("号");
    expect(await overflowsHorizontally(clerk)).toBe(false);
    await clerk.screenshot({ path: `${ARTIFACTS}/field-session-phone.png`, fullPage: true });

    // The office moves the session to another township afterwards, from the schedule.
    const other = units.find((u) => u.kind === "township" && u.id !== township?.id);
    expect(other).toBeTruthy();
    await clerk.goto(`${product.stack.url}/t/${T}/console/reception`);
    const row = clerk.getByTestId("schedule-session").filter({ hasText: venue });
    await until(() => row.count()).toBe(1);
    await row.getByRole("button", { name: /^修改/ }).click();
    const select = row.getByLabel("下访乡镇");
    await until(() => select.inputValue()).toBe(township?.id ?? "");
    await select.selectOption(other?.id ?? "");
    await row.getByRole("button", { name: "保存修改" }).click();
    await until(() => row.getByRole("status").textContent()).toContain("已修改");
    const after = await staffCall<{ sessions: { id: string; townshipId: string | null }[] }>(
      clerk,
      "GET",
      `/t/${T}/reception/sessions?from=${date}&to=${date}`,
    );
    expect(after.sessions.find((s) => s.id === sessionId)?.townshipId).toBe(other?.id);
    expect(await overflowsHorizontally(clerk)).toBe(false);
  });
});
