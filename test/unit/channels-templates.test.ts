import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEMPLATES,
  type NotifyEvent,
  placeholdersOf,
  SMS_EVENTS,
  templateProblems,
} from "../../schema/reference/notify-events.ts";
import {
  MissingTemplateParamsError,
  renderTemplate,
  type TemplateParams,
} from "../../workers/domain/notify/render.ts";

/** Realistic values, on the long side, for every placeholder an event supplies. */
const TYPICAL: Record<NotifyEvent, TemplateParams> = {
  "deadline.near": {
    trackingCode: "XF2026-000123",
    category: "土地征收",
    deadline: "办理期限",
    due: "11月25日",
    percent: 80,
  },
  "deadline.dueToday": { trackingCode: "XF2026-000123", deadline: "受理期限", due: "11月25日" },
  "deadline.overdue": { trackingCode: "XF2026-000123", deadline: "办理期限", due: "11月25日" },
  "supervision.opened": { unit: "县自然资源局", trackingCode: "XF2026-000123", form: "书面督办" },
  "digest.daily": { unit: "县自然资源局", near: 3, dueToday: 1, overdue: 0 },
  "evaluation.expired": { trackingCode: "XF2026-000123" },
  "booking.code": { code: "482913", minutes: 5 },
  "reception.booked": {
    date: "11月28日",
    time: "09:00",
    leader: "王副县长",
    venue: "县信访局一楼接待室",
    bookingCode: "A7K3Q9HM",
  },
  "reception.registered": { trackingCode: "XF2026-000123" },
  "reception.reminder": {
    date: "11月28日",
    time: "上午9:00",
    leader: "王副县长",
    venue: "县信访局一楼接待室",
    bookingCode: "A7K3Q9",
  },
  "reception.invited": {
    leader: "王副县长",
    date: "11月28日",
    time: "09:00",
    venue: "县信访局一楼接待室",
    link: "https://lianxin.example.gov.cn/t/431224/reception/appointment#Q2hhbmdlTWVQbGVhc2Uh",
  },
  "reception.answered": {
    trackingCode: "XF2026-000123",
    date: "11月28日",
    time: "09:00",
    answer: "申请另约时间",
  },
  "session.changed": { date: "11月28日", leader: "王副县长", change: "改为下午2:30" },
  "case.routed": {
    action: "交办",
    from: "县信访局",
    unit: "县自然资源局",
    trackingCode: "XF2026-000123",
    category: "土地征收",
  },
  "case.ownerAssigned": { trackingCode: "XF2026-000123", category: "土地征收" },
  "case.handlerDesignated": { trackingCode: "XF2026-000123", category: "土地征收" },
  "case.objected": {
    unit: "县自然资源局",
    trackingCode: "XF2026-000123",
    reason: "不属本单位职责",
  },
  "case.replied": { unit: "县自然资源局", trackingCode: "XF2026-000123", category: "土地征收" },
  "case.extensionRequested": {
    trackingCode: "XF2026-000123",
    category: "土地征收",
    days: 15,
    reason: "需实地核查",
  },
  "case.sentBack": { trackingCode: "XF2026-000123", reason: "事实未查清", due: "12月20日" },
  "case.reviewRequested": { trackingCode: "XF2026-000123", category: "土地征收", kind: "复查" },
  "case.groupVisit": {
    unit: "县信访局",
    headcount: 12,
    trackingCode: "XF2026-000123",
    category: "土地征收",
  },
  "calendar.missing": { year: 2027 },
  "petitioner.notice": { trackingCode: "XF2026-000123", message: "已交办县自然资源局办理。" },
};

const kinds = Object.keys(DEFAULT_TEMPLATES) as NotifyEvent[];

