import type {
  PublicTicket,
  QueueState,
  ServerMessage,
  WireQueue,
  WireTicket,
} from "../../../schema/realtime/reception-queue.ts";

const ticket = ([number, desk, calls, etaMinutes]: WireTicket): PublicTicket =>
  etaMinutes === undefined ? { number, desk, calls } : { number, desk, calls, etaMinutes };

/** The public socket's short form (WireQueue) back in named form, as the HTTP answer has it. */
export function expandQueue(q: WireQueue, sessionId: string): QueueState {
  return {
    sessionId,
    status: q.s,
    nowServing: q.n ? ticket(q.n) : null,
    waiting: q.w.map(ticket),
    parked: (q.p ?? []).map(ticket),
    served: q.d,
    noShows: q.x,
    averageServiceMinutes: q.a ?? null,
    ...(q.k && {
      desks: q.k.map(([number, waiting, serving]) => ({
        number,
        nowServing: serving ? ticket(serving) : null,
        waiting,
      })),
    }),
  };
}

/**
 * The public queue a board or phone shows, from whichever message came: socket or poll.
 * Pages make it once per message (useMemo): their effects key on the state's identity.
 * No preact here: the Worker's tests read the socket with it too.
 */
export function queueOf(message: ServerMessage | null, sessionId: string): QueueState | null {
  if (message?.type === "queue") return expandQueue(message.q, sessionId);
  if (message?.type === "state") return message.state;
  return null;
}
