import type {
  CodeIssue,
  GatedBooking,
  GatedResult,
  IssueResult,
} from "../../schema/realtime/phone-gate.ts";
import type { Env } from "../env.ts";
import type { PhoneGate } from "./phone-object.ts";

/**
 * The one way the Worker talks to a phone's `PhoneGate` object: it names the object (one
 * per county and phone keyed hash) and gives the answers their types from schema/realtime.
 */
export class PhoneGateClient {
  readonly #stub: DurableObjectStub<PhoneGate>;

  constructor(env: Env, tenant: string, phoneHash: string) {
    this.#stub = env.PHONE_GATE.get(env.PHONE_GATE.idFromName(`${tenant}:${phoneHash}`));
  }

  async issue(request: CodeIssue): Promise<IssueResult> {
    return (await this.#stub.issue(request)) as IssueResult;
  }

  async book(request: GatedBooking): Promise<GatedResult> {
    return (await this.#stub.book(request)) as GatedResult;
  }

  /** A cancelled booking stops counting against the phone's monthly cap. */
  async released(bookingCode: string): Promise<void> {
    await this.#stub.released(bookingCode);
  }
}
