import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TicketBook, type TicketRecord } from "../../workers/reception/session-tickets.ts";

const arrival = (desk: number): Omit<TicketRecord, "number"> => ({
  kind: "walk_in",
  desk,
  bookingCode: null,
  label: "张*",
  partySealed: null,
  topic: null,
  headcount: 1,
  slot: null,
  status: "waiting",
  calls: 0,
  checkedInAt: 0,
  calledAt: null,
  completedAt: null,
  petitionId: null,
});

/** A book on a fresh session object's SQLite, and the same read back as a wake would. */
async function withBook(test: (book: TicketBook, reopen: () => TicketBook) => void) {
  const stub = env.RECEPTION_SESSION.get(env.RECEPTION_SESSION.newUniqueId());
  await runInDurableObject(stub, (_instance, state) => {
    test(new TicketBook(state.storage.sql), () => new TicketBook(state.storage.sql));
  });
}

describe("the ticket book's desks now serving", () => {
  it("follows each desk's latest open call as tickets are called, finished and moved", async () => {
    await withBook((book, reopen) => {
      for (const desk of [1, 1, 1, 2, 2]) book.add(arrival(desk));
      const call = (n: number) => book.update(n, { status: "called", calls: 1, calledAt: 1 });
      const serving = () => Object.fromEntries(book.serving());
      expect(serving()).toEqual({});
      call(2);
      call(1);
      call(4);
      expect(serving()).toEqual({ 1: 2, 2: 4 });
      // The latest finished: the desk's earlier open call is what it serves again.
      book.update(2, { status: "completed", completedAt: 2 });
      expect(serving()).toEqual({ 1: 1, 2: 4 });
      // Called again, it stays; moved to another desk, it waits there and leaves desk 2 empty.
      book.update(1, { calls: 2 });
      book.update(4, { status: "waiting", desk: 1 });
      expect(serving()).toEqual({ 1: 1 });
      call(3);
      book.update(1, { status: "no_show" });
      expect(serving()).toEqual({ 1: 3 });
      expect(Object.fromEntries(reopen().serving())).toEqual({ 1: 3 });
    });
  });
});
