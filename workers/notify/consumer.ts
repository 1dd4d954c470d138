/**
 * The notification queue's consumer. Delivery channels (in-app, WeCom, DingTalk, SMS,
 * email, Web Push, webhooks) are added with the notifications work; until a message kind
 * has a channel it is retried and then kept in the dead-letter queue, never dropped.
 */
export async function consumeNotifications(batch: MessageBatch<unknown>) {
  for (const message of batch.messages) {
    console.warn(`notify: no channel yet for message ${message.id}; retrying`);
    message.retry({ delaySeconds: 60 });
  }
}
