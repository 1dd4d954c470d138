/**
 * The rules of the day's queue, as plain functions: whom to call next, and how long the
 * wait is likely to be.
 */

export interface Waiting {
  number: number;
  kind: "booked" | "walk_in";
  slotStart: string | null;
  checkedInAt: number;
}

/**
 * Booked citizens go in the order of their slots (then arrival); walk-ins are interleaved:
 * after `walkInEvery - 1` booked citizens in a row, a waiting walk-in is called. With no
 * booked citizen waiting, walk-ins are called in order of arrival.
 */
export function chooseNext(
  waiting: readonly Waiting[],
  bookedSinceWalkIn: number,
  walkInEvery: number,
) {
  const booked = waiting
    .filter((t) => t.kind === "booked")
    .sort(
      (a, b) =>
        (a.slotStart ?? "").localeCompare(b.slotStart ?? "") || a.checkedInAt - b.checkedInAt,
    );
  const walkIns = waiting
    .filter((t) => t.kind === "walk_in")
    .sort((a, b) => a.checkedInAt - b.checkedInAt);
  const walkInTurn = walkInEvery > 0 && bookedSinceWalkIn >= walkInEvery - 1;
  if (walkIns[0] && (walkInTurn || !booked[0])) return walkIns[0];
  return booked[0] ?? walkIns[0];
}

/** The order the waiting will be called in, following `chooseNext` step by step. */
export function callingOrder(
  waiting: readonly Waiting[],
  bookedSinceWalkIn: number,
  walkInEvery: number,
) {
  const left = [...waiting];
  const order: Waiting[] = [];
  let streak = bookedSinceWalkIn;
  while (left.length > 0) {
    const next = chooseNext(left, streak, walkInEvery);
    if (!next) break;
    order.push(next);
    streak = next.kind === "walk_in" ? 0 : streak + 1;
    left.splice(left.indexOf(next), 1);
  }
  return order;
}

/** Minutes until a citizen `position` places back is called, from today's service times. */
export function estimateWaitMinutes(
  position: number,
  serviceMinutes: readonly number[],
  fallback = 15,
) {
  const mean = serviceMinutes.length
    ? serviceMinutes.reduce((sum, m) => sum + m, 0) / serviceMinutes.length
    : fallback;
  return Math.round(position * mean);
}
