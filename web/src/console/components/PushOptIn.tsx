import { useEffect, useState } from "preact/hooks";
import { getPushKey, savePushSubscription } from "../../api/notify.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";

/** The service worker the build writes at the site root (web/sw.js). */
const WORKER_URL = "/sw.js";

type State =
  | { kind: "checking" }
  | { kind: "unavailable" }
  | { kind: "ready"; key: string }
  | { kind: "working"; key: string }
  | { kind: "on" }
  | { kind: "blocked" };

function supported(): boolean {
  return (
    typeof window !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window &&
    window.isSecureContext
  );
}

/** A VAPID key as the server gives it (base64url) → the bytes pushManager wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * 开启浏览器推送: shown when the county has Web Push configured and this browser can do it.
 * Subscribing asks the browser's permission, registers the service worker and hands the
 * subscription to the server.
 */
export function PushOptIn({ tenant }: { tenant: string }) {
  const [state, setState] = useState<State>({ kind: "checking" });
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    if (!supported()) {
      setState({ kind: "unavailable" });
      return;
    }
    (async () => {
      const { publicKey } = await getPushKey(tenant);
      if (!publicKey) return { kind: "unavailable" } as const;
      if (Notification.permission === "denied") return { kind: "blocked" } as const;
      const registration = await navigator.serviceWorker.getRegistration(WORKER_URL);
      const existing = await registration?.pushManager.getSubscription();
      return existing && Notification.permission === "granted"
        ? ({ kind: "on" } as const)
        : ({ kind: "ready", key: publicKey } as const);
    })().then(
      (next) => live && setState(next),
      () => live && setState({ kind: "unavailable" }),
    );
    return () => {
      live = false;
    };
  }, [tenant]);

  if (state.kind === "checking" || state.kind === "unavailable") return null;

  const subscribe = async (key: string) => {
    setError(null);
    setState({ kind: "working", key });
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? { kind: "blocked" } : { kind: "ready", key });
        return;
      }
      await navigator.serviceWorker.register(WORKER_URL);
      const registration = await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(key),
        }));
      const json = subscription.toJSON();
      await savePushSubscription(tenant, {
        endpoint: subscription.endpoint,
        keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
      });
      setState({ kind: "on" });
    } catch (err) {
      setError(err);
      setState({ kind: "ready", key });
    }
  };

  return (
    <section class="card" aria-labelledby="push-title">
      <h2 id="push-title">浏览器推送</h2>
      {state.kind === "on" && (
        <p role="status" class="field-ok">
          <span aria-hidden="true">✓ </span>
          本浏览器已开启推送，即使不打开工作台也能收到超期和督办通知。
        </p>
      )}
      {state.kind === "blocked" && (
        <p>浏览器已禁止本站发送通知。如需开启，请在浏览器的网站设置中允许通知后刷新页面。</p>
      )}
      {(state.kind === "ready" || state.kind === "working") && (
        <>
          <p>开启后，超期、督办等通知会直接弹出在本电脑上。公用电脑请勿开启。</p>
          <button
            type="button"
            class="button"
            disabled={state.kind === "working"}
            onClick={() => void subscribe(state.key)}
          >
            开启浏览器推送
          </button>
        </>
      )}
      {error !== null && (
        <ErrorAlert
          error={
            error instanceof Error && error.name !== "ApiError"
              ? new Error("浏览器未能开启推送，请稍后重试。")
              : error
          }
        />
      )}
    </section>
  );
}
