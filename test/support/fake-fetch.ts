import { expect } from "vitest";
import type { OutgoingMessage } from "../../workers/notify/channels/types.ts";

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | null | undefined;
  redirect: RequestInit["redirect"];
}

type Script = Response | Error;

/** A fetch that records each call and answers from a script, one entry per call. */
export function fakeFetch(...script: Script[]) {
  const calls: RecordedCall[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: init?.body,
      signal: init?.signal,
      redirect: init?.redirect,
    });
    const next = script.shift();
    if (next === undefined) throw new Error("fake fetch: no scripted reply left");
    if (next instanceof Error) throw next;
    return next;
  };
  const only = () => {
    expect(calls).toHaveLength(1);
    const [call] = calls;
    if (!call) throw new Error("no call");
    return call;
  };
  return { fetchFn, calls, only };
}

export const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });

export const bodyText = (call: RecordedCall) => {
  if (typeof call.body !== "string") throw new Error("expected a string body");
  return call.body;
};

export const message: OutgoingMessage = {
  id: "dlv_01JDEXAMPLE",
  title: "案件临近到期",
  body: "案件 XF2026-000123（土地征收）的办理期限将于 11月25日 到期，已用时 80%。",
  link: "https://lianxin.example.cn/t/wuyuan/petitions/123",
};
