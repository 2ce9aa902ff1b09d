import { describe, expect, test } from 'vitest';
import {
  type CollusionBidInput,
  collusionCitation,
  collusionInvalidReason,
  collusiveBids,
  committeeFinding,
  findCollusionSigns,
  findIdenticalDocuments,
  findPriceProgressions,
  findSameDepositAccount,
  findSameNetworkAddress,
  findSamePerson,
  findSameSealingKey,
} from '../../shared/domain/collusion';

const hex = (c: string) => c.repeat(64);

/** A valid bid of supplier `org` with nothing in common with any other (unless overridden). */
function bid(org: string, overrides: Partial<CollusionBidInput> = {}): CollusionBidInput {
  return {
    bidId: `BID-${org}`,
    supplierOrgId: org,
    supplierName: `供应商${org}`,
    priceFen: null,
    keyCommitment: sha(`key-${org}`),
    documents: [{ documentId: `DOC-${org}`, fileName: `${org}.pdf`, sha256: sha(`doc-${org}`) }],
    people: [{ role: 'contact', name: `联系人${org}`, phone: `1380000${org.charCodeAt(0)}` }],
    operations: [],
    ...overrides,
  };
}

/** A distinct 64-hex digest per label (not a real hash; only distinctness matters here). */
function sha(label: string): string {
  let out = '';
  for (const ch of label) out += ch.charCodeAt(0).toString(16).padStart(4, '0');
  return out.padEnd(64, '0').slice(0, 64);
}

describe('87号令第三十七条 citations', () => {
  test('each item is cited by its Chinese numeral', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => collusionCitation(n as 1))).toEqual([
      '87号令第三十七条第一项',
      '87号令第三十七条第二项',
      '87号令第三十七条第三项',
      '87号令第三十七条第四项',
      '87号令第三十七条第五项',
      '87号令第三十七条第六项',
    ]);
  });
});

describe('identical documents (87号令第三十七条第四项: 投标文件异常一致)', () => {
  test('the same ciphertext hash in two bidders’ bids is a sign naming both bids and documents', () => {
    // Prepare
    const shared = hex('a');
    const a = bid('A', { documents: [{ documentId: 'DA', fileName: 'tech.pdf', sha256: shared }] });
    const b = bid('B', { documents: [{ documentId: 'DB', fileName: '技术.pdf', sha256: shared }] });
    const c = bid('C');

    // Act
    const signs = findIdenticalDocuments([a, b, c]);

    // Assess
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatchObject({
      kind: 'identicalDocument',
      item: 4,
      citation: '87号令第三十七条第四项',
      bids: [{ bidId: 'BID-A' }, { bidId: 'BID-B' }],
      evidence: {
        basis: 'ciphertext',
        sha256: shared,
        documents: [
          { bidId: 'BID-A', documentId: 'DA', fileName: 'tech.pdf' },
          { bidId: 'BID-B', documentId: 'DB', fileName: '技术.pdf' },
        ],
      },
    });
  });

  test('the same plaintext under different keys is a sign; a plaintext group equal to a ciphertext group is not repeated', () => {
    // Prepare: A and B sealed one file each under their own keys; C and D uploaded the same bytes
    const a = bid('A', {
      documents: [{ documentId: 'DA', fileName: 'a', sha256: hex('1'), plaintextSha256: hex('9') }],
    });
    const b = bid('B', {
      documents: [{ documentId: 'DB', fileName: 'b', sha256: hex('2'), plaintextSha256: hex('9') }],
    });
    const c = bid('C', {
      documents: [{ documentId: 'DC', fileName: 'c', sha256: hex('3'), plaintextSha256: hex('8') }],
    });
    const d = bid('D', {
      documents: [{ documentId: 'DD', fileName: 'd', sha256: hex('3'), plaintextSha256: hex('8') }],
    });

    // Act
    const signs = findIdenticalDocuments([a, b, c, d]);

    // Assess
    expect(
      signs.map((s) => [
        s.evidence.kind === 'identicalDocument' && s.evidence.basis,
        s.bids.map((x) => x.bidId),
      ]),
    ).toEqual([
      ['ciphertext', ['BID-C', 'BID-D']],
      ['plaintext', ['BID-A', 'BID-B']],
    ]);
  });

  test('one supplier’s own two identical documents are no sign (不同投标人)', () => {
    const a = bid('A', {
      documents: [
        { documentId: 'D1', fileName: 'x', sha256: hex('a') },
        { documentId: 'D2', fileName: 'y', sha256: hex('a') },
      ],
    });
    expect(findIdenticalDocuments([a, bid('B'), bid('C')])).toEqual([]);
  });
});

