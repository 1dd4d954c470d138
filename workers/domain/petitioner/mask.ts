/**
 * Masks for showing a petitioner's personal data on lists, printouts and screens where the
 * full value is not needed. Masking is a display aid, not access control: who may see an
 * accuser's identity at all (§30) is decided elsewhere.
 */

/** "43122419900101123X" → "431224********123X": the county code and last four stay. */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length <= 10) return "*".repeat(value.length);
  return `${value.slice(0, 6)}${"*".repeat(value.length - 10)}${value.slice(-4)}`;
}

/** "13812345678" → "138****5678". */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (value.length < 8) return "*".repeat(value.length);
  return `${value.slice(0, 3)}${"*".repeat(value.length - 7)}${value.slice(-4)}`;
}

/**
 * "张三丰" → "张**", "张" → "*". Works on code points, so a rare surname outside the BMP
 * (𠮷) counts as one character.
 *
 * Names of organisations (a company, a village committee …) are returned unchanged: a
 * legal person's name is public, and staff need it to route the case. Organisations are
 * recognised by their suffix, see `isOrganisationName`.
 */
export function maskName(name: string): string {
  const value = name.trim();
  if (isOrganisationName(value)) return value;
  const chars = Array.from(value);
  if (chars.length <= 1) return "*".repeat(chars.length);
  return `${chars[0]}${"*".repeat(chars.length - 1)}`;
}

const ORGANISATION_SUFFIXES = [
  "公司",
  "集团",
  "企业",
  "单位",
  "委员会",
  "村委会",
  "居委会",
  "村民小组",
  "社区",
  "合作社",
  "协会",
  "商会",
  "学会",
  "基金会",
  "事务所",
  "研究院",
  "研究所",
  "中心",
  "学校",
  "小学",
  "中学",
  "大学",
  "学院",
  "幼儿园",
  "医院",
  "卫生院",
  "诊所",
  "工厂",
  "农场",
  "林场",
  "养殖场",
  "商店",
  "超市",
  "酒店",
  "宾馆",
  "门市部",
  "经营部",
  "工作室",
  "银行",
  "政府",
  "办事处",
  "派出所",
  "管理局",
  "公安局",
] as const;

/**
 * A name is taken for an organisation when it is at least four characters and ends with a
 * multi-character suffix that organisations use. Single-character suffixes (厂, 行, 局 …)
 * are left out because they also end personal names; a missed organisation is merely
 * masked, which errs on the safe side.
 */
export function isOrganisationName(name: string): boolean {
  const value = name.trim();
  if (Array.from(value).length < 4) return false;
  return ORGANISATION_SUFFIXES.some((suffix) => value.endsWith(suffix));
}
