/**
 * Pushes messages to the clients subscribed to a live channel (the transfers' auction rooms).
 *
 * Why a port: the use case says what happened; locally the gateway's WebSocket server delivers it, in
 * AWS the API Gateway WebSocket API's management endpoint does. A push is best effort: a client that
 * misses one reads the polled view again, so a failed `publish` never fails the use case that called
 * it (the use cases catch it and log a warning).
 */
export interface LivePublisher {
  /**
   * Sends `message` (serialised as JSON) to every connection subscribed to `channel`, all at once;
   * resolves when each has been answered, rejects when a push failed for another reason than the
   * client being gone.
   */
  publish(channel: string, message: unknown): Promise<void>;
}