describe('the same sealing key (87号令第三十七条第一项: 由同一单位或者个人编制)', () => {
  test('two bids with one key commitment are a sign; distinct keys are not', () => {
    const a = bid('A', { keyCommitment: hex('c') });
    const b = bid('B', { keyCommitment: hex('c') });
    const signs = findSameSealingKey([a, b, bid('C')]);
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatchObject({
      item: 1,
      citation: '87号令第三十七条第一项',
      evidence: { kind: 'sameSealingKey', keyCommitment: hex('c') },
    });
    expect(findSameSealingKey([bid('A'), bid('B')])).toEqual([]);
  });
});

describe('one network address (87号令第三十七条第二项: 委托同一单位或者个人办理投标事宜)', () => {
  test('operations of two bidders from one address are a sign listing each operation', () => {
    // Prepare
    const op = (type: string, seq: number, sourceIp: string) => ({
      type,
      seq,
      at: `2027-03-01T0${seq}:00:00+08:00`,
      sourceIp,
    });
    const a = bid('A', {
      operations: [op('bid.created', 1, '127.0.0.5'), op('bid.submitted', 2, '127.0.0.5')],
    });
    const b = bid('B', {
      operations: [op('bid.created', 1, '127.0.0.9'), op('bid.submitted', 2, '127.0.0.5')],
    });
    const c = bid('C', { operations: [op('bid.created', 1, '127.0.0.7')] });

    // Act
    const signs = findSameNetworkAddress([a, b, c]);

    // Assess
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatchObject({
      item: 2,
      citation: '87号令第三十七条第二项',
      bids: [{ bidId: 'BID-A' }, { bidId: 'BID-B' }],
      evidence: {
        kind: 'sameNetworkAddress',
        sourceIp: '127.0.0.5',
        operations: [
          { bidId: 'BID-A', type: 'bid.created', seq: 1 },
          { bidId: 'BID-A', type: 'bid.submitted', seq: 2 },
          { bidId: 'BID-B', type: 'bid.submitted', seq: 2 },
        ],
      },
    });
  });
});

describe('the same person (87号令第三十七条第三项: 项目管理成员或者联系人员为同一人)', () => {
  test('one bidder’s project manager is another’s contact, matched on the phone’s digits', () => {
    const a = bid('A', { people: [{ role: 'projectManager', name: '王工', phone: '138-0013-8000' }] });
    const b = bid('B', { people: [{ role: 'contact', name: '王五', phone: '+86 13800138000'.slice(4) }] });
    const signs = findSamePerson([a, b, bid('C')]);
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatchObject({
      item: 3,
      citation: '87号令第三十七条第三项',
      evidence: {
        kind: 'samePerson',
        matchedOn: 'phone',
        value: '13800138000',
        people: [
          { bidId: 'BID-A', role: 'projectManager', name: '王工' },
          { bidId: 'BID-B', role: 'contact', name: '王五' },
        ],
      },
    });
  });

  test('the same name alone is no sign; the same certificate number or e-mail is', () => {
    const a = bid('A', {
      people: [{ role: 'projectManager', name: '张伟', certificateNumber: '京 1112013' }],
    });
    const b = bid('B', { people: [{ role: 'projectManager', name: '张伟', phone: '13900000000' }] });
    const c = bid('C', {
      people: [{ role: 'projectManager', name: '李四', certificateNumber: '京1112013' }],
    });
    const d = bid('D', { people: [{ role: 'contact', name: 'x', email: 'Same@Example.com' }] });
    const e = bid('E', { people: [{ role: 'contact', name: 'y', email: 'same@example.com' }] });
    const signs = findSamePerson([a, b, c, d, e]);
    expect(
      signs.map((s) => s.evidence.kind === 'samePerson' && [s.evidence.matchedOn, s.evidence.value]),
    ).toEqual([
      ['certificateNumber', '京1112013'],
      ['email', 'same@example.com'],
    ]);
    expect(signs[0]?.bids.map((x) => x.bidId)).toEqual(['BID-A', 'BID-C']);
  });
});

