/**
 * The live channel's AWS side on DynamoDB Local: the WebSocket API's `$connect` and `$disconnect`
 * handlers, and the publisher that posts to the stage's `@connections` endpoint — here a small local
 * HTTP server standing in for it (the SDK client pointed at it), answering 200, 410 Gone or 500.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as connect } from '../../functions/live-connect';
import { handler as disconnect } from '../../functions/live-disconnect';
import {
  ApiGatewayLivePublisher,
  createManagementClient,
} from '../../shared/adapters/apigateway/live-publisher';
import { createDocumentClient, getDeps, overrideDeps } from '../../shared/adapters/deps';
import { keys, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/keys';
import {
  DynamoLiveConnections,
  LIVE_CONNECTION_TTL_SECONDS,
} from '../../shared/adapters/dynamodb/live-connections';
import { ENV } from '../../shared/config/env';
import type { LivePublisher } from '../../shared/ports/live-publisher';
import { auctionChannel, LiveAuctionMessageSchema } from '../../shared/schemas/transfer';
import { type ApiClient, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier } from '../helpers/bidder';
import { enrolBidder, LAND_TERMS, publishTransfer, quote } from '../helpers/transfer';

/** What the stand-in `@connections` endpoint received: connection id → bodies, in order. */
const posted = new Map<string, string[]>();
/** How the stand-in answers a connection: 410 Gone, 500, or (absent) 200. */
const answers = new Map<string, 410 | 500>();

let api: ApiClient;
let endpoint: Server;
let publisher: ApiGatewayLivePublisher;
let connections: DynamoLiveConnections;
let gatewayPublisher: LivePublisher;
let documents: ReturnType<typeof createDocumentClient>;

/** A `$connect` / `$disconnect` event as API Gateway sends it (the fields the handlers read). */
function wsEvent(
  routeKey: '$connect' | '$disconnect',
  connectionId: string,
  query?: Record<string, string>,
): APIGatewayProxyWebsocketEventV2 {
  return {
    requestContext: {
      routeKey,
      eventType: routeKey === '$connect' ? 'CONNECT' : 'DISCONNECT',
      connectionId,
      connectedAt: Date.parse('2027-03-01T02:00:00.000Z'),
      messageId: 'm',
      extendedRequestId: 'x',
      requestTime: '01/Mar/2027:02:00:00 +0000',
      messageDirection: 'IN',
      stage: 'live',
      requestTimeEpoch: Date.parse('2027-03-01T02:00:00.000Z'),
      requestId: 'r',
      domainName: 'live.example',
      apiId: 'api',
    },
    isBase64Encoded: false,
    ...(query ? { queryStringParameters: query } : {}),
  };
}

/** A connection id as API Gateway makes them (base64, with `=`, which the path must encode). */
function connectionId(): string {
  return `${ulid().slice(-12)}Cg=`;
}

/** The stored item at a key, or undefined. */
async function item(key: { pk: string; sk: string }) {
  const { TABLE_NAME } = process.env;
  return (await documents.send(new GetCommand({ TableName: TABLE_NAME, Key: key }))).Item;
}

