import type { Purpose } from "../../../../schema/api/petitions.ts";
import type { CategoryCatalog } from "../../../../schema/api/reference.ts";
import { PURPOSE_LABELS } from "../petition-labels.ts";
import { AccusationBadge, LegalRouteNote } from "./Badges.tsx";
import { CategoryPicker } from "./CategoryPicker.tsx";
import { RadioGroup } from "./RadioGroup.tsx";

/** The purposes to offer: the county's list, or the national five before it has loaded. */
export function purposeOptions(catalog: CategoryCatalog) {
  return catalog.purposes.length
    ? catalog.purposes
    : (Object.keys(PURPOSE_LABELS) as Purpose[]).map((code) => ({
        code,
        label: PURPOSE_LABELS[code],
      }));
}

interface Props {
  /** Prefix of the fields' ids: `${idPrefix}-purpose-…`, `${idPrefix}-category`. */
  idPrefix: string;
  categoryLabel: string;
  categoryHint?: string;
  catalog: CategoryCatalog;
  purpose: Purpose | "";
  onPurpose: (purpose: Purpose) => void;
  categoryCode: string;
  onCategoryCode: (code: string) => void;
  errors: { purpose?: string | undefined; categoryCode?: string | undefined };
  /** Said to whoever files an accusation, under the confidentiality badge. */
  accusationNote?: string;
}

/**
 * What a petition is about: its purpose and its category, with the legal-route note and,
 * for an accusation (purpose 揭发控告 or a 纪检监察 category), the confidentiality badge.
 * Every intake form files a petition this way.
 */
export function ClassificationFields(props: Props) {
  const { idPrefix, catalog, purpose, categoryCode, errors } = props;
  const category = catalog.categories.find((c) => c.code === categoryCode);
  const accusation = purpose === "accusation" || Boolean(category?.accusation);
  return (
    <>
      <RadioGroup
        name={`${idPrefix}-purpose`}
        legend="信访目的"
        options={purposeOptions(catalog).map((p) => ({ value: p.code, label: p.label }))}
        value={purpose}
        onValue={props.onPurpose}
        required
        error={errors.purpose}
      />
      <CategoryPicker
        id={`${idPrefix}-category`}
        label={props.categoryLabel}
        categories={catalog.categories}
        value={categoryCode}
        onValue={props.onCategoryCode}
        required
        {...(props.categoryHint && { hint: props.categoryHint })}
        error={errors.categoryCode}
      />
      {category?.legalRouteNote && <LegalRouteNote note={category.legalRouteNote} />}
      {accusation && <AccusationBadge />}
      {accusation && props.accusationNote && <p class="hint">{props.accusationNote}</p>}
    </>
  );
}
