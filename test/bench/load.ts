import autocannon from "autocannon";

export interface LoadResult {
  /** Requests per second over the run. */
  rate: number;
  requests: number;
  failures: number;
}

/** Closed-loop load: `connections` clients, each sending its next request on an answer. */
export async function load(options: {
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  connections: number;
  duration?: number;
  amount?: number;
  requests?: { path: string; method?: "GET" | "POST" }[];
}): Promise<LoadResult> {
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        method: options.method ?? "GET",
        headers: options.headers ?? {},
        ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 5 }),
        ...(options.requests && { requests: options.requests }),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", () => {
      lastAnswer = performance.now();
    });
  });
  const requests = result.requests.total;
  // A fixed amount ends when its last answer comes, but autocannon reports only at its next
  // one-second tick: timed by that, a run of 0.3 s and one of 1.1 s both look like whole
  // seconds, and two rounds of the same speed differ by 2×.
  const seconds = options.amount ? (lastAnswer - started) / 1000 : result.duration;
  return {
    rate: seconds > 0 ? requests / seconds : 0,
    requests,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** D1 figures of one request, from the Server-Timing the bench meter adds (dev only). */
export interface Metered {
  status: number;
  trips: number;
  rows: number;
  written: number;
  /** Trips after the caller was signed in. */
  afterAuth: number;
  body: unknown;
}

export async function metered(url: string, init: RequestInit = {}): Promise<Metered> {
  const headers = new Headers(init.headers);
  headers.set("x-bench-meter", "1");
  const response = await fetch(url, { ...init, headers });
  const body = response.headers.get("content-type")?.includes("json")
    ? await response.json()
    : await response.text();
  return { status: response.status, body, ...parseMeter(response.headers.get("server-timing")) };
}

export function parseMeter(text: string | null) {
  const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(text ?? "")?.[1] ?? NaN);
  const trips = field("trips");
  const auth = field("auth");
  return {
    trips,
    rows: field("rows"),
    written: field("written"),
    afterAuth: Number.isNaN(auth) ? trips : trips - auth,
  };
}
