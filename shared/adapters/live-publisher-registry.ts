import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LivePublisher } from '../ports/live-publisher';

/** The publisher of a process where nobody listens (scripts, the seed, tests' own Deps): pushes nothing. */
export const NO_LIVE_PUBLISHER: LivePublisher = Object.freeze({
  publish: async () => undefined,
});

/** What a live publisher is made from: the management endpoint and the table of the connections. */
export interface LivePublisherSetting {
  /** The WebSocket API stage's management endpoint, `https://<api>.execute-api.<region>.amazonaws.com/live`. */
  endpoint: string;
  /** The document client of the one table. */
  client: DynamoDBDocumentClient;
  /** The table holding the connections (`LIVE#<channel>`). */
  tableName: string;
}

/** Makes the live publisher; registered by the processes that publish. */
export type LivePublisherFactory = (setting: LivePublisherSetting) => LivePublisher | Promise<LivePublisher>;

let livePublisherFactory: LivePublisherFactory | undefined;

/**
 * Plugs in the live publisher (the WebSocket API's management endpoint): the functions that publish
 * (the transfers context, the tick) call this at import.
 *
 * Why a registry, as for the document store: the management API client is a chunk that the other
 * contexts must not carry, and the functions that do carry it load it at their first push.
 */
export function provideLivePublisher(factory: LivePublisherFactory): void {
  livePublisherFactory = factory;
}

/** The factory a process registered, if any (read by the composition root, `deps.ts`). */
export function registeredLivePublisher(): LivePublisherFactory | undefined {
  return livePublisherFactory;
}
