import { z } from "zod";
import { continueScan } from "../domain/notify/scan.ts";
import { type Env, shardNames } from "../env.ts";

const Message = z.object({
  step: z.enum(["run", "continue"]),
  tenant: z.string().regex(/^\d{6}$/),
  shard: z.string().min(1).max(64),
  at: z.number().int().nonnegative(),
});

/**
 * The scan queue's consumer: each message is one county's run, or the rest of its due
 * cases. A message that fails is retried by the queue on its own; other counties' go on.
 */
export async function consumeScans(batch: MessageBatch<unknown>, env: Env) {
  for (const message of batch.messages) {
    const parsed = Message.safeParse(message.body);
    if (!parsed.success || !shardNames(env).includes(parsed.data.shard)) {
      console.error(`scan queue: malformed message ${message.id}`);
      message.ack();
      continue;
    }
    try {
      await continueScan(env, parsed.data);
      message.ack();
    } catch (error) {
      console.error(`scan queue: county ${parsed.data.tenant} failed; retried`, error);
      message.retry();
    }
  }
}
