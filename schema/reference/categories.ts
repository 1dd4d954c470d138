/**
 * The national intake taxonomy (内容分类) of the county registration form
 * 《领导干部接待群众来访登记表》, petition purposes (信访目的) and channels.
 *
 * Codes are a public contract: they are stored on petitions, exported in statistics and
 * used by API clients. Never renumber or reuse a code; a new national entry gets the next
 * free number under its parent, and a retired one stays in the list.
 *
 * 大类 are two digits in the order of the printed form (`01` 政治综合 … `16` 产业信息);
 * 小类 are `NN.MM` in the order listed on the form (`01.01` 党的建设 …).
 */

export interface Category {
  code: string;
  name: string;
  parentCode?: string;
}

/** Both levels, each 大类 immediately followed by its 小类. */
export const NATIONAL_CATEGORIES: readonly Category[] = /* @__PURE__ */ Object.freeze([
  { code: "01", name: "政治综合" },
  { code: "01.01", name: "党的建设", parentCode: "01" },
  { code: "01.02", name: "政治体制", parentCode: "01" },
  { code: "01.03", name: "民族宗教", parentCode: "01" },
  { code: "01.04", name: "港澳台胞", parentCode: "01" },
  { code: "01.05", name: "国防外交", parentCode: "01" },
  { code: "01.06", name: "群众团体", parentCode: "01" },
  { code: "01.07", name: "其它", parentCode: "01" },
  { code: "02", name: "经济综合" },
  { code: "02.01", name: "宏观调控", parentCode: "02" },
  { code: "02.02", name: "金融财税", parentCode: "02" },
  { code: "02.03", name: "保险证券期货", parentCode: "02" },
  { code: "02.04", name: "安全生产", parentCode: "02" },
  { code: "02.05", name: "其它", parentCode: "02" },
  { code: "03", name: "宣传舆论" },
  { code: "03.01", name: "精神文明", parentCode: "03" },
  { code: "03.02", name: "广播影视", parentCode: "03" },
  { code: "03.03", name: "新闻出版", parentCode: "03" },
  { code: "03.04", name: "其它", parentCode: "03" },
  { code: "04", name: "纪检监察" },
  { code: "04.01", name: "贪污贿赂", parentCode: "04" },
  { code: "04.02", name: "滥用职权", parentCode: "04" },
  { code: "04.03", name: "失职渎职", parentCode: "04" },
  { code: "04.04", name: "干部作风", parentCode: "04" },
  { code: "04.05", name: "党政处分", parentCode: "04" },
  { code: "04.06", name: "其它", parentCode: "04" },
  { code: "05", name: "政法" },
  { code: "05.01", name: "法制建设", parentCode: "05" },
  { code: "05.02", name: "诉讼仲裁", parentCode: "05" },
  { code: "05.03", name: "警务警察", parentCode: "05" },
  { code: "05.04", name: "行政复议", parentCode: "05" },
  { code: "05.05", name: "法律服务", parentCode: "05" },
  { code: "05.06", name: "监狱劳教", parentCode: "05" },
  { code: "05.07", name: "社会治安", parentCode: "05" },
  { code: "05.08", name: "交通安全", parentCode: "05" },
  { code: "05.09", name: "刑案侦破", parentCode: "05" },
  { code: "05.10", name: "户籍", parentCode: "05" },
  { code: "05.11", name: "其它", parentCode: "05" },
  { code: "06", name: "劳动社保" },
  { code: "06.01", name: "社会保险", parentCode: "06" },
  { code: "06.02", name: "工资福利", parentCode: "06" },
  { code: "06.03", name: "培训就业", parentCode: "06" },
  { code: "06.04", name: "劳动保护", parentCode: "06" },
  { code: "06.05", name: "劳动纠纷", parentCode: "06" },
  { code: "06.06", name: "离休退休", parentCode: "06" },
  { code: "06.07", name: "其它", parentCode: "06" },
  { code: "07", name: "教育" },
  { code: "07.01", name: "教育体制", parentCode: "07" },
  { code: "07.02", name: "考试招生", parentCode: "07" },
  { code: "07.03", name: "教育行政管理", parentCode: "07" },
  { code: "07.04", name: "教师队伍和待遇", parentCode: "07" },
  { code: "07.05", name: "失学辍学", parentCode: "07" },
  { code: "07.06", name: "教育收费", parentCode: "07" },
  { code: "07.07", name: "其它", parentCode: "07" },
  { code: "08", name: "卫生计划" },
  { code: "08.01", name: "卫生防疫", parentCode: "08" },
  { code: "08.02", name: "医政医药监管", parentCode: "08" },
  { code: "08.03", name: "医患纠纷", parentCode: "08" },
  { code: "08.04", name: "人口计生", parentCode: "08" },
  { code: "08.05", name: "其它", parentCode: "08" },
  { code: "09", name: "科技文化" },
  { code: "09.01", name: "科学技术", parentCode: "09" },
  { code: "09.02", name: "知识产权", parentCode: "09" },
  { code: "09.03", name: "文化", parentCode: "09" },
  { code: "09.04", name: "体育", parentCode: "09" },
  { code: "09.05", name: "其它", parentCode: "09" },
  { code: "10", name: "组织人事" },
  { code: "10.01", name: "选拔任用", parentCode: "10" },
  { code: "10.02", name: "招录辞退", parentCode: "10" },
  { code: "10.03", name: "职务职称", parentCode: "10" },
  { code: "10.04", name: "工资待遇", parentCode: "10" },
  { code: "10.05", name: "人才资源", parentCode: "10" },
  { code: "10.06", name: "军队转业", parentCode: "10" },
  { code: "10.07", name: "机构改革", parentCode: "10" },
  { code: "10.08", name: "其它", parentCode: "10" },
  { code: "11", name: "交通能源环保" },
  { code: "11.01", name: "交通运输", parentCode: "11" },
  { code: "11.02", name: "能源管理", parentCode: "11" },
  { code: "11.03", name: "环境保护", parentCode: "11" },
  { code: "12", name: "民政" },
  { code: "12.01", name: "基层选举", parentCode: "12" },
  { code: "12.02", name: "优抚救济", parentCode: "12" },
  { code: "12.03", name: "行政区划", parentCode: "12" },
  { code: "12.04", name: "社团管理", parentCode: "12" },
  { code: "12.05", name: "复退安置", parentCode: "12" },
  { code: "12.06", name: "救灾募捐", parentCode: "12" },
  { code: "12.07", name: "其它", parentCode: "12" },
  { code: "13", name: "农村农业" },
  { code: "13.01", name: "村务公开", parentCode: "13" },
  { code: "13.02", name: "承包经营", parentCode: "13" },
  { code: "13.03", name: "农副产品流通", parentCode: "13" },
  { code: "13.04", name: "农资农技", parentCode: "13" },
  { code: "13.05", name: "农垦农场", parentCode: "13" },
  { code: "13.06", name: "动植物防疫与检疫", parentCode: "13" },
  { code: "13.07", name: "农民负担", parentCode: "13" },
  { code: "13.08", name: "其它", parentCode: "13" },
  { code: "14", name: "国土资源水利林业" },
  { code: "14.01", name: "土地资源管理", parentCode: "14" },
  { code: "14.02", name: "土地征用", parentCode: "14" },
  { code: "14.03", name: "水利水电", parentCode: "14" },
  { code: "14.04", name: "水库移民", parentCode: "14" },
  { code: "14.05", name: "林业管理", parentCode: "14" },
  { code: "14.06", name: "矿业资源管理", parentCode: "14" },
  { code: "14.07", name: "海洋气象地震", parentCode: "14" },
  { code: "15", name: "城乡建设" },
  { code: "15.01", name: "城镇拆迁", parentCode: "15" },
  { code: "15.02", name: "市政和物业管理", parentCode: "15" },
  { code: "15.03", name: "城镇规划", parentCode: "15" },
  { code: "15.04", name: "住房与房地产", parentCode: "15" },
  { code: "15.05", name: "工程欠款", parentCode: "15" },
  { code: "15.06", name: "工程质量", parentCode: "15" },
  { code: "15.07", name: "其它", parentCode: "15" },
  { code: "16", name: "产业信息" },
  { code: "16.01", name: "信息化建设", parentCode: "16" },
  { code: "16.02", name: "邮政", parentCode: "16" },
  { code: "16.03", name: "电信", parentCode: "16" },
  { code: "16.04", name: "互联网", parentCode: "16" },
]);

