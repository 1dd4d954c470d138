const TENANT_IN_PATH = /^\/t\/(\d{6})(?:\/|$)/;

/** The county code of the page being shown, or null when the URL carries none. */
export function tenantFromPath(pathname: string): string | null {
  return TENANT_IN_PATH.exec(pathname)?.[1] ?? null;
}

export function isCountyCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

export const publicPath = (tenant: string): string => `/t/${tenant}`;
export const loginPath = (tenant: string): string => `/t/${tenant}/login`;
export const consolePath = (tenant: string, sub = ""): string => `/t/${tenant}/console${sub}`;
/** The citizens' pages: the online petition form and progress tracking (citizen.html). */
export const petitionPath = (tenant: string): string => `/t/${tenant}/petition`;
export const trackPath = (tenant: string): string => `/t/${tenant}/track`;
/** Reception days (citizen.html): the schedule and booking, and a citizen's own booking. */
export const receptionPath = (tenant: string): string => `/t/${tenant}/reception`;
export const bookingPath = (tenant: string): string => `/t/${tenant}/reception/booking`;
/** One board for a hall: every published session of a day (at one venue) (board.html). */
export const hallBoardPath = (tenant: string, date: string, venue?: string): string =>
  `/t/${tenant}/reception/hall?date=${date}${venue ? `&venue=${encodeURIComponent(venue)}` : ""}`;
/** The public display board of one session (board.html). */
export const boardPath = (tenant: string, sessionId: string): string =>
  `/t/${tenant}/reception/board/${encodeURIComponent(sessionId)}`;
