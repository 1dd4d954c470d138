import { describe, expect, it } from "vitest";
import {
  findCategory,
  isAccusation,
  isAccusationCategory,
  LOCAL_CATEGORY_CODE,
  legalRouteNote,
  NATIONAL_CATEGORIES,
  NATIONAL_CATEGORY_CODE,
  topLevelOf,
} from "../../schema/reference/categories.ts";
import {
  CHANNEL_LABELS,
  CHANNELS,
  isChannel,
  isPurpose,
  PURPOSE_LABELS,
  PURPOSES,
} from "../../schema/reference/intake.ts";

// The table of categories.md, copied by hand, so the module is checked against the source
// rather than against itself.
const TABLE = `
政治综合 | 党的建设、政治体制、民族宗教、港澳台胞、国防外交、群众团体、其它
经济综合 | 宏观调控、金融财税、保险证券期货、安全生产、其它
宣传舆论 | 精神文明、广播影视、新闻出版、其它
纪检监察 | 贪污贿赂、滥用职权、失职渎职、干部作风、党政处分、其它
政法 | 法制建设、诉讼仲裁、警务警察、行政复议、法律服务、监狱劳教、社会治安、交通安全、刑案侦破、户籍、其它
劳动社保 | 社会保险、工资福利、培训就业、劳动保护、劳动纠纷、离休退休、其它
教育 | 教育体制、考试招生、教育行政管理、教师队伍和待遇、失学辍学、教育收费、其它
卫生计划 | 卫生防疫、医政医药监管、医患纠纷、人口计生、其它
科技文化 | 科学技术、知识产权、文化、体育、其它
组织人事 | 选拔任用、招录辞退、职务职称、工资待遇、人才资源、军队转业、机构改革、其它
交通能源环保 | 交通运输、能源管理、环境保护
民政 | 基层选举、优抚救济、行政区划、社团管理、复退安置、救灾募捐、其它
农村农业 | 村务公开、承包经营、农副产品流通、农资农技、农垦农场、动植物防疫与检疫、农民负担、其它
国土资源水利林业 | 土地资源管理、土地征用、水利水电、水库移民、林业管理、矿业资源管理、海洋气象地震
城乡建设 | 城镇拆迁、市政和物业管理、城镇规划、住房与房地产、工程欠款、工程质量、其它
产业信息 | 信息化建设、邮政、电信、互联网
`;

const topLevel = NATIONAL_CATEGORIES.filter((c) => c.parentCode === undefined);
const subcategories = NATIONAL_CATEGORIES.filter((c) => c.parentCode !== undefined);

describe("national categories", () => {
  it("has the 16 大类 and 101 小类 of the registration form", () => {
    // 7+5+4+6+11+7+7+5+5+8+3+7+8+7+7+4 = 101
    expect(topLevel).toHaveLength(16);
    expect(subcategories).toHaveLength(101);
    expect(NATIONAL_CATEGORIES).toHaveLength(117);
  });

  it("numbers every entry in table order, matching categories.md", () => {
    const expected: [string, string][] = [];
    TABLE.trim()
      .split("\n")
      .forEach((line, i) => {
        const [top = "", subs = ""] = line.split(" | ");
        const code = String(i + 1).padStart(2, "0");
        expected.push([code, top]);
        subs.split("、").forEach((sub, j) => {
          expected.push([`${code}.${String(j + 1).padStart(2, "0")}`, sub]);
        });
      });
    expect(NATIONAL_CATEGORIES.map((c) => [c.code, c.name])).toEqual(expected);
  });

  it("pins the public codes", () => {
    expect(findCategory("01")?.name).toBe("政治综合");
    expect(findCategory("01.01")?.name).toBe("党的建设");
    expect(findCategory("01.07")?.name).toBe("其它");
    expect(findCategory("04")?.name).toBe("纪检监察");
    expect(findCategory("05.02")?.name).toBe("诉讼仲裁");
    expect(findCategory("05.04")?.name).toBe("行政复议");
    expect(findCategory("11.03")?.name).toBe("环境保护");
    expect(findCategory("16")?.name).toBe("产业信息");
    expect(findCategory("16.04")?.name).toBe("互联网");
    expect(findCategory("16.05")).toBeUndefined();
    expect(findCategory("17")).toBeUndefined();
  });

  it("has unique codes of the national shape, and parents listed before their children", () => {
    const codes = NATIONAL_CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set<string>();
    for (const category of NATIONAL_CATEGORIES) {
      expect(category.code).toMatch(NATIONAL_CATEGORY_CODE);
      expect(category.code).not.toMatch(LOCAL_CATEGORY_CODE);
      if (category.parentCode !== undefined) {
        expect(seen.has(category.parentCode)).toBe(true);
        expect(findCategory(category.parentCode)?.parentCode).toBeUndefined();
        expect(category.code.startsWith(`${category.parentCode}.`)).toBe(true);
      }
      seen.add(category.code);
    }
  });

  it("finds the 大类 of a 小类", () => {
    expect(topLevelOf("05.02")?.name).toBe("政法");
    expect(topLevelOf("05")?.name).toBe("政法");
    expect(topLevelOf("99.01")).toBeUndefined();
  });
});

