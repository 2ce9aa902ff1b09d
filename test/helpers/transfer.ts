import { generateNonce, reserveCommitment } from '../../shared/domain/sealing';
import type { Tender, TenderContent } from '../../shared/schemas/tender';
import type { TransferTerms } from '../../shared/schemas/transfer';
import { type ApiClient, type ApiResponse, attachDocument } from './api';
import type { TestSupplier } from './bidder';
import { chinaMorning, openTenderContent } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

/** A land parcel's listing terms: start 1000万元, increment 10万元, deposit 200万元. */
export const LAND_TERMS: TransferTerms = {
  subject: {
    kind: 'land',
    parcelNo: '2027-G-03',
    location: '区东片区 A-03 地块，东至规划路，南至滨河路',
    areaSquareMetres: 23_456.78,
    use: '城镇住宅用地',
    termYears: 70,
    planning: '容积率 ≤ 2.5，建筑密度 ≤ 30%',
  },
  startPriceFen: 1_000_000_000,
  incrementFen: 10_000_000,
  depositFen: 200_000_000,
  bidding: {},
};

/** A transfer published with its sealed reserve: what the transferor keeps to reveal it. */
export interface PublishedTransfer {
  tender: Tender;
  /** The reserve and its nonce, or null without a reserve. */
  reserve: { reservePriceFen: number; nonce: string } | null;
}

/**
 * Publishes a live listing (or auction) of {@link LAND_TERMS}: the notice 21 days before the
 * listing starts (国土资源部令第39号第十一条), applications until the listing's last day, the listing
 * `listingDays` long. With `reserveFen`, the reserve is committed in the draft and kept here.
 */
export async function publishTransfer(
  api: ApiClient,
  token: string,
  options: {
    method?: 'listing' | 'auction';
    reserveFen?: number;
    terms?: Partial<TransferTerms>;
    listingDays?: number;
  } = {},
): Promise<PublishedTransfer> {
  const now = api.gateway.clock.now();
  const startsAt = chinaMorning(new Date(now.getTime() + 22 * DAY).toISOString().slice(0, 10));
  const endsAt = new Date(startsAt.getTime() + (options.listingDays ?? 10) * DAY);
  const content: Partial<TenderContent> = {
    title: '区东片区 A-03 地块国有建设用地使用权网上挂牌出让',
    purchasingUnitName: '某区自然资源局',
    tradeType: 'landUseRights',
    category: 'works',
    method: options.method ?? 'listing',
    sme: { reservedForSme: false, notReservedReason: '土地出让不适用中小企业政策' },
    evaluation: { method: 'highestPrice', criteria: [] },
    timeline: {
      documentsFrom: startsAt.toISOString(),
      documentsUntil: new Date(endsAt.getTime() - 3 * DAY).toISOString(),
      bidDeadline: endsAt.toISOString(),
      decryptionWindowMinutes: 30,
      confirmationWindowMinutes: 60,
    },
  };
  const created = await api.call('POST', '/api/tenders', {
    token,
    body: openTenderContent(now, {
      ...content,
      budgetFen: undefined,
      transfer: { ...LAND_TERMS, ...options.terms },
    }),
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  let reserve: PublishedTransfer['reserve'] = null;
  if (options.reserveFen !== undefined) {
    reserve = { reservePriceFen: options.reserveFen, nonce: generateNonce() };
    const commitment = await reserveCommitment({ tenderId: id, ...reserve });
    const updated = await api.call('PATCH', `/api/tenders/${id}`, {
      token,
      body: { transfer: { ...LAND_TERMS, ...options.terms, reserveCommitment: commitment } },
    });
    if (updated.status !== 200) throw new Error(`update: ${updated.status} ${JSON.stringify(updated.body)}`);
  }
  const doc = await attachDocument(api, token, id, `出让文件 ${id}`, { fileName: '出让文件.pdf' });
  if (doc.uploadStatus !== 200) throw new Error(`upload failed: ${doc.uploadStatus}`);
  const published = await api.call('POST', `/api/tenders/${id}/publish`, { token });
  if (published.status !== 200)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { tender: published.body, reserve };
}

/** A deposit paid by bank transfer. */
export function depositOf(supplier: TestSupplier, amountFen = LAND_TERMS.depositFen) {
  return {
    amountFen,
    payerAccountName: supplier.name,
    payerAccountNo: '6222 0202 0000 1234',
    kind: 'bankTransfer' as const,
    reference: `HZ${supplier.orgId.replace(/\D/g, '')}0001`,
  };
}

/** Applies and has the centre confirm the deposit; answers the bidder's 竞买号. */
export async function enrolBidder(
  api: ApiClient,
  tenderId: string,
  centre: string,
  supplier: TestSupplier,
): Promise<string> {
  const applied = await api.call('POST', `/api/tenders/${tenderId}/transfer/applications`, {
    token: supplier.token,
    body: { deposit: depositOf(supplier) },
  });
  if (applied.status !== 201) throw new Error(`apply: ${applied.status} ${JSON.stringify(applied.body)}`);
  const confirmed = await api.call(
    'POST',
    `/api/tenders/${tenderId}/transfer/deposits/${supplier.orgId}/decision`,
    {
      token: centre,
      body: { decision: 'confirm' },
    },
  );
  if (confirmed.status !== 200)
    throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return confirmed.body.bidderNo as string;
}

/** Sends a quote. */
export function quote(
  api: ApiClient,
  tenderId: string,
  supplier: TestSupplier,
  amountFen: number,
): Promise<ApiResponse> {
  return api.call('POST', `/api/tenders/${tenderId}/auction/quotes`, {
    token: supplier.token,
    body: { amountFen },
  });
}
