import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Notification as NotificationItem } from "../../../../schema/api/notifications.ts";
import { listNotifications, markNotificationsRead } from "../../api/notify.ts";
import { formatDateTime } from "../../shared/format.ts";
import { EVENT_LABELS, labelFor } from "../../shared/notify-labels.ts";
import { consolePath } from "../../shared/tenant.ts";
import { ErrorAlert, SuccessStatus } from "../components/ErrorAlert.tsx";
import { Loading } from "../components/Loading.tsx";
import { PushOptIn } from "../components/PushOptIn.tsx";
import { useAsync, usePageTitle } from "../hooks.ts";
import { useSession } from "../session.ts";
import { announceUnread } from "../unread.ts";

const LIMIT = 100;

/** Unread first, newest first within each group. */
function ordered(items: readonly NotificationItem[]): NotificationItem[] {
  return [...items].sort(
    (a, b) =>
      Number(a.readAt !== null) - Number(b.readAt !== null) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

export function InboxPage() {
  const { tenant, me } = useSession();
  usePageTitle("消息", me.tenant.name);
  const { route } = useLocation();
  const inbox = useAsync(() => listNotifications(tenant, { limit: LIMIT }), tenant);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  const markLocally = (ids: readonly string[] | "all", unread: number) => {
    const now = new Date().toISOString();
    inbox.setData((data) => ({
      unread,
      items: (data?.items ?? []).map((n) =>
        n.readAt === null && (ids === "all" || ids.includes(n.id)) ? { ...n, readAt: now } : n,
      ),
    }));
    announceUnread(unread);
  };

  const open = async (item: NotificationItem, event?: Event) => {
    event?.preventDefault();
    setError(null);
    setStatus(null);
    if (item.readAt === null) {
      try {
        const { unread } = await markNotificationsRead(tenant, { ids: [item.id] });
        markLocally([item.id], unread);
      } catch (err) {
        // Opening the case matters more than the read mark; say so only when staying here.
        if (!item.petitionId) {
          setError(err);
          return;
        }
      }
    }
    if (item.petitionId) {
      route(consolePath(tenant, `/petitions/${encodeURIComponent(item.petitionId)}`));
    } else {
      setStatus("已标为已读。");
    }
  };

  const markAll = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const { unread } = await markNotificationsRead(tenant, { all: true });
      markLocally("all", unread);
      setStatus("全部消息已标为已读。");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const data = inbox.data;
  const items = data ? ordered(data.items) : [];
  return (
    <>
      <h1>消息</h1>
      <p class="lead">期限提醒、超期和督办通知。点开一条消息即标为已读，并打开相关案件。</p>
      <div class="actions toolbar">
        <button
          type="button"
          class="button"
          disabled={busy || !data || data.unread === 0}
          onClick={markAll}
        >
          全部标为已读
        </button>
        <button type="button" class="button" disabled={inbox.loading} onClick={inbox.reload}>
          刷新
        </button>
        {data && (
          <span class="muted" data-testid="inbox-unread">
            未读 {data.unread} 条
          </span>
        )}
      </div>
      <ErrorAlert error={inbox.error} />
      <ErrorAlert error={error} />
      <SuccessStatus message={status} />
      {!data && inbox.loading && <Loading what="消息" />}
      {data && items.length === 0 && <p class="muted">暂无消息。</p>}
      {items.length > 0 && (
        <ul class="inbox" aria-label="消息列表">
          {items.map((item) => (
            <InboxItem key={item.id} tenant={tenant} item={item} onOpen={open} />
          ))}
        </ul>
      )}
      <PushOptIn tenant={tenant} />
    </>
  );
}

function InboxItem({
  tenant,
  item,
  onOpen,
}: {
  tenant: string;
  item: NotificationItem;
  onOpen: (item: NotificationItem, event?: Event) => void;
}) {
  const unread = item.readAt === null;
  const title = (
    <>
      {unread && <span class="tag tag--info inbox__state">未读</span>}
      <span class="inbox__title">{item.title}</span>
    </>
  );
  return (
    <li class={`inbox__item${unread ? " inbox__item--unread" : ""}`} data-event={item.event}>
      <p class="inbox__head">
        {item.petitionId ? (
          <a
            class="inbox__link"
            href={consolePath(tenant, `/petitions/${encodeURIComponent(item.petitionId)}`)}
            onClick={(e) => onOpen(item, e)}
          >
            {title}
          </a>
        ) : (
          <span class="inbox__link">{title}</span>
        )}
      </p>
      <p class="inbox__body">{item.body}</p>
      <p class="inbox__meta">
        <span>{labelFor(EVENT_LABELS, item.event)}</span>
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        {!item.petitionId && unread && (
          <button type="button" class="button button--small" onClick={() => onOpen(item)}>
            标为已读
          </button>
        )}
      </p>
    </li>
  );
}
