/**
 * Audit hardening, end to end on DynamoDB Local + s3rver through the HTTP gateway: every event
 * records the caller's network address and subject in a restricted record that only centre staff
 * see (电子招标投标办法第四十九条), while every public or other party's view names roles and
 * organisations only — and the public chain still verifies from the public events alone.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tender } from '../../shared/schemas/tender';
import {
  type ApiClient,
  type ApiResponse,
  clientFromAddresses,
  publishTender,
  type RequestOptions,
  startTestApi,
} from '../helpers/api';
import { makeSupplier, type PlacedBid, playToEvaluation, type TestSupplier } from '../helpers/bidder';

const PURCHASER_IP = '127.0.0.2';
const PURCHASER_SUB = '7d1e0b52-5a0c-4c61-9a55-0000purch0001';
const CENTRE_IP = '127.0.0.9';
const CENTRE_SUB = '7d1e0b52-5a0c-4c61-9a55-0000centr0001';
const SUPPLIER_IPS = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
const GENESIS = '0'.repeat(64);

let api: ApiClient;
/** The network address each token's requests come from. */
const addressOf = new Map<string, string>();

/** Sends a request from the token's own address (Node binds the client socket to it). */
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely, as the shared client does
function callFrom<T = any>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  return client.call<T>(method, path, options);
}

/** The same client, each caller acting from its own address and with a distinctive subject. */
function addressedClient(): ApiClient {
  return clientFromAddresses(api, addressOf, (role, orgId) => `0b9f-${role}-${orgId}-sub`);
}

/** Canonical JSON written here, independently of the portal's code: keys sorted at every depth. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Re-verifies a public chain from its events alone: links and every hash recomputed. */
function recomputeChain(events: { hash: string; prevHash: string; seq: number }[]): boolean {
  let prev = GENESIS;
  for (const [i, event] of events.entries()) {
    const { hash, ...body } = event;
    if (event.seq !== i + 1 || event.prevHash !== prev) return false;
    if (createHash('sha256').update(canonical(body)).digest('hex') !== hash) return false;
    prev = hash;
  }
  return true;
}

let client: ApiClient;
let purchaser: string;
let centre: string;
let suppliers: TestSupplier[];
let supplierSubs: string[];
let tender: Tender;
let bids: PlacedBid[];

beforeAll(async () => {
  api = await startTestApi();
  client = addressedClient();
  purchaser = await api.token('purchaser', 'org-district-school', PURCHASER_SUB);
  centre = await api.token('centre', 'org-trading-centre', CENTRE_SUB);
  addressOf.set(purchaser, PURCHASER_IP).set(centre, CENTRE_IP);
  suppliers = [];
  for (const [i, ip] of SUPPLIER_IPS.entries()) {
    // The profile is saved from 127.0.0.1; every later step from the supplier's own address.
    const supplier = await makeSupplier(client, 801 + i);
    addressOf.set(supplier.token, ip);
    suppliers.push(supplier);
  }
  supplierSubs = suppliers.map((s) => `0b9f-supplier-${s.orgId}-sub`);
  tender = await publishTender(client, purchaser);
  bids = await playToEvaluation(
    client,
    tender,
    suppliers.map((supplier, i) => ({ supplier, priceFen: 300_000_000 + i * 1_000_000 })),
  );
}, 120_000);

afterAll(async () => {
  await api.gateway.stop();
});

/** Every subject and address of the scenario: none may appear in a non-centre view. */
function secrets(): string[] {
  return [PURCHASER_SUB, PURCHASER_IP, CENTRE_SUB, CENTRE_IP, ...supplierSubs, ...SUPPLIER_IPS];
}

function expectNoSecrets(label: string, response: ApiResponse): void {
  expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  const text = JSON.stringify(response.body);
  for (const secret of secrets()) expect(text, `${label} shows ${secret}`).not.toContain(secret);
}

