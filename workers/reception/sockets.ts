/**
 * Answers a client's close. The code it closed with is not echoed: 1005 (no code) and
 * 1006 (dropped) are reserved and may not be sent, so the reply is always a normal 1000.
 */
export function closeQuietly(ws: WebSocket) {
  try {
    ws.close(1000, "closing");
  } catch {
    // Already closed from our side, or the connection is gone.
  }
}
