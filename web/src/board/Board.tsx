import "./board.css";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ReceptionSession } from "../../../schema/api/reception.ts";
import type { ServerMessage as QueueMessage } from "../../../schema/realtime/reception-queue.ts";
import { getQueue, getSession, queueWatchPath, socketUrl } from "../api/reception.ts";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { useDesks } from "../shared/desks.ts";
import { LIVE_STATUS_LABELS, useLiveSocket } from "../shared/live-socket.ts";
import { queueOf } from "../shared/public-queue.ts";
import { DeskBoard } from "./DeskBoard.tsx";
import { HallBoard } from "./HallBoard.tsx";

export type BoardTarget =
  | { tenant: string; sessionId: string }
  | { tenant: string; hall: { date: string; venue: string | null } };

/**
 * `/t/{tenant}/reception/board/{sessionId}`, or a hall's board
 * `/t/{tenant}/reception/hall?date=&venue=`; `?t=&session=` (or `?t=&date=`) also works,
 * for opening the built page directly (/board) where the Worker has no route for it.
 */
export function boardTarget(pathname: string, search: string): BoardTarget | null {
  const params = new URLSearchParams(search);
  const match = /^\/t\/(\d{6})\/reception\/board\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] && match[2]) return { tenant: match[1], sessionId: decodeURIComponent(match[2]) };
  const hall = /^\/t\/(\d{6})\/reception\/hall\/?$/.exec(pathname);
  const tenant = hall?.[1] ?? params.get("t") ?? "";
  if (!/^\d{6}$/.test(tenant)) return null;
  const date = params.get("date") ?? "";
  if ((hall || !params.get("session")) && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return { tenant, hall: { date, venue: params.get("venue") } };
  }
  const sessionId = params.get("session") ?? "";
  return sessionId && !hall ? { tenant, sessionId } : null;
}

const NEXT_SHOWN = 6;

export function useClock(): string {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(now);
}

/** Speaks "请 N 号到接待室" when switched on (browsers allow speech only after a click). */
function useVoice() {
  const supported = typeof window !== "undefined" && "speechSynthesis" in window;
  const [on, setOn] = useState(false);
  const speak = (text: string) => {
    if (!on || !supported) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "zh-CN";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  };
  return { supported, on, setOn, speak };
}

/** The public display board: numbers only, large, live. No names ever appear here. */
export function Board({ target }: { target: BoardTarget | null }) {
  if (!target) {
    return (
      <main class="board board--empty">
        <h1>没有找到该接访场次</h1>
        <p>请检查大屏地址。</p>
      </main>
    );
  }
  if ("hall" in target) return <HallBoard tenant={target.tenant} {...target.hall} />;
  return <LiveBoard {...target} />;
}

function LiveBoard({ tenant, sessionId }: { tenant: string; sessionId: string }) {
  const [session, setSession] = useState<ReceptionSession | null>(null);
  const [missing, setMissing] = useState(false);
  const { message, status } = useLiveSocket<QueueMessage>(
    missing ? null : socketUrl(queueWatchPath(tenant, sessionId)),
    () => getQueue(tenant, sessionId).then((state) => ({ type: "state", state })),
  );
  const state = useMemo(() => queueOf(message, sessionId), [message, sessionId]);
  const clock = useClock();
  const voice = useVoice();
  const spoken = useRef("");
  const joint = (state?.desks?.length ?? 0) > 1;
  const desks = useDesks(tenant, sessionId, joint);

  useEffect(() => {
    let live = true;
    getSession(tenant, sessionId).then(
      (s) => {
        if (!live) return;
        setSession(s);
        document.title = `叫号大屏 · ${s.leaderName} · ${s.unitName}`;
      },
      () => live && setMissing(true),
    );
    return () => {
      live = false;
    };
  }, [tenant, sessionId]);

  const now = state?.nowServing ?? null;
  // Speak each call once: a new number, or the same number called again.
  useEffect(() => {
    if (!now) return;
    const key = `${now.number}:${now.calls}`;
    if (spoken.current === key) return;
    const first = spoken.current === "";
    spoken.current = key;
    if (!first) voice.speak(`请 ${now.number} 号到${joint ? ` ${now.desk} 号窗口` : "接待室"}`);
  }, [now?.number, now?.calls]);

  if (missing) {
    return (
      <main class="board board--empty">
        <h1>没有找到该接访场次</h1>
        <p>该场接访不存在或尚未公示。</p>
      </main>
    );
  }

  const next = state?.waiting.slice(0, NEXT_SHOWN) ?? [];
  const cancelled = session?.status === "cancelled" || state?.status === "cancelled";
  return (
    <main class="board" data-testid="board">
      <header class="board__head">
        <div>
          <h1 class="board__title">
            {session ? `${session.leaderName} 接访` : "领导接访"}
            {session?.leaderPosition && (
              <span class="board__position">{session.leaderPosition}</span>
            )}
          </h1>
          {session && (
            <p class="board__where">
              {session.unitName} · {formatDate(session.date)} {weekdayOf(session.date)}{" "}
              {session.startTime}–{session.endTime} · {session.venue}
            </p>
          )}
        </div>
        <p class="board__clock">{clock}</p>
      </header>

      {cancelled ? (
        <p class="board__notice" role="alert">
          本场接访已取消
        </p>
      ) : joint && state ? (
        <DeskBoard state={state} desks={desks} />
      ) : (
        <div class="board__body">
          <section class="board__now" aria-labelledby="board-now">
            <h2 id="board-now">正在接待</h2>
            <div aria-live="assertive" aria-atomic="true">
              {/* A display figure, not a paragraph: a huge bold <p> reads as a lost heading. */}
              {now ? (
                <div class="board__number" data-testid="board-now" data-number={now.number}>
                  {now.number}
                  <span class="board__unit">号</span>
                </div>
              ) : (
                <div class="board__number board__number--none" data-testid="board-now">
                  —
                </div>
              )}
              <p class="board__call">
                {now
                  ? `请 ${now.number} 号到接待室${now.calls > 1 ? `（第 ${now.calls} 次呼叫）` : ""}`
                  : "请签到后在等候区等候叫号"}
              </p>
            </div>
          </section>
          <section class="board__next" aria-labelledby="board-next">
            <h2 id="board-next">下一位</h2>
            {next.length > 0 ? (
              <ol class="board__list" data-testid="board-next">
                {next.map((t) => (
                  <li key={t.number}>
                    {t.number}
                    <span class="board__unit">号</span>
                  </li>
                ))}
              </ol>
            ) : (
              <p class="board__empty">暂无等候</p>
            )}
            <p class="board__stats" aria-live="polite" data-testid="board-waiting">
              等候 <strong>{state?.waiting.length ?? 0}</strong> 人 · 已接待{" "}
              <strong>{state?.served ?? 0}</strong> 人
            </p>
          </section>
        </div>
      )}

      <footer class="board__foot">
        <span class={`board__live board__live--${status}`}>{LIVE_STATUS_LABELS[status]}</span>
        {voice.supported && (
          <button
            type="button"
            class="board__voice"
            aria-pressed={voice.on}
            onClick={() => voice.setOn(!voice.on)}
          >
            {voice.on ? "语音叫号：开" : "开启语音叫号"}
          </button>
        )}
      </footer>
    </main>
  );
}
