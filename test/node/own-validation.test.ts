import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Our forms check their fields themselves and say what is wrong in Chinese, beside the field.
 * A form without `noValidate` lets the browser stop the submit with its own bubble, in the
 * browser's language (English in some), before our message can show.
 */
describe("forms", () => {
  it("all leave validation to our own Chinese messages", () => {
    const files = readdirSync("web/src", { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".tsx"))
      .map((path) => join("web/src", path));
    const forms = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      // A form's opening tag, up to the first ">" that ends it (attributes hold no ">").
      return [...text.matchAll(/<form\b([^>]*(?:=>[^>]*)*)>/g)].map((m) => ({
        file,
        tag: m[1] ?? "",
      }));
    });
    expect(forms.length).toBeGreaterThan(30);
    expect(forms.filter((f) => !/\bnoValidate\b/.test(f.tag)).map((f) => f.file)).toEqual([]);
  });
});