describe('prices in a regular progression (87号令第三十七条第四项: 投标报价呈规律性差异)', () => {
  const priced = (org: string, priceFen: number) => bid(org, { priceFen });

  test('three prices in equal steps of 分 are one sign with the step', () => {
    const signs = findPriceProgressions([
      priced('A', 100_000_000),
      priced('B', 101_000_000),
      priced('C', 102_000_000),
      priced('D', 95_432_100),
    ]);
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatchObject({
      item: 4,
      citation: '87号令第三十七条第四项',
      bids: [{ bidId: 'BID-A' }, { bidId: 'BID-B' }, { bidId: 'BID-C' }],
      evidence: {
        kind: 'priceProgression',
        progression: 'arithmetic',
        step: '1000000',
        prices: [
          { priceFen: 100_000_000, bidIds: ['BID-A'] },
          { priceFen: 101_000_000, bidIds: ['BID-B'] },
          { priceFen: 102_000_000, bidIds: ['BID-C'] },
        ],
      },
    });
  });

  test('one 分 off breaks the progression (exact, no floats)', () => {
    expect(
      findPriceProgressions([priced('A', 100_000_000), priced('B', 101_000_000), priced('C', 102_000_001)]),
    ).toEqual([]);
  });

  test('only the maximal run is reported: four in equal steps are one sign, not three', () => {
    const signs = findPriceProgressions([
      priced('A', 1300),
      priced('B', 1000),
      priced('C', 1200),
      priced('D', 1100),
    ]);
    expect(
      signs.map((s) => s.evidence.kind === 'priceProgression' && s.evidence.prices.map((p) => p.priceFen)),
    ).toEqual([[1000, 1100, 1200, 1300]]);
  });

  test('equal ratios are found exactly, beyond 2^53 in the products', () => {
    // 10%, 10% up: 1,000,000.00 元, 1,100,000.00 元, 1,210,000.00 元 — and a huge run at ratio 3/2
    const big = 4_000_000_000_000; // 400亿元 in 分; × 3/2 twice stays integer
    const signs = findPriceProgressions([
      priced('A', 100_000_000),
      priced('B', 110_000_000),
      priced('C', 121_000_000),
      priced('D', big),
      priced('E', (big * 3) / 2),
      priced('F', (big * 9) / 4),
    ]);
    const geometric = signs.filter(
      (s) => s.evidence.kind === 'priceProgression' && s.evidence.progression === 'geometric',
    );
    expect(
      geometric.map((s) => s.evidence.kind === 'priceProgression' && [s.evidence.step, s.bids.length]),
    ).toEqual([
      ['11/10', 3],
      ['3/2', 3],
    ]);
  });

  test('two prices, or a run quoted by one supplier’s bids alone, are no sign', () => {
    expect(findPriceProgressions([priced('A', 100), priced('B', 200), bid('C')])).toEqual([]);
  });
});

