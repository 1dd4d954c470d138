import {
  type MessageTemplate,
  PLACEHOLDER,
  placeholdersOf,
} from "../../../schema/reference/notify-events.ts";

/** Values for a template's `{name}` placeholders; the wording itself is in schema/reference. */
export type TemplateParams = Record<string, string | number>;

export class MissingTemplateParamsError extends Error {
  override name = "MissingTemplateParamsError";
  constructor(readonly missing: readonly string[]) {
    super(`template parameters missing: ${missing.join(", ")}`);
  }
}

/**
 * Fills `{name}` placeholders. A placeholder with no value throws rather than going out as
 * literal "{name}" to a citizen; `templateProblems` catches that when an override is saved.
 */
export function renderTemplate(template: MessageTemplate, params: TemplateParams): MessageTemplate {
  const missing = [
    ...new Set([...placeholdersOf(template.title), ...placeholdersOf(template.body)]),
  ].filter((name) => !Object.hasOwn(params, name));
  if (missing.length > 0) throw new MissingTemplateParamsError(missing);
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_match, name: string) => String(params[name]));
  return { title: fill(template.title), body: fill(template.body) };
}
