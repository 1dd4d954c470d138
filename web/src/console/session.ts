import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Me as MeResponse } from "../../../schema/api/auth.ts";

export interface Session {
  /** County code from the URL; always the tenant of `me` once the console renders. */
  tenant: string;
  me: MeResponse;
  isAdmin: boolean;
  /** Re-reads the signed-in user, e.g. after an admin edits their own record or the county. */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() used outside the signed-in console");
  return session;
}
