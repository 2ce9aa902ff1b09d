import { computeCheckCharacter } from '../../shared/domain/credit-code';
import { type SealedBid, sealBid } from '../../shared/domain/sealing';
import type { SupplierScale } from '../../shared/schemas/supplier';
import { type ApiClient, type ApiResponse, uploadTo } from './api';

/** A supplier with a token and a saved profile. */
export interface TestSupplier {
  /** Organisation id. */
  orgId: string;
  /** Bearer token. */
  token: string;
  /** Company name. */
  name: string;
}

/** A valid 统一社会信用代码 derived from a number (check character per GB 32100-2015). */
export function creditCodeFor(n: number): string {
  const first17 = `91330100${String(n).padStart(9, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

/** Signs a supplier in and saves its profile. */
export async function makeSupplier(
  api: ApiClient,
  n: number,
  scale: SupplierScale = 'small',
): Promise<TestSupplier> {
  const orgId = `org-supplier-${n}`;
  const token = await api.token('supplier', orgId);
  const name = `杭州测试供应商${n}号有限公司`;
  const saved = await api.call('PUT', '/api/suppliers/me', {
    token,
    body: {
      name,
      creditCode: creditCodeFor(n),
      scale,
      scaleDeclaredAt: '2026-01-05',
      // Each supplier its own number: a shared one would be a collusion sign (87号令第三十七条第三项) in every test
      contact: { name: '李经理', phone: `0571-${88_880_000 + n}` },
    },
  });
  if (saved.status !== 201 && saved.status !== 200) throw new Error(`profile: ${JSON.stringify(saved.body)}`);
  return { orgId, token, name };
}

/** A bid sealed, uploaded and submitted, with everything the bidder keeps to reveal it. */
export interface PlacedBid {
  /** The bid id. */
  bidId: string;
  /** The price in 分. */
  priceFen: number;
  /** The sealing output: key, nonce, commitments, ciphertexts. */
  sealed: SealedBid;
  /** The plaintext of the bid's document. */
  plaintext: string;
  /** The submit response. */
  receipt: ApiResponse;
  /** The presigned uploads the server issued, one per document (to replay them in tests). */
  uploads: { documentId: string; url: string; headers: Record<string, string> }[];
}

/** Seals a bid locally (or takes one sealed already), creates it, uploads the ciphertexts and submits it. */
export async function placeBid(
  api: ApiClient,
  supplier: TestSupplier,
  tenderId: string,
  priceFen: number,
  options: {
    register?: boolean;
    idempotencyKey?: string;
    uploadInstead?: Uint8Array;
    sealed?: SealedBid;
  } = {},
): Promise<PlacedBid> {
  if (options.register !== false) {
    const registered = await api.call('POST', `/api/tenders/${tenderId}/registrations`, {
      token: supplier.token,
    });
    if (registered.status >= 300)
      throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  const plaintext = `投标文件：${supplier.name} 报价 ${priceFen} 分 — 技术响应与服务承诺`;
  const sealed =
    options.sealed ??
    (await sealBid({
      tenderId,
      supplierId: supplier.orgId,
      priceFen,
      documents: [{ name: '投标文件.pdf', bytes: Buffer.from(plaintext) }],
    }));
  const created = await api.call('POST', `/api/tenders/${tenderId}/bids`, {
    token: supplier.token,
    headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
    body: {
      priceCommitment: sealed.priceCommitment,
      keyCommitment: sealed.keyCommitment,
      documents: sealed.documents.map((d) => ({ fileName: d.name, sha256: d.sha256, size: d.size })),
    },
  });
  if (created.status >= 300) throw new Error(`create bid: ${created.status} ${JSON.stringify(created.body)}`);
  for (const [i, upload] of created.body.uploads.entries()) {
    const bytes = options.uploadInstead ?? sealed.documents[i]?.sealed ?? new Uint8Array();
    const status = await uploadTo(upload, bytes);
    if (status !== 200) throw new Error(`upload ${status}`);
  }
  const receipt = await api.call('POST', `/api/tenders/${tenderId}/bids/${created.body.bid.id}/submit`, {
    token: supplier.token,
  });
  return {
    bidId: created.body.bid.id,
    priceFen,
    sealed,
    plaintext,
    receipt,
    uploads: created.body.uploads,
  };
}

/** Reveals a placed bid (optionally with a wrong price). */
export function revealBid(
  api: ApiClient,
  supplier: TestSupplier,
  tenderId: string,
  bid: PlacedBid,
  priceFen = bid.priceFen,
) {
  return api.call('POST', `/api/tenders/${tenderId}/bids/${bid.bidId}/reveal`, {
    token: supplier.token,
    body: { priceFen, nonce: bid.sealed.nonce, key: bid.sealed.keyHex },
  });
}

/** Moves the dev clock forward to an instant (never back) and runs the tick. */
export async function tickAt(api: ApiClient, instant: string | Date): Promise<void> {
  const target = new Date(instant);
  if (target.getTime() > api.gateway.clock.now().getTime()) api.gateway.clock.set(target);
  await api.tick();
}

/**
 * Plays a published tender through bidding and the opening to evaluation (a rights transfer goes
 * straight on to awarding): each supplier bids its price, everyone reveals and confirms the record.
 */
export async function playToEvaluation(
  api: ApiClient,
  tender: { id: string; content: { timeline: { bidDeadline: string; decryptionWindowMinutes: number } } },
  bidders: { supplier: TestSupplier; priceFen: number }[],
  expectedStatus: 'evaluating' | 'awarding' = 'evaluating',
): Promise<PlacedBid[]> {
  const bids: PlacedBid[] = [];
  for (const { supplier, priceFen } of bidders) bids.push(await placeBid(api, supplier, tender.id, priceFen));
  await tickAt(api, tender.content.timeline.bidDeadline);
  for (const [i, { supplier }] of bidders.entries())
    await revealBid(api, supplier, tender.id, bids[i] as PlacedBid);
  const windowEnd =
    new Date(tender.content.timeline.bidDeadline).getTime() +
    (tender.content.timeline.decryptionWindowMinutes + 1) * 60_000;
  await tickAt(api, new Date(windowEnd));
  for (const { supplier } of bidders) {
    await api.call('POST', `/api/tenders/${tender.id}/opening/responses`, {
      token: supplier.token,
      body: { decision: 'confirm' },
    });
  }
  const status = (await api.call('GET', `/api/tenders/${tender.id}`)).body.status;
  if (status !== expectedStatus) throw new Error(`expected ${expectedStatus}, got ${status}`);
  return bids;
}
