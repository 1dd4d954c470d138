// The header's unread count and the inbox page talk through this: the page publishes the
// count a mark-as-read returned, or asks the header to look again after some other action.

type Listener = (unread: number | null) => void;
const listeners = new Set<Listener>();

/** `unread` is the server's new count, or null for "changed, ask again". */
export function announceUnread(unread: number | null = null): void {
  for (const listener of listeners) listener(unread);
}

export function onUnreadChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
