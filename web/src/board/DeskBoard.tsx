import type { DeskInfo, QueueState } from "../../../schema/realtime/reception-queue.ts";

const NEXT_PER_DESK = 3;

/**
 * A joint reception on the board: a column per desk, whom it serves and who is next there.
 * Numbers only; the desk's leader and unit are as published with the session.
 */
export function DeskBoard({ state, desks }: { state: QueueState; desks: readonly DeskInfo[] }) {
  return (
    <ul class="board__desks" data-testid="board-desks">
      {(state.desks ?? []).map((live) => {
        const desk = desks.find((d) => d.number === live.number);
        const next = state.waiting.filter((t) => t.desk === live.number).slice(0, NEXT_PER_DESK);
        return (
          <li key={live.number} class="board__desk" data-desk={live.number}>
            <h2 class="board__desk-name">
              {live.number} 号窗口
              {desk && (
                <span class="board__desk-who">
                  {desk.unitName} {desk.leaderName}
                </span>
              )}
            </h2>
            <p class="board__desk-now" data-testid={`board-desk-${live.number}-now`}>
              {live.nowServing ? (
                <>
                  <strong>{live.nowServing.number}</strong> 号请到 {live.number} 号窗口
                </>
              ) : (
                "暂无接待"
              )}
            </p>
            <p class="board__desk-next">
              下一位：{next.length > 0 ? next.map((t) => `${t.number} 号`).join("、") : "暂无"}
              <span class="board__desk-count">（等候 {live.waiting} 人）</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