describe("message templates", () => {
  it("render every default with its documented wording", () => {
    const rendered = Object.fromEntries(
      kinds.map((kind) => [kind, renderTemplate(DEFAULT_TEMPLATES[kind], TYPICAL[kind]).body]),
    );
    expect(rendered).toEqual({
      "deadline.near": "案件 XF2026-000123（土地征收）的办理期限将于 11月25日 到期，已用时 80%。",
      "deadline.dueToday": "案件 XF2026-000123 的受理期限今日（11月25日）到期。",
      "deadline.overdue": "案件 XF2026-000123 的办理期限已于 11月25日 超期，已转县信访局督办。",
      "supervision.opened": "县信访局对 县自然资源局 承办的案件 XF2026-000123 启动书面督办。",
      "digest.daily": "县自然资源局 今日待办：临近到期 3 件，今日到期 1 件，已超期 0 件。",
      "evaluation.expired": "案件 XF2026-000123 的满意度评价期限已届满。",
      "booking.code": "【连心桥】您的验证码是 482913，5 分钟内有效。请勿告诉他人。",
      "reception.reminder":
        "【连心桥】您预约了 11月28日 上午9:00 王副县长 的接访，地点 县信访局一楼接待室，预约码 A7K3Q9。",
      "reception.booked":
        "【连心桥】已预约 11月28日 09:00 王副县长 接访，地点 县信访局一楼接待室，预约码 A7K3Q9HM。",
      "reception.registered":
        "【连心桥】您反映的问题已登记，查询码 XF2026-000123。凭查询码和手机号后四位可在网上查询办理进度。",
      "reception.invited":
        "【连心桥】王副县长约您 11月28日 09:00 到县信访局一楼接待室面谈，请打开链接确认或另约时间：https://lianxin.example.gov.cn/t/431224/reception/appointment#Q2hhbmdlTWVQbGVhc2Uh",
      "reception.answered": "案件 XF2026-000123 的信访人对 11月28日 09:00 的约访申请另约时间。",
      "session.changed": "【连心桥】您预约的 11月28日 王副县长 接访有变动：改为下午2:30。",
      "case.routed": "县信访局向县自然资源局交办案件 XF2026-000123（土地征收），请及时办理。",
      "case.ownerAssigned": "您已被确定为案件 XF2026-000123（土地征收）的包案领导。",
      "case.handlerDesignated": "您已被指定为案件 XF2026-000123（土地征收）的承办人。",
      "case.objected": "县自然资源局对案件 XF2026-000123 提出异议：不属本单位职责。请作出决定。",
      "case.replied":
        "县自然资源局已就案件 XF2026-000123（土地征收）出具处理意见书，请审核办结情况。",
      "case.extensionRequested":
        "案件 XF2026-000123（土地征收）申请延期 15 日，理由：需实地核查。请审批。",
      "case.sentBack":
        "案件 XF2026-000123 的办结报告未通过审核，发回重办：事实未查清。请于 12月20日 前重新办结。",
      "case.reviewRequested":
        "信访人对案件 XF2026-000123（土地征收）的处理意见不服，申请复查。请及时办理。",
      "case.groupVisit":
        "县信访局登记集体访 12 人，案件 XF2026-000123（土地征收），请及时研判处置。",
      "calendar.missing":
        "2027 年的节假日安排尚未录入，跨年案件的期限暂按周末计算。请在“节假日”页面录入。",
      "petitioner.notice": "【连心桥】您的信访事项（查询码 XF2026-000123）已交办县自然资源局办理。",
    });
  });

  it("declare exactly the placeholders each default uses, with short titles", () => {
    for (const kind of kinds) {
      const template = DEFAULT_TEMPLATES[kind];
      const used = [...placeholdersOf(template.title), ...placeholdersOf(template.body)];
      expect([...used].sort(), kind).toEqual([...template.params].sort());
      expect(templateProblems(template, template.params), kind).toEqual([]);
      expect(template.title.length, kind).toBeLessThanOrEqual(8);
    }
  });

  it("keep citizen SMS within one 70-character message", () => {
    // A notice the petitioner is owed carries its reason and dates (§23, §34) and may run
    // to a long message, and an invitation carries its link; the rest stay within one.
    const long: NotifyEvent[] = ["petitioner.notice", "reception.invited"];
    for (const kind of SMS_EVENTS.filter((k) => !long.includes(k))) {
      const { body } = renderTemplate(DEFAULT_TEMPLATES[kind], TYPICAL[kind]);
      expect(body.startsWith("【连心桥】"), kind).toBe(true);
      expect(body.length, `${kind}: ${body}`).toBeLessThanOrEqual(70);
    }
  });

  it("throw on a placeholder with no value instead of sending it literally", () => {
    const template = DEFAULT_TEMPLATES["booking.code"];
    expect(() => renderTemplate(template, { code: "482913" })).toThrow(MissingTemplateParamsError);
    try {
      renderTemplate({ title: "{a}", body: "{b}{a}" }, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MissingTemplateParamsError);
      expect(error instanceof MissingTemplateParamsError ? error.missing : []).toEqual(["a", "b"]);
    }
  });

  it("fill every occurrence, ignore extra params and leave non-placeholder text alone", () => {
    expect(
      renderTemplate(
        { title: "{n} 件", body: "{n}/{n}，JSON 示例 { x } 与 {1}" },
        { n: 0, unused: "x" },
      ),
    ).toEqual({ title: "0 件", body: "0/0，JSON 示例 { x } 与 {1}" });
    // A value that looks like a placeholder is not expanded again.
    expect(renderTemplate({ title: "t", body: "{a}" }, { a: "{b}", b: "no" }).body).toBe("{b}");
  });

  it("report problems with a tenant override", () => {
    const allowed = DEFAULT_TEMPLATES["deadline.near"].params;
    expect(
      templateProblems(
        { title: "", body: "案件 {trackingCode} 的{deadlin}将于 {due 到期" },
        allowed,
      ),
    ).toEqual(["标题不能为空", "正文中的 {deadlin} 不是可用的占位符", "正文中有不成对的花括号"]);
    expect(templateProblems({ title: "超".repeat(31), body: "正文" }, allowed)).toEqual([
      "标题不能超过 30 个字",
    ]);
    expect(templateProblems({ title: "{percent}%", body: "{trackingCode}" }, allowed)).toEqual([]);
  });
});