describe('network address and operator of every audit event (电子招标投标办法第四十九条)', () => {
  it("shows centre staff the purchaser's address 127.0.0.2 and subject on its publication, matching the public digest", async () => {
    // Act
    const view = await callFrom('GET', `/api/tenders/${tender.id}/audit/restricted`, { token: centre });

    // Assess
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const published = view.body.events.find((e: { type: string }) => e.type === 'tender.published');
    expect(published.restricted).toMatchObject({ sub: PURCHASER_SUB, sourceIp: PURCHASER_IP });
    expect(published.restrictedValid).toBe(true);
    expect(published.actor).toEqual({
      role: 'purchaser',
      orgId: 'org-district-school',
      restrictedDigest: createHash('sha256').update(canonical(published.restricted)).digest('hex'),
    });
    expect(view.body.verification.valid).toBe(true);
    const opened = view.body.events.find((e: { type: string }) => e.type === 'tender.opened');
    expect(opened?.restricted).toMatchObject({ sub: 'system:tick', sourceIp: null });
  });

  it("shows centre staff each bid's chain with its bidder's own address and subject", async () => {
    // Act
    const view = await callFrom('GET', `/api/tenders/${tender.id}/audit/restricted`, { token: centre });

    // Assess
    for (const [i, bid] of bids.entries()) {
      const chain = view.body.bids.find((b: { bidId: string }) => b.bidId === bid.bidId);
      expect(chain.verification.valid).toBe(true);
      const submitted = chain.events.find((e: { type: string }) => e.type === 'bid.submitted');
      expect(submitted.restricted).toMatchObject({ sub: supplierSubs[i], sourceIp: SUPPLIER_IPS[i] });
      expect(submitted.restrictedValid).toBe(true);
    }
  });

  it('keeps the restricted view from every other role', async () => {
    // Act
    const asPurchaser = await callFrom('GET', `/api/tenders/${tender.id}/audit/restricted`, {
      token: purchaser,
    });
    const asSupplier = await callFrom('GET', `/api/tenders/${tender.id}/audit/restricted`, {
      token: suppliers[0]?.token as string,
    });
    const anonymous = await callFrom('GET', `/api/tenders/${tender.id}/audit/restricted`);

    // Assess
    expect(asPurchaser.status).toBe(403);
    expect(asSupplier.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('publishes an audit log with neither address nor subject that still verifies from its own events', async () => {
    // Act
    const log = await callFrom('GET', `/api/tenders/${tender.id}/audit`);

    // Assess
    expectNoSecrets('public audit log', log);
    expect(log.body.verification.valid).toBe(true);
    expect(recomputeChain(log.body.events)).toBe(true);
    expect(log.body.events.at(-1).hash).toBe(log.body.verification.headHash);
    for (const event of log.body.events) expect(event.actor).not.toHaveProperty('sub');
  });

  it("shows the purchasing unit and another bidder a bid's chain without its bidder's address or subject", async () => {
    // Act
    const bid = bids[0] as PlacedBid;
    const byPurchaser = await callFrom('GET', `/api/tenders/${tender.id}/bids/${bid.bidId}/audit`, {
      token: purchaser,
    });
    const byOwner = await callFrom('GET', `/api/tenders/${tender.id}/bids/${bid.bidId}/audit`, {
      token: suppliers[0]?.token as string,
    });

    // Assess
    expectNoSecrets('bid audit (purchaser)', byPurchaser);
    expectNoSecrets('bid audit (its bidder)', byOwner);
    expect(recomputeChain(byPurchaser.body.events)).toBe(true);
  });

  it('names no subject and no address in any other view of the tender, public or a party’s', async () => {
    // Prepare
    const views: [string, string, string | undefined][] = [
      ['public tender', `/api/tenders/${tender.id}`, undefined],
      ['public list', '/api/tenders', undefined],
      ['notices', '/api/notices', undefined],
      ['OCDS releases', `/api/ocds/tenders/${tender.id}`, undefined],
      ['OCDS feed', '/api/ocds/releases', undefined],
      ['opening record (purchaser)', `/api/tenders/${tender.id}/opening`, purchaser],
      ['opening record (bidder)', `/api/tenders/${tender.id}/opening`, suppliers[1]?.token],
      ['registrations (purchaser)', `/api/tenders/${tender.id}/registrations`, purchaser],
      ['bids (purchaser)', `/api/tenders/${tender.id}/bids`, purchaser],
      ['own bids (bidder)', `/api/tenders/${tender.id}/my-bids`, suppliers[2]?.token],
    ];

    // Act / Assess
    for (const [label, path, token] of views) {
      expectNoSecrets(label, await callFrom('GET', path, token ? { token } : {}));
    }
  });
});
