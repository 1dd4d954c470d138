/** The citizen's booking, kept on their own phone so the page reopens on it on the day. */
export interface SavedBooking {
  code: string;
  last4: string;
  ticket?: number;
}

const storeKey = (tenant: string) => `lianxin:booking:${tenant}`;

export function loadSavedBooking(tenant: string): SavedBooking | null {
  try {
    const value = JSON.parse(
      localStorage.getItem(storeKey(tenant)) ?? "null",
    ) as SavedBooking | null;
    return value && typeof value.code === "string" && typeof value.last4 === "string"
      ? value
      : null;
  } catch {
    return null;
  }
}

export function saveBooking(tenant: string, value: SavedBooking | null) {
  try {
    if (value) localStorage.setItem(storeKey(tenant), JSON.stringify(value));
    else localStorage.removeItem(storeKey(tenant));
  } catch {
    // Private mode or storage full: the page still works, it just will not remember.
  }
}