describe('deposits from one account (87号令第三十七条第六项)', () => {
  test('with paying accounts recorded, a shared account is a sign; without, the item is reported unchecked', () => {
    const a = bid('A', { depositAccount: { accountNumber: '6222 0000 1111', accountName: '某公司' } });
    const b = bid('B', { depositAccount: { accountNumber: '622200001111' } });
    expect(findSameDepositAccount([a, b])[0]).toMatchObject({
      item: 6,
      citation: '87号令第三十七条第六项',
      evidence: { kind: 'sameDepositAccount', accountNumber: '622200001111', accountName: '某公司' },
    });
    const unchecked = findCollusionSigns([bid('A'), bid('B')]).unchecked;
    expect(unchecked.map((u) => [u.kind, u.citation])).toEqual([
      ['sameDepositAccount', '87号令第三十七条第六项'],
      ['fileMetadata', '87号令第三十七条第一项'],
    ]);
    expect(findCollusionSigns([a, b]).unchecked.map((u) => u.kind)).toEqual(['fileMetadata']);
  });
});

describe('findCollusionSigns', () => {
  test('bids with nothing in common give no sign', () => {
    expect(findCollusionSigns([bid('A'), bid('B'), bid('C')]).signs).toEqual([]);
  });

  test('is deterministic: the same inputs in another order give the same ids, ordered by item', () => {
    // Prepare
    const shared = hex('d');
    const inputs = [
      bid('A', {
        priceFen: 1000,
        keyCommitment: hex('e'),
        documents: [{ documentId: 'DA', fileName: 'a', sha256: shared }],
      }),
      bid('B', {
        priceFen: 2000,
        keyCommitment: hex('e'),
        documents: [{ documentId: 'DB', fileName: 'b', sha256: shared }],
      }),
      bid('C', { priceFen: 3000 }),
    ];

    // Act
    const first = findCollusionSigns(inputs).signs;
    const again = findCollusionSigns([...inputs].reverse()).signs;

    // Assess
    expect(first.map((s) => [s.item, s.kind])).toEqual([
      [1, 'sameSealingKey'],
      [4, 'identicalDocument'],
      [4, 'priceProgression'],
    ]);
    expect(new Set(again.map((s) => s.id))).toEqual(new Set(first.map((s) => s.id)));
    expect(first.every((s) => /^[0-9a-f]{16}$/.test(s.id))).toBe(true);
  });
});

describe('the committee’s finding (87号令第六十一条: 少数服从多数)', () => {
  const finding = (expertId: string, collusive: boolean) => ({
    expertId,
    signId: 'S1',
    collusive,
    reason: `理由${expertId}`,
  });

  test('a majority of the seats decides; fewer stays open', () => {
    expect(committeeFinding([finding('1', true), finding('2', true)], 5)).toBe('open');
    expect(committeeFinding([finding('1', true), finding('2', true), finding('3', true)], 5)).toBe(
      'collusive',
    );
    expect(committeeFinding([finding('1', false), finding('2', false), finding('3', true)], 3)).toBe(
      'notCollusive',
    );
  });

  test('every bid of a sign found collusive is invalid, citing its item', () => {
    // Prepare
    const signs = [
      { id: 'S1', item: 4 as const, bids: [{ bidId: 'A' }, { bidId: 'B' }] },
      { id: 'S2', item: 2 as const, bids: [{ bidId: 'B' }, { bidId: 'C' }] },
    ];
    const findings = [finding('1', true), finding('2', true), { ...finding('3', false), signId: 'S2' }];

    // Act
    const invalid = collusiveBids(signs, findings, 3);

    // Assess
    expect([...invalid.keys()]).toEqual(['A', 'B']);
    const reason = collusionInvalidReason(invalid.get('B') ?? []);
    expect(reason).toContain('87号令第三十七条第四项');
    expect(reason).toContain('理由1；理由2');
    expect(reason).not.toContain('第二项');
  });
});