describe("local category codes", () => {
  it("take the L. prefix and can never look national", () => {
    expect(LOCAL_CATEGORY_CODE.test("L.tea-garden")).toBe(true);
    expect(LOCAL_CATEGORY_CODE.test("L.01")).toBe(true);
    expect(LOCAL_CATEGORY_CODE.test("01.01")).toBe(false);
    expect(LOCAL_CATEGORY_CODE.test("L.")).toBe(false);
    expect(LOCAL_CATEGORY_CODE.test("L.Tea")).toBe(false);
    expect(LOCAL_CATEGORY_CODE.test(`L.${"a".repeat(31)}`)).toBe(false);
    expect(NATIONAL_CATEGORY_CODE.test("L.01")).toBe(false);
  });
});

describe("accusations", () => {
  it("are everything under 纪检监察", () => {
    const discipline = NATIONAL_CATEGORIES.filter((c) => c.code === "04" || c.parentCode === "04");
    expect(discipline.map((c) => c.name)).toEqual([
      "纪检监察",
      "贪污贿赂",
      "滥用职权",
      "失职渎职",
      "干部作风",
      "党政处分",
      "其它",
    ]);
    for (const c of discipline) expect(isAccusationCategory(c.code)).toBe(true);
    const others = NATIONAL_CATEGORIES.filter((c) => !discipline.includes(c));
    expect(others).toHaveLength(110);
    for (const c of others) expect(isAccusationCategory(c.code)).toBe(false);
    expect(isAccusationCategory("L.04")).toBe(false);
  });

  it("include every petition whose purpose is 揭发控告", () => {
    expect(isAccusation("accusation", undefined)).toBe(true);
    expect(isAccusation("accusation", "06.02")).toBe(true);
    expect(isAccusation("request", "04.01")).toBe(true);
    expect(isAccusation("suggestion", "04")).toBe(true);
    expect(isAccusation("request", "06.02")).toBe(false);
    expect(isAccusation("appeal", undefined)).toBe(false);
  });
});

describe("legal-route notes", () => {
  it("are shown for 政法 → 诉讼仲裁 and 行政复议 only", () => {
    const litigation = legalRouteNote("05.02");
    expect(litigation).toContain("诉讼");
    expect(litigation).toContain("仲裁");
    expect(litigation).toContain("法定途径");
    expect(litigation).toContain("第二十二条");
    expect(litigation).toContain("第三十一条");
    expect(legalRouteNote("05.04")).toContain("行政复议");
    expect(legalRouteNote("05.04")).not.toBe(litigation);
    const noted = NATIONAL_CATEGORIES.filter((c) => legalRouteNote(c.code) !== undefined);
    expect(noted.map((c) => c.code)).toEqual(["05.02", "05.04"]);
  });
});

describe("purposes and channels", () => {
  it("carry the labels of the registration form", () => {
    expect(PURPOSES.map((p) => PURPOSE_LABELS[p])).toEqual([
      "意见建议",
      "申诉",
      "求决",
      "揭发控告",
      "其它",
    ]);
    expect(CHANNELS.map((c) => CHANNEL_LABELS[c])).toEqual([
      "来信",
      "来访",
      "网上信访",
      "来电",
      "传真",
      "领导接访",
    ]);
  });

  it("are recognised from stored strings", () => {
    expect(isPurpose("accusation")).toBe(true);
    expect(isPurpose("揭发控告")).toBe(false);
    expect(isChannel("reception")).toBe(true);
    expect(isChannel("email")).toBe(false);
  });
});
