import { useEffect, useState } from "preact/hooks";

export type LiveStatus = "connecting" | "open" | "offline";

interface Options<M> {
  /** Same-origin ws(s):// URL. */
  url: string;
  onMessage: (message: M) => void;
  onStatus?: (status: LiveStatus) => void;
  /**
   * Read the same thing over HTTP while the socket is down (old browsers, proxies that
   * drop WebSockets): the page keeps updating, only less promptly.
   */
  poll?: () => Promise<M>;
}

const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
const PING_MS = 30_000;
const PONG_MS = 10_000;
const POLL_MS = 15_000;

/**
 * A WebSocket that stays connected: the server sends the full state on connect and after
 * every change, so reconnecting (with backoff, at once when the network or the tab comes
 * back) is all a client needs. Every 30 s it asks for the state again ("state") and treats
 * silence as a dead connection — phones on mobile networks lose sockets without a close.
 * Returns a function that closes it for good.
 */
export function openLiveSocket<M>({ url, onMessage, onStatus, poll }: Options<M>): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;

  const status = (s: LiveStatus) => onStatus?.(s);

  const startPolling = () => {
    if (!poll || pollTimer || stopped) return;
    const read = () =>
      poll().then(
        (m) => !stopped && socket?.readyState !== WebSocket.OPEN && onMessage(m),
        () => undefined,
      );
    void read();
    pollTimer = setInterval(read, POLL_MS);
  };
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };

  const clearTimers = () => {
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    clearTimeout(pongTimer);
  };

  const scheduleRetry = () => {
    if (stopped) return;
    clearTimers();
    const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 30_000;
    attempt += 1;
    // Jitter, so a room of phones does not reconnect in step after a blip.
    retryTimer = setTimeout(connect, base * (0.75 + Math.random() * 0.5));
  };

  function connect() {
    if (stopped) return;
    clearTimers();
    if (typeof WebSocket === "undefined") {
      status("offline");
      startPolling();
      return;
    }
    status("connecting");
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      status("offline");
      startPolling();
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      status("open");
      stopPolling();
      pingTimer = setInterval(() => {
        if (ws.readyState !== WebSocket.OPEN) return;
        ws.send("state");
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => ws.close(), PONG_MS);
      }, PING_MS);
    };
    ws.onmessage = (event) => {
      clearTimeout(pongTimer);
      if (typeof event.data !== "string") return;
      try {
        onMessage(JSON.parse(event.data) as M);
      } catch {
        // Not JSON: ignore it rather than drop the connection.
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (stopped) return;
      status("offline");
      startPolling();
      scheduleRetry();
    };
    ws.onerror = () => ws.close();
  }

  const reconnectNow = () => {
    if (stopped) return;
    if (socket?.readyState === WebSocket.OPEN) {
      socket.send("state");
      return;
    }
    attempt = 0;
    if (socket) {
      const old = socket;
      socket = null;
      old.onclose = null;
      old.close();
    }
    connect();
  };
  const onVisible = () => document.visibilityState === "visible" && reconnectNow();

  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", onVisible);
  connect();

  return () => {
    stopped = true;
    clearTimers();
    stopPolling();
    window.removeEventListener("online", reconnectNow);
    document.removeEventListener("visibilitychange", onVisible);
    if (socket) {
      socket.onclose = null;
      socket.close();
      socket = null;
    }
  };
}

/** The latest message of a live socket, and whether it is connected; null url: closed. */
export function useLiveSocket<M>(
  url: string | null,
  poll?: () => Promise<M>,
): { message: M | null; status: LiveStatus } {
  const [message, setMessage] = useState<M | null>(null);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(() => {
    if (!url) return;
    setMessage(null);
    return openLiveSocket<M>({
      url,
      onMessage: setMessage,
      onStatus: setStatus,
      ...(poll && { poll }),
    });
    // `poll` reads the same thing as `url`; a new function each render must not reconnect.
  }, [url]);
  return { message, status };
}

export const LIVE_STATUS_LABELS: Record<LiveStatus, string> = {
  connecting: "正在连接…",
  open: "实时更新中",
  offline: "连接中断，正在重连…",
};
