import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { request, seg } from "../../api/client.ts";
import { consolePath } from "../../shared/tenant.ts";
import { onUnreadChange } from "../unread.ts";

const POLL_MS = 20_000;

/** The unread count alone; kept out of api/notify.ts so the console's first load stays small. */
function unreadCount(tenant: string): Promise<number> {
  return request<{ unread: number }>(
    "GET",
    `/api/v1/t/${seg(tenant)}/notifications?unread=true&limit=1`,
  ).then((r) => r.unread);
}

/**
 * 消息 in the header with the unread count. It asks the server every 20 s while the tab is
 * visible, when the tab comes back, after moving between pages and whenever a page says
 * something changed.
 */
export function InboxLink({ tenant }: { tenant: string }) {
  const { path } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [news, setNews] = useState("");
  const last = useRef<number | null>(null);

  const show = useCallback((count: number) => {
    // Only a rise is announced: a screen reader should not repeat the count every 20 s.
    if (last.current !== null && count > last.current) setNews(`收到新消息，未读消息 ${count} 条`);
    last.current = count;
    setUnread(count);
  }, []);

  const poll = useCallback(async () => {
    if (document.visibilityState !== "visible") return;
    try {
      show(await unreadCount(tenant));
    } catch {
      // Keep the last count; a 401 is handled by the console's sign-in redirect.
    }
  }, [tenant, show]);

  useEffect(() => {
    const timer = setInterval(() => void poll(), POLL_MS);
    const onVisible = () => void poll();
    document.addEventListener("visibilitychange", onVisible);
    const off = onUnreadChange((count) => (count === null ? void poll() : show(count)));
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      off();
    };
  }, [poll, show]);

  // Moving to another page is an action too: look again.
  useEffect(() => void poll(), [poll, path]);

  const href = consolePath(tenant, "/inbox");
  const count = unread ?? 0;
  return (
    <>
      <a
        class="inbox-link"
        href={href}
        data-testid="inbox-link"
        data-unread={unread ?? ""}
        aria-current={path.startsWith(href) ? "page" : undefined}
      >
        {/* An inline bell: office PCs often lack an emoji font. */}
        <svg
          class="inbox-link__icon"
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 24 24"
          width="16"
          height="16"
        >
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        消息
        {count > 0 && (
          <span class="inbox-link__count" aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
        )}
        <span class="visually-hidden">{unread === null ? "" : `（未读消息 ${count} 条）`}</span>
      </a>
      <span class="visually-hidden" aria-live="polite">
        {news}
      </span>
    </>
  );
}
