/**
 * Keyboard flow for long entry forms: Enter in a one-line field moves to the next field
 * instead of submitting a half-filled form, Ctrl+Enter (⌘+Enter) submits from anywhere,
 * and Enter in a textarea stays a new line. Buttons keep their own Enter behaviour.
 */
export function entryFormKeyDown(event: KeyboardEvent): void {
  if (event.key !== "Enter" || event.isComposing || event.defaultPrevented) return;
  const form = event.currentTarget as HTMLFormElement;
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  if (target instanceof HTMLInputElement && ["submit", "button", "reset"].includes(target.type)) {
    return;
  }
  event.preventDefault();
  const stops = focusStops(form);
  const here = stops.findIndex((el) =>
    target instanceof HTMLInputElement && target.type === "radio" && el instanceof HTMLInputElement
      ? el.type === "radio" && el.name === target.name
      : el === target,
  );
  stops[here + 1]?.focus();
}

/** The form's tab stops in order, a radio group counting once (its checked or first radio). */
function focusStops(form: HTMLFormElement): HTMLElement[] {
  const stops: HTMLElement[] = [];
  const groups = new Set<string>();
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLElement) || el.tabIndex < 0 || el.matches(":disabled")) continue;
    if (el.getClientRects().length === 0) continue;
    if (el instanceof HTMLInputElement && el.type === "radio") {
      if (groups.has(el.name)) continue;
      groups.add(el.name);
      const checked = form.querySelector<HTMLInputElement>(
        `input[type="radio"][name="${CSS.escape(el.name)}"]:checked`,
      );
      stops.push(checked ?? el);
      continue;
    }
    if (el instanceof HTMLFieldSetElement) continue;
    stops.push(el);
  }
  return stops;
}
