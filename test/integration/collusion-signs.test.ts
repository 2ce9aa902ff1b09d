/**
 * Collusion signs (87号令第三十七条) end to end on DynamoDB Local + s3rver through the HTTP gateway:
 * two bidders submit from one network address with one identical sealed document (and so one bid
 * key), the same project manager, and prices in equal steps with a third bidder's; the committee's
 * declared members and centre staff see each sign with its article item and evidence, no bidder,
 * purchasing unit or anonymous caller does; a majority of the committee finding the identical
 * documents collusive makes both bids invalid in the report with the article's item as the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNonce, priceCommitment } from '../../shared/domain/sealing';
import type { CollusionSigns } from '../../shared/schemas/collusion';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, clientFromAddresses, publishTender, startTestApi } from '../helpers/api';
import {
  creditCodeFor,
  type PlacedBid,
  placeBid,
  revealBid,
  type TestSupplier,
  tickAt,
} from '../helpers/bidder';
import { addExperts, type PoolExpert } from '../helpers/evaluation';

const SPECIALTY = 'A0201-计算机设备';
/** Bidders A and B act from one address; C, D and E each from its own. */
const ADDRESSES = ['127.0.0.5', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8'];
/** A, B and C in equal steps of 10,000.00 元; D and E off any progression (by 1 分 for E). */
const PRICES = [300_000_000, 301_000_000, 302_000_000, 287_654_321, 312_345_678];

let api: ApiClient;
let client: ApiClient;
const addressOf = new Map<string, string>();
let purchaser: string;
let centre: string;
let suppliers: TestSupplier[];
let tender: Tender;
let bids: PlacedBid[];
let pool: PoolExpert[];
// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON bodies loosely and asserts on them
let atOpening: any;

/** Saves a supplier's profile with its own contact, and the project manager it names. */
async function makeBidder(n: number, projectManagerPhone: string): Promise<TestSupplier> {
  const orgId = `org-collusion-${n}`;
  const token = await client.token('supplier', orgId);
  const name = `杭州串标测试供应商${n}号有限公司`;
  const saved = await client.call('PUT', '/api/suppliers/me', {
    token,
    body: {
      name,
      creditCode: creditCodeFor(900 + n),
      scale: 'medium',
      scaleDeclaredAt: '2026-01-05',
      contact: { name: `联系人${n}`, phone: `0571-8888${String(n).padStart(4, '0')}` },
      projectManager: { name: n === 1 ? '王工' : `项目负责人${n}`, phone: projectManagerPhone },
    },
  });
  if (saved.status !== 201 && saved.status !== 200) throw new Error(`profile: ${JSON.stringify(saved.body)}`);
  return { orgId, token, name };
}

const signsPath = () => `/api/tenders/${tender.id}/collusion-signs`;

beforeAll(async () => {
  // Prepare: five bidders; A and B share an address, a project manager and one sealed document
  api = await startTestApi();
  client = clientFromAddresses(api, addressOf);
  purchaser = await api.token('purchaser', 'org-district-school');
  centre = await api.token('centre', 'org-trading-centre');
  suppliers = [];
  for (const [i, address] of ADDRESSES.entries()) {
    const pmPhone = i < 2 ? '139-0571-0000' : `1390571${String(i).padStart(4, '0')}`;
    const supplier = await makeBidder(i + 1, pmPhone);
    addressOf.set(supplier.token, address);
    suppliers.push(supplier);
  }
  tender = await publishTender(client, purchaser);
  bids = [];
  for (const [i, supplier] of suppliers.entries()) {
    const first = bids[0];
    // B uploads A's very ciphertext (so it must reveal A's key too) under its own price commitment.
    const sealed =
      i === 1 && first
        ? await (async () => {
            const nonce = generateNonce();
            const commitment = await priceCommitment({
              tenderId: tender.id,
              supplierId: supplier.orgId,
              priceFen: PRICES[i] as number,
              nonce,
            });
            return { ...first.sealed, nonce, priceCommitment: commitment };
          })()
        : undefined;
    bids.push(await placeBid(client, supplier, tender.id, PRICES[i] as number, sealed ? { sealed } : {}));
  }
  for (const bid of bids) expect(bid.receipt.status, JSON.stringify(bid.receipt.body)).toBe(200);
  await tickAt(client, tender.content.timeline.bidDeadline);
  for (const [i, supplier] of suppliers.entries()) {
    const revealed = await revealBid(client, supplier, tender.id, bids[i] as PlacedBid);
    expect(revealed.body.status, JSON.stringify(revealed.body)).toBe('valid');
  }
  const windowEnd =
    new Date(tender.content.timeline.bidDeadline).getTime() +
    (tender.content.timeline.decryptionWindowMinutes + 1) * 60_000;
  await tickAt(client, new Date(windowEnd));
  // At the opening: the record is published, the bidders have not yet confirmed it
  atOpening = (await client.call('GET', signsPath(), { token: centre })).body;
  for (const supplier of suppliers) {
    await client.call('POST', `/api/tenders/${tender.id}/opening/responses`, {
      token: supplier.token,
      body: { decision: 'confirm' },
    });
  }
  expect((await client.call('GET', `/api/tenders/${tender.id}`)).body.status).toBe('evaluating');
  pool = await addExperts(client, centre, SPECIALTY, 1, 5);
  const drawn = await client.call('POST', `/api/tenders/${tender.id}/committee`, {
    token: centre,
    body: { size: 5, reserveSize: 0, specialties: [SPECIALTY] },
  });
  expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
}, 180_000);

afterAll(async () => {
  await api.gateway.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: signs are read loosely from JSON
const byKind = (body: any, kind: string) => body.signs.filter((sign: any) => sign.kind === kind);
const idOf = (i: number) => (bids[i] as PlacedBid).bidId;

describe('collusion signs at the opening (87号令第三十七条)', () => {
  it('shows centre staff every sign with its article item and evidence, and nothing about C, D or E but the price run', async () => {
    // Assess: the answer taken at the opening
    expect(atOpening.tenderId).toBe(tender.id);
    expect(
      // biome-ignore lint/suspicious/noExplicitAny: signs are read loosely from JSON
      atOpening.signs.map((s: any) => [s.kind, s.citation, s.bids.map((b: any) => b.bidId)]),
    ).toEqual([
      ['sameSealingKey', '87号令第三十七条第一项', [idOf(0), idOf(1)]],
      ['sameNetworkAddress', '87号令第三十七条第二项', [idOf(0), idOf(1)]],
      ['samePerson', '87号令第三十七条第三项', [idOf(0), idOf(1)]],
      ['identicalDocument', '87号令第三十七条第四项', [idOf(0), idOf(1)]],
      ['priceProgression', '87号令第三十七条第四项', [idOf(0), idOf(1), idOf(2)]],
    ]);
    const [document] = byKind(atOpening, 'identicalDocument');
    expect(document.evidence).toMatchObject({
      basis: 'ciphertext',
      sha256: (bids[0] as PlacedBid).sealed.documents[0]?.sha256,
    });
    expect(document.evidence.documents.map((d: { bidId: string }) => d.bidId)).toEqual([idOf(0), idOf(1)]);
    const [address] = byKind(atOpening, 'sameNetworkAddress');
    expect(address.item).toBe(2);
    expect(address.evidence.sourceIp).toBe('127.0.0.5');
    // Each bidder's create, submit and reveal came from the shared address
    expect(
      address.evidence.operations.map(
        (op: { bidId: string; type: string }) => `${op.bidId === idOf(0) ? 'A' : 'B'}:${op.type}`,
      ),
    ).toEqual([
      'A:bid.created',
      'A:bid.submitted',
      'A:bid.revealed',
      'B:bid.created',
      'B:bid.submitted',
      'B:bid.revealed',
    ]);
    const [person] = byKind(atOpening, 'samePerson');
    expect(person.evidence).toMatchObject({ matchedOn: 'phone', value: '13905710000' });
    const [prices] = byKind(atOpening, 'priceProgression');
    expect(prices.evidence).toMatchObject({ progression: 'arithmetic', step: '1000000' });
    expect(prices.evidence.prices.map((p: { priceFen: number }) => p.priceFen)).toEqual(PRICES.slice(0, 3));
    // What the platform cannot see is said, not left silent
    expect(atOpening.unchecked.map((u: { citation: string }) => u.citation)).toEqual([
      '87号令第三十七条第六项',
      '87号令第三十七条第一项',
    ]);
  });

  it('gives the same signs, with the same ids, before the committee scores as at the opening', async () => {
    const now = await client.call('GET', signsPath(), { token: centre });
    expect(now.status).toBe(200);
    expect(now.body.inputsFixedAt).toBe(atOpening.inputsFixedAt);
    const strip = (body: CollusionSigns) =>
      body.signs.map(({ findings: _f, committeeFinding: _c, ...sign }) => sign);
    expect(strip(now.body)).toEqual(strip(atOpening));
  });

  it('refuses every bidder (403), the purchasing unit (403) and the public (401)', async () => {
    for (const supplier of suppliers) {
      const asBidder = await client.call('GET', signsPath(), { token: supplier.token });
      expect(asBidder.status).toBe(403);
      expect(JSON.stringify(asBidder.body)).not.toContain('127.0.0.5');
    }
    expect((await client.call('GET', signsPath(), { token: purchaser })).status).toBe(403);
    const anonymous = await client.call('GET', signsPath());
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('sameNetworkAddress');
  });
});

describe('the committee judges each sign (87号令第三十七条, 第六十一条)', () => {
  /** The pool's members in seat order, with tokens. */
  async function seatedMembers(): Promise<PoolExpert[]> {
    const committee = await client.call('GET', `/api/tenders/${tender.id}/committee`, { token: centre });
    return (committee.body.members as { expertId: string }[]).map(
      (seat) => pool.find((p) => p.id === seat.expertId) as PoolExpert,
    );
  }

  it('a member sees the signs only after declaring no conflict, and only its own finding', async () => {
    // Prepare
    const [first] = await seatedMembers();
    if (!first) throw new Error('no member');

    // Act
    const before = await client.call('GET', signsPath(), { token: first.token });
    await client.call('POST', `/api/tenders/${tender.id}/evaluation/declaration`, {
      token: first.token,
      body: { conflict: false },
    });
    const after = await client.call('GET', signsPath(), { token: first.token });
    const unknown = await client.call('POST', `${signsPath()}/0123456789abcdef/finding`, {
      token: first.token,
      body: { collusive: true, reason: '测试' },
    });

    // Assess
    expect(before.status).toBe(403);
    expect(after.status).toBe(200);
    expect(unknown.status).toBe(404);
    expect(after.body.signs).toHaveLength(5);
    expect(byKind(after.body, 'sameNetworkAddress')[0].evidence.sourceIp).toBe('127.0.0.5');
    // biome-ignore lint/suspicious/noExplicitAny: signs are read loosely from JSON
    expect(after.body.signs.every((s: any) => s.findings.length === 0 && s.committeeFinding === null)).toBe(
      true,
    );
  });

  it('a majority finding the identical documents collusive makes both bids invalid in the report, citing 第三十七条第四项', async () => {
    // Prepare
    const members = await seatedMembers();
    const [document] = byKind(atOpening, 'identicalDocument');
    const [prices] = byKind(atOpening, 'priceProgression');
    for (const member of members.slice(1)) {
      await client.call('POST', `/api/tenders/${tender.id}/evaluation/declaration`, {
        token: member.token,
        body: { conflict: false },
      });
    }

    // Act: three of five find the documents collusive, two do not; all five find the prices not
    const answers = [];
    for (const [i, member] of members.entries()) {
      answers.push(
        await client.call('POST', `${signsPath()}/${document.id}/finding`, {
          token: member.token,
          body:
            i < 3
              ? { collusive: true, reason: `两家投标文件密文完全相同（成员${i + 1}）` }
              : { collusive: false, reason: '可能是共用模板' },
        }),
      );
      await client.call('POST', `${signsPath()}/${prices.id}/finding`, {
        token: member.token,
        body: { collusive: false, reason: '报价差额为整数万元，属正常报价习惯' },
      });
    }
    const asCentre = await client.call('GET', signsPath(), { token: centre });
    const asMember = await client.call('GET', signsPath(), { token: (members[0] as PoolExpert).token });
    const scores = Object.fromEntries(bids.map((bid) => [bid.bidId, { c1: 38.55, c2: 4.35, c3: 1.1 }]));
    const submitted = [];
    let late: Awaited<ReturnType<ApiClient['call']>> | undefined;
    for (const member of members) {
      const path = `/api/tenders/${tender.id}/evaluation`;
      await client.call('PUT', `${path}/sheet`, { token: member.token, body: { scores } });
      submitted.push((await client.call('POST', `${path}/sheet/submit`, { token: member.token })).status);
      // The first member, its sheet locked while the others still score, tries to change its finding
      late ??= await client.call('POST', `${signsPath()}/${document.id}/finding`, {
        token: member.token,
        body: { collusive: false, reason: '改变主意' },
      });
    }
    const report = await client.call('GET', `/api/tenders/${tender.id}/evaluation/report`, { token: centre });

    // Assess
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]?.body.findings).toMatchObject([{ mine: true, collusive: true }]);
    expect(byKind(asCentre.body, 'identicalDocument')[0]).toMatchObject({ committeeFinding: 'collusive' });
    expect(byKind(asCentre.body, 'identicalDocument')[0].findings).toHaveLength(5);
    expect(byKind(asCentre.body, 'priceProgression')[0]).toMatchObject({ committeeFinding: 'notCollusive' });
    expect(byKind(asCentre.body, 'sameNetworkAddress')[0]).toMatchObject({ committeeFinding: 'open' });
    // A member sees its own findings only, and not the committee's outcome
    expect(byKind(asMember.body, 'identicalDocument')[0]).toMatchObject({
      committeeFinding: null,
      findings: [{ mine: true, collusive: true }],
    });
    expect(submitted).toEqual([200, 200, 200, 200, 200]);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.failed).toBe(false);
    const invalid = report.body.invalidBids as { bidId: string; reason: string }[];
    expect(invalid.map((b) => b.bidId).sort()).toEqual([idOf(0), idOf(1)].sort());
    for (const entry of invalid) {
      expect(entry.reason).toContain('视为串通投标');
      expect(entry.reason).toContain('87号令第三十七条第四项');
      expect(entry.reason).toContain('两家投标文件密文完全相同（成员1）');
      expect(entry.reason).not.toContain('可能是共用模板');
    }
    // C stays in: the committee found the price run not collusive
    expect((report.body.ranking as { bidId: string }[]).map((r) => r.bidId).sort()).toEqual(
      [idOf(2), idOf(3), idOf(4)].sort(),
    );
    expect((await client.call('GET', `/api/tenders/${tender.id}`)).body.status).toBe('awarding');
    // A locked sheet locks the member's findings too
    expect(late?.status).toBe(409);
  });

  it('audits every finding in the public log by seat and digest, never the reason', async () => {
    const log = await client.call('GET', `/api/tenders/${tender.id}/audit`);
    const findings = (log.body.events as { type: string; data: Record<string, unknown> }[]).filter(
      (e) => e.type === 'evaluation.collusionFinding',
    );
    expect(findings).toHaveLength(10);
    expect(findings[0]?.data).toMatchObject({ citation: '87号令第三十七条第四项' });
    expect(findings[0]?.data['findingDigest']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(log.body)).not.toContain('完全相同');
    expect(log.body.verification.valid).toBe(true);
  });

  it('refuses a finding once the evaluation has ended (422) and any finding from a bidder (403)', async () => {
    const [first] = await seatedMembers();
    const [document] = byKind(atOpening, 'identicalDocument');
    const ended = await client.call('POST', `${signsPath()}/${document.id}/finding`, {
      token: (first as PoolExpert).token,
      body: { collusive: true, reason: '测试' },
    });
    const bidder = await client.call('POST', `${signsPath()}/${document.id}/finding`, {
      token: (suppliers[2] as TestSupplier).token,
      body: { collusive: true, reason: '测试' },
    });
    expect(ended.status).toBe(422);
    expect(bidder.status).toBe(403);
  });
});
