import { describe, expect, it } from "vitest";
import {
  birthDateOf,
  checkCharOf,
  checkIdNumber,
} from "../../workers/domain/petitioner/id-number.ts";
import {
  isOrganisationName,
  maskIdNumber,
  maskName,
  maskPhone,
} from "../../workers/domain/petitioner/mask.ts";
import { checkMobile, lastFour } from "../../workers/domain/petitioner/phone.ts";

// Check characters computed by hand with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and
// the map (sum mod 11) → 1 0 X 9 8 7 6 5 4 3 2:
//
// 11010519491231002X: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X
//   (the example number of GB 11643-1999)
// 431224199001011232: 28+27+10+10+16+16+2+9+54+0+0+9+0+5+8+8+6 = 208; mod 11 = 10 → 2
// 431224198506150313: 28+27+10+10+16+16+2+9+48+15+0+54+10+25+0+12+2 = 284; mod 11 = 9 → 3
// 431224200002290013: 28+27+10+10+16+16+4+0+0+0+0+18+20+45+0+0+2 = 196; mod 11 = 9 → 3
// 431224200102300020 (30 Feb 2001): 28+27+10+10+16+16+4+0+0+3+0+18+30+0+0+0+4 = 166;
//   mod 11 = 1 → 0
// 431224209901010047 (2099): 28+27+10+10+16+16+4+0+54+27+0+9+0+5+0+0+8 = 214; mod 11 = 5 → 7
// 431224189912310015 (1899): 28+27+10+10+16+16+2+8+54+27+7+18+30+5+0+0+2 = 260;
//   mod 11 = 7 → 5
// 011224199001011234 (address 01…): 0+9+10+10+16+16+2+9+54+0+0+9+0+5+8+8+6 = 162;
//   mod 11 = 8 → 4
// 431224202506010010: 28+27+10+10+16+16+4+0+12+15+0+54+0+5+0+0+2 = 199; mod 11 = 1 → 0
// 431224202506020016: 28+27+10+10+16+16+4+0+12+15+0+54+0+10+0+0+2 = 204; mod 11 = 6 → 6

describe("ID numbers", () => {
  it("accept real-format numbers with a correct check character", () => {
    expect(checkIdNumber("431224199001011232")).toEqual({ ok: true, value: "431224199001011232" });
    expect(checkIdNumber("431224198506150313")).toEqual({ ok: true, value: "431224198506150313" });
    expect(checkIdNumber("11010519491231002X")).toEqual({ ok: true, value: "11010519491231002X" });
    // 29 Feb 2000 exists: 2000 is a leap year.
    expect(checkIdNumber("431224200002290013")).toEqual({ ok: true, value: "431224200002290013" });
  });

  it("compute the ISO 7064 MOD 11-2 check character", () => {
    expect(checkCharOf("11010519491231002")).toBe("X");
    expect(checkCharOf("43122419900101123")).toBe("2");
    expect(checkCharOf("43122419850615031")).toBe("3");
    expect(checkCharOf("4312241990")).toBeUndefined();
  });

  it("trim and accept a lowercase x", () => {
    expect(checkIdNumber(" 11010519491231002x \n")).toEqual({
      ok: true,
      value: "11010519491231002X",
    });
  });

  it("reject a wrong check character", () => {
    expect(checkIdNumber("431224199001011233")).toEqual({
      ok: false,
      reason: "身份证号码校验位不正确",
    });
    expect(checkIdNumber("110105194912310020")).toEqual({
      ok: false,
      reason: "身份证号码校验位不正确",
    });
    // The brief's display example is well-formed but its check character would be 2.
    expect(checkIdNumber("43122419900101123X").ok).toBe(false);
  });

  it("reject dates that do not exist", () => {
    expect(checkIdNumber("431224200102300020")).toEqual({
      ok: false,
      reason: "身份证号码中的出生日期不正确",
    });
    expect(birthDateOf("431224200102300020")).toBeUndefined();
    expect(birthDateOf("431224199013010018")).toBeUndefined();
    expect(birthDateOf("431224200102290010")).toBeUndefined();
    expect(birthDateOf("431224200002290013")).toBe("2000-02-29");
    expect(birthDateOf("11010519491231002X")).toBe("1949-12-31");
  });

  it("reject a birth date in the future or before 1900", () => {
    expect(checkIdNumber("431224209901010047")).toEqual({
      ok: false,
      reason: "身份证号码中的出生日期晚于今天",
    });
    expect(checkIdNumber("431224189912310015")).toEqual({
      ok: false,
      reason: "身份证号码中的出生年份不正确",
    });
  });

  it("count today in China Standard Time", () => {
    const noonJune1 = new Date("2025-06-01T04:00:00Z");
    expect(checkIdNumber("431224202506010010", noonJune1).ok).toBe(true);
    expect(checkIdNumber("431224202506020016", noonJune1).ok).toBe(false);
    // 16:30 UTC on 1 June is already 00:30 on 2 June in China.
    const justAfterMidnightJune2 = new Date("2025-06-01T16:30:00Z");
    expect(checkIdNumber("431224202506020016", justAfterMidnightJune2).ok).toBe(true);
  });

  it("reject an address code starting with 0", () => {
    expect(checkIdNumber("011224199001011234")).toEqual({
      ok: false,
      reason: "身份证号码的地址码不正确",
    });
  });

  it("reject the old 15-digit numbers and other shapes", () => {
    const old = checkIdNumber("431224900101123");
    expect(old.ok).toBe(false);
    expect(old.ok ? "" : old.reason).toContain("15位");
    expect(checkIdNumber("").ok).toBe(false);
    expect(checkIdNumber("43122419900101123").ok).toBe(false);
    expect(checkIdNumber("4312241990010112322").ok).toBe(false);
    expect(checkIdNumber("4312241990010112X2")).toEqual({
      ok: false,
      reason: "身份证号码前17位应为数字，最后一位为数字或X",
    });
  });
});