/**
 * Codes of categories a county adds for itself, e.g. `L.tea-garden`. They are stored in
 * the tenant database, not here. The `L.` prefix cannot collide with a national code,
 * which is all digits and dots, so national entries can be added later without clashing
 * with any county's local ones.
 */
export const LOCAL_CATEGORY_CODE = /^L\.[a-z0-9-]{1,30}$/;

/** Shape of a national code (`NN` or `NN.MM`); says nothing about whether it exists. */
export const NATIONAL_CATEGORY_CODE = /^\d{2}(?:\.\d{2})?$/;

const BY_CODE: ReadonlyMap<string, Category> = new Map(NATIONAL_CATEGORIES.map((c) => [c.code, c]));

/** A national category by code; local (`L.…`) categories live in the tenant database. */
export function findCategory(code: string): Category | undefined {
  return BY_CODE.get(code);
}

/** The 大类 of a category: itself for a top-level code, its parent for a 小类. */
export function topLevelOf(code: string): Category | undefined {
  const category = findCategory(code);
  if (!category?.parentCode) return category;
  return findCategory(category.parentCode);
}

const DISCIPLINE_CODE = "04"; // 纪检监察

/**
 * Everything under 纪检监察 accuses an official or a body, so the petitioner's identity and
 * material are confidential (§30, §46). A local category should be checked through the
 * national parent it was filed under; a bare local code is not an accusation by itself.
 */
export function isAccusationCategory(code: string): boolean {
  return topLevelOf(code)?.code === DISCIPLINE_CODE;
}

const LEGAL_ROUTE_NOTES: ReadonlyMap<string, string> = new Map([
  [
    "05.02",
    "该事项涉及诉讼、仲裁，通常应通过诉讼、仲裁等法定途径解决（《信访工作条例》第二十二条、第三十一条），请引导信访人依法向人民法院或者仲裁机构提出。",
  ],
  [
    "05.04",
    "该事项涉及行政复议，通常应通过行政复议等法定途径解决（《信访工作条例》第二十二条、第三十一条），请引导信访人依法向行政复议机关提出申请。",
  ],
]);

/**
 * What the intake screen tells the clerk for 政法 → 诉讼仲裁 / 行政复议: such matters usually
 * belong to a legal route. It is guidance only; the petition is still registered.
 */
export function legalRouteNote(code: string): string | undefined {
  return LEGAL_ROUTE_NOTES.get(code);
}

/**
 * A petition is treated as an accusation, with its petitioner's identity and material kept
 * confidential, when either its purpose is 揭发控告 or its category is under 纪检监察.
 */
export function isAccusation(purpose: string, categoryCode: string | undefined): boolean {
  if (purpose === "accusation") return true;
  return categoryCode !== undefined && isAccusationCategory(categoryCode);
}
