import { useEffect, useState } from "preact/hooks";
import type { DeskInfo } from "../../../schema/realtime/reception-queue.ts";
import { getSessionDesks } from "../api/reception.ts";

/** "2 号窗口 · 县人力资源和社会保障局 · 王局长": how a desk is named on boards and phones. */
export function deskLabel(desk: DeskInfo | undefined, number: number): string {
  const parts = [`${number} 号窗口`];
  if (desk?.unitName) parts.push(desk.unitName);
  if (desk?.leaderName)
    parts.push(`${desk.leaderName}${desk.leaderPosition ? ` ${desk.leaderPosition}` : ""}`);
  return parts.join(" · ");
}

/**
 * The desks of a session, read once when the queue shows it is a joint reception (the live
 * state carries numbers only; who sits where is published with the session).
 */
export function useDesks(tenant: string, sessionId: string, joint: boolean): DeskInfo[] {
  const [desks, setDesks] = useState<DeskInfo[]>([]);
  useEffect(() => {
    if (!joint) return;
    let live = true;
    getSessionDesks(tenant, sessionId).then(
      (d) => live && setDesks(d.desks),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [tenant, sessionId, joint]);
  return desks;
}
