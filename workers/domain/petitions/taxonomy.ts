import {
  type Category,
  findCategory,
  isAccusationCategory,
  legalRouteNote,
  NATIONAL_CATEGORIES,
} from "../../../schema/reference/categories.ts";

export interface TaxonomyEntry extends Category {
  accusation: boolean;
  legalRouteNote?: string;
  local: boolean;
}

/**
 * The national taxonomy plus the county's own subcategories. A local subcategory hangs
 * under a national 大类 and inherits what that class means: under 纪检监察 it is an
 * accusation, with all the confidentiality that brings.
 */
export class Taxonomy {
  private readonly local: ReadonlyMap<string, Category>;

  constructor(localCategories: readonly Category[]) {
    this.local = new Map(localCategories.map((c) => [c.code, c]));
  }

  find(code: string): TaxonomyEntry | undefined {
    const national = findCategory(code);
    if (national) return this.entry(national, false);
    const local = this.local.get(code);
    return local ? this.entry(local, true) : undefined;
  }

  name(code: string): string {
    return this.find(code)?.name ?? code;
  }

  all(): TaxonomyEntry[] {
    const byParent = new Map<string, Category[]>();
    for (const c of this.local.values()) {
      const siblings = byParent.get(c.parentCode ?? "") ?? [];
      byParent.set(c.parentCode ?? "", [...siblings, c]);
    }
    return NATIONAL_CATEGORIES.flatMap((c) => {
      const own = this.entry(c, false);
      // Local subcategories follow the national ones of their class.
      const isLastOfClass = (next: Category | undefined) => !next || next.parentCode === undefined;
      const index = NATIONAL_CATEGORIES.indexOf(c);
      const top = c.parentCode ?? c.code;
      const locals = isLastOfClass(NATIONAL_CATEGORIES[index + 1])
        ? (byParent.get(top) ?? []).map((l) => this.entry(l, true))
        : [];
      return [own, ...locals];
    });
  }

  private entry(category: Category, local: boolean): TaxonomyEntry {
    const classCode = category.parentCode ?? category.code;
    const note = legalRouteNote(category.code);
    return {
      ...category,
      accusation: isAccusationCategory(category.code) || isAccusationCategory(classCode),
      ...(note && { legalRouteNote: note }),
      local,
    };
  }
}
