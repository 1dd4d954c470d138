/**
 * The demo county seeded by `npm start`: 溆浦县 with its real townships (imported from
 * GB/T 2260 at onboarding), four county bureaus and a staff member for every role.
 */
export const DEMO_TENANT = { code: "431224", name: "溆浦县" };

export const DEMO_PASSWORD = "lianxin-demo-2026";

export const DEMO_CONTACT = {
  address: "湖南省怀化市溆浦县卢峰镇县政府大院 县信访局来访接待大厅",
  phone: "0745-3221234",
  receptionHours: "工作日 上午 8:30–12:00，下午 14:30–17:30",
  receptionPlace: "县信访局一楼来访接待大厅",
  onlinePetitionUrl: "https://www.gjxfj.gov.cn/",
  progressQuery: "凭查询码在本平台“查询办理进度”，或拨打咨询电话",
};

export const DEMO_BUREAUS = [
  "县人力资源和社会保障局",
  "县民政局",
  "县自然资源局",
  "县住房和城乡建设局",
];

export interface DemoStaff {
  username: string;
  displayName: string;
  roles: string[];
  position: string;
  badgeNumber: string;
  /** The county office when absent; otherwise a bureau's or township's name. */
  unit?: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    username: "clerk",
    displayName: "李娜",
    roles: ["clerk"],
    position: "接访员",
    badgeNumber: "XF-0101",
  },
  {
    username: "supervisor",
    displayName: "陈刚",
    roles: ["supervisor"],
    position: "督查督办股股长",
    badgeNumber: "XF-0102",
  },
  {
    username: "leader",
    displayName: "王建国",
    roles: ["leader"],
    position: "副县长（分管信访）",
    badgeNumber: "LD-0001",
  },
  {
    username: "viewer",
    displayName: "赵敏",
    roles: ["viewer"],
    position: "办公室科员",
    badgeNumber: "XF-0103",
  },
  {
    username: "renshe",
    displayName: "张伟",
    roles: ["handler"],
    position: "劳动保障监察大队科员",
    badgeNumber: "RS-0201",
    unit: "县人力资源和社会保障局",
  },
  {
    username: "lufeng",
    displayName: "刘洋",
    roles: ["clerk", "handler"],
    position: "镇综治中心干事",
    badgeNumber: "LF-0301",
    unit: "卢峰镇",
  },
  {
    username: "lufeng-leader",
    displayName: "周杰",
    roles: ["leader"],
    position: "镇党委书记",
    badgeNumber: "LF-0001",
    unit: "卢峰镇",
  },
];

/** A citizen's online petition seeded so the tracking page can be tried at once. */
export const DEMO_ONLINE_PETITION = {
  purpose: "request",
  categoryCode: "06.02",
  petitioner: { name: "舒建华", phone: "13974500001", address: "溆浦县卢峰镇沿河路 12 号" },
  facts:
    "本人于 2026 年 3 月至 8 月在县城某建筑工地务工，工程完工后包工头以甲方未付款为由拖欠工资 2.3 万元。",
  demands: "请求督促施工单位和包工头支付拖欠的工资。",
  hardships: "家中两个孩子上学，母亲长期患病。",
};

/** Cases registered by staff, so the console's work list is not empty. */
export const DEMO_STAFF_PETITIONS = [
  {
    clerk: "clerk",
    assignTo: "县人力资源和社会保障局",
    body: {
      channel: "visit",
      purpose: "request",
      categoryCode: "06.02",
      petitioner: { name: "向明德", idNumber: "431224198506120034", phone: "13974500002" },
      headcount: 3,
      facts: "某劳务公司拖欠 12 名农民工工资共计 18 万元，已逾四个月。",
      demands: "请求责令劳务公司足额支付工资。",
      priorHandling: "曾向劳动保障监察大队口头反映，未获书面答复。",
    },
  },
  {
    clerk: "lufeng",
    body: {
      channel: "letter",
      purpose: "request",
      categoryCode: "14.02",
      petitioner: { name: "刘桂英", phone: "13974500003", address: "卢峰镇某村四组" },
      facts: "修建县道占用本户承包地 1.2 亩，至今未见征收补偿。",
      demands: "请求按标准发放土地征收补偿款。",
    },
  },
];
