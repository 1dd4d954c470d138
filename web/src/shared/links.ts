// Contact details are typed in by county staff; only http(s) URLs become links so that a
// stray "javascript:" value can never run on the public page.
export function webHref(value: string): string | null {
  const text = value.trim();
  if (/^https?:\/\/[^\s]+$/i.test(text)) return text;
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(text)) return `https://${text}`;
  return null;
}

export function telHref(value: string): string | null {
  const text = value.trim();
  return /^\+?[\d\s()-]{5,20}$/.test(text) ? `tel:${text.replace(/[^\d+]/g, "")}` : null;
}

export function mailHref(value: string): string | null {
  const text = value.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? `mailto:${text}` : null;
}