describe("mobile numbers", () => {
  it("normalize spaces, dashes and the country code", () => {
    for (const input of [
      "13812345678",
      " 138 1234 5678 ",
      "138-1234-5678",
      "+86 138 1234 5678",
      "+86-13812345678",
      "008613812345678",
      "8613812345678",
      "１３８１２３４５６７８",
    ]) {
      expect(checkMobile(input)).toEqual({ ok: true, value: "13812345678" });
    }
    expect(checkMobile("19912345678")).toEqual({ ok: true, value: "19912345678" });
  });

  it("reject what is not a mainland mobile number", () => {
    expect(checkMobile("")).toEqual({ ok: false, reason: "请填写手机号码" });
    expect(checkMobile("1381234567")).toEqual({ ok: false, reason: "手机号码应为11位数字" });
    expect(checkMobile("138123456789")).toEqual({ ok: false, reason: "手机号码应为11位数字" });
    expect(checkMobile("12812345678")).toEqual({ ok: false, reason: "手机号码格式不正确" });
    expect(checkMobile("23812345678")).toEqual({ ok: false, reason: "手机号码格式不正确" });
    expect(checkMobile("0745-1234567")).toEqual({ ok: false, reason: "手机号码格式不正确" });
    expect(checkMobile("138a2345678")).toEqual({ ok: false, reason: "手机号码只能包含数字" });
    expect(checkMobile("+85213812345678").ok).toBe(false);
  });

  it("give the last four digits", () => {
    expect(lastFour("13812345678")).toBe("5678");
    expect(lastFour("138-1234-0009")).toBe("0009");
  });
});

describe("masks", () => {
  it("keep the first six and last four characters of an ID number", () => {
    expect(maskIdNumber("43122419900101123X")).toBe("431224********123X");
    expect(maskIdNumber("431224199001011232")).toBe("431224********1232");
    expect(maskIdNumber("1234567890")).toBe("**********");
  });

  it("keep the first three and last four digits of a phone number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("1234")).toBe("****");
  });

  it("keep the first character of a personal name", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("张")).toBe("*");
    expect(maskName("欧阳修文")).toBe("欧***");
    expect(maskName("𠮷野")).toBe("𠮷*");
    expect(maskName("")).toBe("");
  });

  it("leave organisation names as they are", () => {
    expect(maskName("溆浦县某某建筑有限公司")).toBe("溆浦县某某建筑有限公司");
    expect(maskName("桥江镇龙潭村村委会")).toBe("桥江镇龙潭村村委会");
    expect(isOrganisationName("溆浦县人民医院")).toBe(true);
    // Short names ending like an organisation are still treated as people.
    expect(isOrganisationName("李中心")).toBe(false);
    expect(maskName("李中心")).toBe("李**");
    // Single-character suffixes are not trusted.
    expect(maskName("欧阳春行")).toBe("欧***");
  });
});