beforeAll(async () => {
  api = await startTestApi();
  documents = createDocumentClient();
  gatewayPublisher = getDeps().live;
  endpoint = createServer((req, res) => {
    const match = /^\/live\/@connections\/([^/]+)$/.exec(decodeURIComponent(req.url ?? ''));
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const id = match?.[1];
      if (req.method !== 'POST' || !id) {
        res.writeHead(404).end();
        return;
      }
      const answer = answers.get(id);
      if (answer === 410) {
        res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
        res.end('{"message":"Gone"}');
        return;
      }
      if (answer === 500) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerError' });
        res.end('{"message":"boom"}');
        return;
      }
      posted.set(id, [...(posted.get(id) ?? []), body]);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/live`;
  connections = new DynamoLiveConnections(documents, process.env[ENV.tableName] as string);
  publisher = new ApiGatewayLivePublisher(
    connections,
    createManagementClient(url, {
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
});
afterAll(async () => {
  overrideDeps({ live: gatewayPublisher });
  await api?.gateway.stop();
  documents?.destroy();
  endpoint?.closeAllConnections();
  await new Promise<void>((resolve) => (endpoint ? endpoint.close(() => resolve()) : resolve()));
});

describe('$connect and $disconnect (the WebSocket API’s handlers)', () => {
  it('stores a connection of a valid channel with its reverse item, both with the TTL, and forgets both at $disconnect', async () => {
    // Prepare
    const channel = auctionChannel(ulid());
    const id = connectionId();

    // Act
    const connected = await connect(wsEvent('$connect', id, { channel }));
    const stored = await item(keys.liveConnection(channel, id));
    const reverse = await item(keys.liveConnectionChannel(id));
    const listed = await connections.list(channel);
    const disconnected = await disconnect(wsEvent('$disconnect', id));
    const afterwards = [
      await item(keys.liveConnection(channel, id)),
      await item(keys.liveConnectionChannel(id)),
    ];

    // Assess
    expect(connected).toEqual({ statusCode: 200 });
    const expires = Date.parse('2027-03-01T02:00:00.000Z') / 1000 + LIVE_CONNECTION_TTL_SECONDS;
    expect(stored).toMatchObject({ connectionId: id, [TTL_ATTRIBUTE]: expires });
    expect(reverse).toMatchObject({ channel, [TTL_ATTRIBUTE]: expires });
    expect(listed).toEqual([id]);
    expect(disconnected).toEqual({ statusCode: 200 });
    expect(afterwards).toEqual([undefined, undefined]);
  });

  it('refuses a missing or invalid channel with 400 and stores nothing', async () => {
    // Prepare
    const cases: Array<Record<string, string> | undefined> = [
      undefined,
      { channel: 'auction:not-a-ulid' },
      { channel: `tender:${ulid()}` },
      { other: 'x' },
    ];

    for (const query of cases) {
      // Act
      const id = connectionId();
      const answer = await connect(wsEvent('$connect', id, query));

      // Assess
      expect(answer.statusCode, JSON.stringify(query)).toBe(400);
      expect(JSON.parse(answer.body as string).detail).toContain('auction:<tenderId>');
      expect(JSON.parse(answer.body as string).detail).toContain('频道');
      expect(await item(keys.liveConnectionChannel(id))).toBeUndefined();
    }
  });

  it('answers a $disconnect of a connection it never stored with 200', async () => {
    // Act / Assess
    expect(await disconnect(wsEvent('$disconnect', connectionId()))).toEqual({ statusCode: 200 });
  });
});

describe('the publisher (PostToConnection on the stage’s @connections)', () => {
  it('posts the message to every connection of the channel and deletes those that answer 410 Gone', async () => {
    // Prepare: two live connections and one gone, on one channel; one connection elsewhere
    const channel = auctionChannel(ulid());
    const [live1, live2, gone, elsewhere] = [connectionId(), connectionId(), connectionId(), connectionId()];
    for (const id of [live1, live2, gone]) await connect(wsEvent('$connect', id, { channel }));
    await connect(wsEvent('$connect', elsewhere, { channel: auctionChannel(ulid()) }));
    answers.set(gone, 410);

    // Act
    await publisher.publish(channel, { hello: '你好' });
    const left = (await connections.list(channel)).sort();

    // Assess
    expect(posted.get(live1)).toEqual(['{"hello":"你好"}']);
    expect(posted.get(live2)).toEqual(['{"hello":"你好"}']);
    expect(posted.get(gone)).toBeUndefined();
    expect(posted.get(elsewhere)).toBeUndefined();
    expect(left).toEqual([live1, live2].sort());
    expect(await item(keys.liveConnectionChannel(gone))).toBeUndefined();
    expect(await item(keys.liveConnectionChannel(live1))).toBeDefined();
  });

  it('reports a push that failed otherwise, after delivering to the others, and keeps that connection', async () => {
    // Prepare
    const channel = auctionChannel(ulid());
    const [fine, broken] = [connectionId(), connectionId()];
    for (const id of [fine, broken]) await connect(wsEvent('$connect', id, { channel }));
    answers.set(broken, 500);

    // Act
    const outcome = await publisher.publish(channel, { n: 1 }).then(
      () => 'delivered',
      (error: Error) => error.message,
    );

    // Assess
    expect(outcome).toContain(`1 of 2 pushes to ${channel} failed`);
    expect(posted.get(fine)).toEqual(['{"n":1}']);
    expect((await connections.list(channel)).sort()).toEqual([fine, broken].sort());
  });

  it('carries a quote placed over HTTP to the stored connections, and the quote stands when a push fails', async () => {
    // Prepare: the gateway's handlers publish through the AWS adapter; a listing with one bidder
    overrideDeps({ live: publisher });
    const purchaser = await api.token('purchaser', 'org-land-bureau-aws');
    const centre = await api.token('centre', 'org-trading-centre');
    const { tender } = await publishTransfer(api, purchaser);
    const bidder: TestSupplier = await makeSupplier(api, 1300, 'large');
    await enrolBidder(api, tender.id, centre, bidder);
    api.gateway.clock.set(new Date(Date.parse(tender.content.timeline.documentsFrom) + 60_000));
    const [watcher, broken] = [connectionId(), connectionId()];
    for (const id of [watcher, broken])
      await connect(wsEvent('$connect', id, { channel: auctionChannel(tender.id) }));
    answers.set(broken, 500);

    // Act
    const placed = await quote(api, tender.id, bidder, LAND_TERMS.startPriceFen);

    // Assess: the push is the quote's view, as the schema says; the failing push failed nothing
    expect(placed.status).toBe(201);
    const [frame] = posted.get(watcher) ?? [];
    const message = LiveAuctionMessageSchema.parse(JSON.parse(frame as string));
    expect(message).toMatchObject({ type: 'auction', event: 'quote', tenderId: tender.id });
    expect(message.view).toEqual(placed.body.auction);
    expect(message.view).toMatchObject({ currentPriceFen: LAND_TERMS.startPriceFen, quoteCount: 1 });
  });
});
