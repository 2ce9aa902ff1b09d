import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { LivePublisher } from '../../shared/ports/live-publisher';
import { LiveChannelSchema } from '../../shared/schemas/transfer';

/** Where the gateway takes WebSocket upgrades; `/config.json`'s `live.url` names it. */
export const LIVE_PATH = '/api/live';

/** The gateway's live channels: its publisher, the subscribers it holds and its shutdown. */
export interface LocalLiveChannels {
  /** Delivers to this gateway's subscribers, in process (the local stand-in for `@connections`). */
  publisher: LivePublisher;
  /** How many sockets are subscribed to a channel now. */
  subscribers(channel: string): number;
  /** Closes every socket and the WebSocket server. */
  close(): Promise<void>;
}

/** Answers a refused upgrade on the raw socket with an HTTP status and a bilingual problem. */
function refuseUpgrade(socket: Duplex, status: 400 | 404, zh: string, en: string): void {
  const reason = status === 400 ? 'Bad Request' : 'Not Found';
  const title = status === 400 ? '请求无效 / Bad request' : '未找到 / Not found';
  const body = JSON.stringify({
    type: `urn:ggzy-portal:problem:gateway-${status}`,
    title,
    status,
    detail: `${zh} / ${en}`,
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'content-type: application/problem+json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

/**
 * Takes WebSocket upgrades at `/api/live?channel=auction:<tenderId>` on the gateway's server, the
 * protocol of the WebSocket API in AWS: a channel that is not `auction:<ULID>` is refused with 400;
 * a subscriber receives the channel's messages as JSON text frames and sends nothing (anything it
 * sends is ignored; pings are answered by the library).
 */
export function attachLiveChannels(server: Server): LocalLiveChannels {
  const sockets = new WebSocketServer({ noServer: true });
  const channels = new Map<string, Set<WebSocket>>();

  const drop = (channel: string, socket: WebSocket): void => {
    const set = channels.get(channel);
    set?.delete(socket);
    if (set?.size === 0) channels.delete(channel);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== LIVE_PATH) {
      refuseUpgrade(socket, 404, '没有这个频道接口', `No WebSocket endpoint at ${url.pathname}`);
      return;
    }
    const parsed = LiveChannelSchema.safeParse(url.searchParams.get('channel') ?? undefined);
    if (!parsed.success) {
      refuseUpgrade(
        socket,
        400,
        '需要有效的频道：?channel=auction:<项目编号>',
        'Give a valid ?channel=auction:<tenderId>',
      );
      return;
    }
    const channel = parsed.data;
    sockets.handleUpgrade(req, socket, head, (ws) => {
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
      }
      set.add(ws);
      ws.on('close', () => drop(channel, ws));
      ws.on('error', () => drop(channel, ws));
    });
  });

  const publisher: LivePublisher = {
    publish: async (channel, message) => {
      const set = channels.get(channel);
      if (!set) return;
      const data = JSON.stringify(message);
      await Promise.all(
        [...set].map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState !== WebSocket.OPEN) {
                // Closing or gone: as API Gateway's 410, it is forgotten, not an error
                drop(channel, ws);
                resolve();
                return;
              }
              ws.send(data, (error) => {
                if (error) drop(channel, ws);
                resolve();
              });
            }),
        ),
      );
    },
  };

  return {
    publisher,
    subscribers: (channel) => channels.get(channel)?.size ?? 0,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      channels.clear();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
