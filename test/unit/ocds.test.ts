import { describe, expect, test } from 'vitest';
import { ConflictError, ValidationError } from '../../shared/domain/errors';
import { PROCUREMENT_METHOD_LABELS, PROCUREMENT_METHODS } from '../../shared/domain/rules';
import type { Award, Contract } from '../../shared/schemas/award';
import { AwardSchema, ContractSchema } from '../../shared/schemas/award';
import type { OpeningEntry, OpeningRecord } from '../../shared/schemas/bid';
import { OpeningRecordSchema } from '../../shared/schemas/bid';
import type { EvaluationReport } from '../../shared/schemas/evaluation';
import { EvaluationReportSchema } from '../../shared/schemas/evaluation';
import type { Notice, NoticeType } from '../../shared/schemas/notice';
import { NOTICE_TYPE_LABELS, NoticeSchema } from '../../shared/schemas/notice';
import type { Tender } from '../../shared/schemas/tender';
import { TenderSchema } from '../../shared/schemas/tender';
import type { Release, ReleaseInput } from '../../shared/usecases/ocds-release';
import {
  buildRelease,
  buildReleasePackage,
  DEFAULT_OCDS_LICENSE,
  OCDS_PROCUREMENT_METHOD,
  OCID_PREFIX,
  ocidOf,
} from '../../shared/usecases/ocds-release';
import { openTenderContent, sha256 } from '../helpers/fixtures';
import { loadOcdsValidators } from '../helpers/ocds-validator';

/** A fixed ULID ending in `tag` (Crockford base32: no I, L, O or U). */
function makeUlid(tag: string): string {
  return `01JQ${tag.padStart(22, '0')}`;
}

/** An instant `minutes` after another, as ISO 8601. */
function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

const TENDER_ID = makeUlid('TENDER');
const BUYER_ORG = 'org-district-service-centre';
const PUBLISHED_AT = '2026-03-02T01:30:00.000Z';
const CONTENT = openTenderContent(new Date(PUBLISHED_AT));
const DEADLINE = CONTENT.timeline.bidDeadline;
const RECORD_AT = addMinutes(DEADLINE, 30);
const CONFIRMATION_ENDS_AT = addMinutes(RECORD_AT, 60);
const REPORT_AT = addMinutes(CONFIRMATION_ENDS_AT, 3 * 24 * 60);
const AWARD_AT = addMinutes(REPORT_AT, 24 * 60);
const CONTRACT_AT = addMinutes(AWARD_AT, 10 * 24 * 60);

/** The bidders on the opening record: three valid, one not decrypted; the first wins. */
const BIDDERS = [
  { tag: 'BD01', org: 'org-supplier-a', name: '甲信息技术有限公司', scale: 'small', priceFen: 325_678_945 },
  { tag: 'BD02', org: 'org-supplier-b', name: '乙办公设备有限公司', scale: 'micro', priceFen: 330_000_000 },
  { tag: 'BD03', org: 'org-supplier-c', name: '丙科技股份有限公司', scale: 'large', priceFen: 341_234_567 },
  { tag: 'BD04', org: 'org-supplier-d', name: '丁数码有限公司', scale: 'medium', priceFen: null },
] as const;

/** The bid prices as they could appear in JSON: 分 and 元. */
const PRICE_TEXTS = ['325678945', '3256789.45', '330000000', '3300000', '341234567', '3412345.67'];

/** Committee members in the evaluation report. */
const MEMBER_NAMES = ['王建国', '李敏', '张卫东', '赵磊', '陈静'];

/** Hex values of the sealed bids that must never be published. */
const SECRET_HEX = BIDDERS.flatMap((b) => [sha256(`receipt ${b.tag}`), sha256(`chain ${b.tag}`)]);

const CONTRACT_SHA256 = sha256('合同正本 扫描件');

/** The tender in a status, at a version, with overrides. */
function makeTender(status: Tender['status'], version: number, overrides: Partial<Tender> = {}): Tender {
  return TenderSchema.parse({
    id: TENDER_ID,
    orgId: BUYER_ORG,
    createdBy: 'user-purchaser-1',
    status,
    version,
    createdAt: '2026-02-20T02:00:00.000Z',
    updatedAt: PUBLISHED_AT,
    ...(status === 'draft' ? {} : { publishedAt: PUBLISHED_AT }),
    correctionCount: 0,
    noticeCount: 1,
    lastEventHash: sha256(`event ${version}`),
    documents: [
      {
        id: makeUlid('DC01'),
        fileName: '招标文件.pdf',
        contentType: 'application/pdf',
        size: 1_048_576,
        sha256: sha256('招标文件'),
        status: 'verified',
        declaredAt: '2026-02-21T02:00:00.000Z',
        verifiedAt: '2026-02-21T02:05:00.000Z',
        active: true,
      },
      {
        id: makeUlid('DC02'),
        fileName: '技术参数（旧版）.pdf',
        contentType: 'application/pdf',
        size: 524_288,
        sha256: sha256('旧版'),
        status: 'verified',
        declaredAt: '2026-02-21T02:00:00.000Z',
        verifiedAt: '2026-02-21T02:05:00.000Z',
        active: false,
      },
      {
        id: makeUlid('DC03'),
        fileName: '未上传的附件.pdf',
        contentType: 'application/pdf',
        size: 4_096,
        sha256: sha256('附件'),
        status: 'pending',
        declaredAt: '2026-02-22T02:00:00.000Z',
        active: false,
      },
    ],
    content: CONTENT,
    ...overrides,
  });
}

/** A notice of the tender. */
function makeNotice(
  seq: number,
  type: NoticeType,
  publishedAt: string,
  body: Record<string, unknown>,
): Notice {
  return NoticeSchema.parse({
    id: makeUlid(`NT0${seq}`),
    tenderId: TENDER_ID,
    seq,
    type,
    typeLabel: NOTICE_TYPE_LABELS[type],
    title: `${CONTENT.title}${NOTICE_TYPE_LABELS[type]}`,
    publishedAt,
    purchasingUnitName: CONTENT.purchasingUnitName,
    tradeType: CONTENT.tradeType,
    category: CONTENT.category,
    method: CONTENT.method,
    body,
  });
}

const PROCUREMENT_NOTICE = makeNotice(1, 'procurement', PUBLISHED_AT, {
  budgetFen: CONTENT.budgetFen,
  evaluationMethod: 'comprehensive',
});
const CORRECTION_AT = addMinutes(PUBLISHED_AT, 3 * 24 * 60);
const CORRECTION_NOTICE = makeNotice(2, 'correction', CORRECTION_AT, {
  summary: '补充打印机技术参数，澄清售后服务响应时间',
  affectsBidPreparation: true,
  bidDeadline: { from: DEADLINE, to: DEADLINE },
  deadlineExtended: false,
  rule: null,
  addedDocuments: [{ id: makeUlid('DC04'), fileName: '技术参数（修订）.pdf', sha256: sha256('修订') }],
  removedDocumentIds: [makeUlid('DC02')],
  evaluationChanged: false,
  documentsUntil: null,
});
const RESULT_NOTICE = makeNotice(3, 'result', AWARD_AT, { supplierName: BIDDERS[0].name });
const CONTRACT_NOTICE = makeNotice(4, 'contract', CONTRACT_AT, { amountFen: 325_678_945 });

/** The opening record published at `publishedAt`; `invalid` bidders (by index) were not decrypted. */
function makeRecord(publishedAt: string, invalid: readonly number[] = [3]): OpeningRecord {
  const entries: OpeningEntry[] = BIDDERS.map((b, i) => {
    const valid = !invalid.includes(i) && b.priceFen !== null;
    return {
      bidId: makeUlid(b.tag),
      supplierOrgId: b.org,
      supplierName: b.name,
      supplierScale: b.scale,
      priceFen: valid ? b.priceFen : null,
      status: valid ? 'valid' : 'invalid',
      reason: valid ? null : 'notDecrypted',
      reasonLabel: valid ? null : '未解密',
      revealedAt: valid ? addMinutes(DEADLINE, 10) : null,
      receiptDigest: sha256(`receipt ${b.tag}`),
      bidChainHead: sha256(`chain ${b.tag}`),
    };
  });
  return OpeningRecordSchema.parse({
    tenderId: TENDER_ID,
    bidDeadline: DEADLINE,
    decryptionEndsAt: addMinutes(DEADLINE, 30),
    confirmationEndsAt: addMinutes(publishedAt, 60),
    publishedAt,
    entries,
    validCount: entries.filter((e) => e.status === 'valid').length,
    responses: [],
  });
}

const REPORT: EvaluationReport = EvaluationReportSchema.parse({
  tenderId: TENDER_ID,
  method: 'comprehensive',
  createdAt: REPORT_AT,
  members: MEMBER_NAMES.map((name, i) => ({ expertId: makeUlid(`EX0${i + 1}`), name, status: 'submitted' })),
  sheets: [],
  invalidBids: [{ bidId: makeUlid('BD04'), supplierName: BIDDERS[3].name, reason: '未解密' }],
  base: '3256789.45',
  ranking: BIDDERS.slice(0, 3).map((b, i) => ({
    bidId: makeUlid(b.tag),
    supplierName: b.name,
    priceFen: b.priceFen,
    dealPriceFen: b.priceFen,
    evaluatedPriceFen: String(b.priceFen),
    deductionApplied: false,
    priceScore: '30.00',
    criteriaScores: {},
    total: String(90 - i),
    rank: i + 1,
    tied: false,
    supplierOrgId: b.org,
    supplierScale: b.scale,
  })),
  candidates: BIDDERS.slice(0, 3).map((b) => makeUlid(b.tag)),
  outliers: [],
  failed: false,
  failureReason: null,
});

const AWARD: Award = AwardSchema.parse({
  tenderId: TENDER_ID,
  bidId: makeUlid('BD01'),
  supplierOrgId: BIDDERS[0].org,
  supplierName: BIDDERS[0].name,
  supplierScale: BIDDERS[0].scale,
  dealAmountFen: 325_678_945,
  candidateRank: 1,
  deemed: false,
  awardedAt: AWARD_AT,
  awardedBy: 'user-purchaser-1',
  reportAt: REPORT_AT,
  resultNoticeDueBy: addMinutes(AWARD_AT, 2 * 24 * 60),
  resultNoticeAt: AWARD_AT,
  lateNotice: false,
  contractDueBy: addMinutes(AWARD_AT, 30 * 24 * 60),
});

const CONTRACT: Contract = ContractSchema.parse({
  tenderId: TENDER_ID,
  id: makeUlid('CT01'),
  amountFen: 325_678_945,
  signedOn: '2026-04-20',
  document: {
    id: makeUlid('CD01'),
    fileName: '采购合同.pdf',
    sha256: CONTRACT_SHA256,
    size: 2_097_152,
    verified: true,
  },
  recordedAt: CONTRACT_AT,
  recordedBy: 'user-purchaser-1',
  late: false,
});

const OPENING = { decryptionEndsAt: addMinutes(DEADLINE, 30) };
const OPENED = {
  ...OPENING,
  confirmationEndsAt: CONFIRMATION_ENDS_AT,
  recordPublishedAt: RECORD_AT,
  validBidCount: 3,
};
const CORRECTED = { correctionCount: 1, noticeCount: 2 };

/** Every published state of the tender's life, as the open-data endpoint would pass it. */
const STAGES: Record<string, ReleaseInput> = {
  tendering: {
    tender: makeTender('tendering', 2),
    notices: [PROCUREMENT_NOTICE],
    at: PUBLISHED_AT,
  },
  corrected: {
    tender: makeTender('tendering', 3, CORRECTED),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE],
    at: CORRECTION_AT,
  },
  openingBeforeRecord: {
    tender: makeTender('opening', 4, { ...CORRECTED, opening: OPENING }),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE],
    // Passed too early on purpose: a record not yet published must not show.
    openingRecord: makeRecord(RECORD_AT),
    report: REPORT,
    at: addMinutes(DEADLINE, 10),
  },
  openingAfterRecord: {
    tender: makeTender('opening', 5, { ...CORRECTED, opening: OPENED }),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE],
    openingRecord: makeRecord(RECORD_AT),
    at: RECORD_AT,
  },
  evaluating: {
    tender: makeTender('evaluating', 6, { ...CORRECTED, opening: OPENED }),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE],
    openingRecord: makeRecord(RECORD_AT),
    at: CONFIRMATION_ENDS_AT,
  },
  awarding: {
    tender: makeTender('awarding', 7, { ...CORRECTED, opening: OPENED }),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE],
    openingRecord: makeRecord(RECORD_AT),
    report: REPORT,
    at: REPORT_AT,
  },
  awarded: {
    tender: makeTender('awarded', 8, { ...CORRECTED, noticeCount: 3, opening: OPENED }),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE, RESULT_NOTICE],
    openingRecord: makeRecord(RECORD_AT),
    report: REPORT,
    award: AWARD,
    committeeNames: MEMBER_NAMES,
    at: AWARD_AT,
  },
  complete: {
    tender: makeTender('complete', 9, { ...CORRECTED, noticeCount: 4, opening: OPENED }),
    notices: [PROCUREMENT_NOTICE, CORRECTION_NOTICE, RESULT_NOTICE, CONTRACT_NOTICE],
    openingRecord: makeRecord(RECORD_AT),
    report: REPORT,
    award: AWARD,
    contract: CONTRACT,
    committeeNames: MEMBER_NAMES,
    at: CONTRACT_AT,
  },
  failed: {
    tender: makeTender('failed', 5, {
      ...CORRECTED,
      noticeCount: 3,
      opening: { ...OPENED, validBidCount: 2 },
    }),
    notices: [
      PROCUREMENT_NOTICE,
      CORRECTION_NOTICE,
      makeNotice(3, 'failure', RECORD_AT, { reason: '有效投标不足3家', validCount: 2 }),
    ],
    openingRecord: makeRecord(RECORD_AT, [2, 3]),
    at: RECORD_AT,
  },
  cancelled: {
    tender: makeTender('cancelled', 3, {
      noticeCount: 2,
      cancelledAt: CORRECTION_AT,
      cancelReason: '采购需求发生重大变化',
    }),
    notices: [
      PROCUREMENT_NOTICE,
      makeNotice(2, 'termination', CORRECTION_AT, { reason: '采购需求发生重大变化' }),
    ],
    at: CORRECTION_AT,
  },
};

const validators = loadOcdsValidators();

/** The release of a stage, with overrides of its input. */
function buildStageRelease(stage: string, overrides: Partial<ReleaseInput> = {}): Release {
  const input = STAGES[stage];
  if (input === undefined) throw new Error(`no stage ${stage}`);
  return buildRelease({ ...input, ...overrides });
}

/** The party with an id, or a failed expectation. */
function findParty(release: Release, id: string) {
  const party = release.parties.find((p) => p.id === id);
  expect(party, `party ${id}`).toBeDefined();
  return party!;
}

describe('buildRelease: every published state is a valid OCDS 1.1 release', () => {
  test.each(Object.keys(STAGES))('%s validates against release-schema.json with no errors', (stage) => {
    // Prepare
    const input = STAGES[stage]!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(validators.validateRelease(release)).toEqual([]);
    expect(release.ocid).toBe(`${OCID_PREFIX}-${TENDER_ID}`);
    expect(release.id).toBe(`${release.ocid}-${input.tender.version}`);
    expect(release.date).toBe(input.at);
    expect(release.initiationType).toBe('tender');
    expect(release.language).toBe('zh');
  });

  test('a package of all the releases validates against release-package-schema.json', () => {
    // Prepare
    const releases = Object.keys(STAGES)
      .filter((stage) => stage !== 'failed' && stage !== 'cancelled')
      .map((stage) => buildStageRelease(stage));

    // Act
    const pkg = buildReleasePackage(releases, {
      uri: 'https://ggzy.example.gov.cn/api/open-data/releases/2026-04',
      publishedDate: CONTRACT_AT,
      publisherName: '某区公共资源交易中心',
    });

    // Assess
    expect(validators.validatePackage(pkg)).toEqual([]);
    expect(pkg.version).toBe('1.1');
    expect(pkg.publisher).toEqual({ name: '某区公共资源交易中心' });
    expect(pkg.license).toBe(DEFAULT_OCDS_LICENSE);
    expect(pkg.publicationPolicy).toBe('https://ggzy.example.gov.cn/api/open-data/publication-policy');
    expect(pkg.releases.map((r) => r.id)).toEqual(releases.map((r) => r.id));
    expect(new Set(pkg.releases.map((r) => r.id)).size).toBe(releases.length);
  });

  test('the validators are not vacuous: a bad tag and a relative URL are reported', () => {
    // Prepare
    const release = buildStageRelease('tendering');
    const broken = {
      ...release,
      tag: ['published'],
      tender: { ...release.tender, documents: [{ id: 'd', url: '/api/tenders/x/documents/y' }] },
    };

    // Act
    const errors = validators.validateRelease(broken);
    const packageErrors = validators.validatePackage({ uri: 'not a uri', releases: [] });

    // Assess
    expect(errors.some((e) => e.startsWith('/tag/0'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/tender/documents/0/url') && e.includes('uri'))).toBe(true);
    expect(packageErrors.length).toBeGreaterThan(0);
  });
});

describe('buildRelease: tender stages', () => {
  test('a published tender is an active open tender with its budget in 元, documents and notice', () => {
    // Prepare
    const input = STAGES['tendering']!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['tender']);
    expect(release.buyer).toEqual({ id: BUYER_ORG, name: CONTENT.purchasingUnitName });
    expect(release.parties).toEqual([
      { id: BUYER_ORG, name: CONTENT.purchasingUnitName, roles: ['buyer', 'procuringEntity'] },
    ]);
    expect(release.planning?.budget.amount).toEqual({ amount: 3_500_000, currency: 'CNY' });
    expect(release.tender).toMatchObject({
      id: TENDER_ID,
      title: CONTENT.title,
      description: CONTENT.description,
      status: 'active',
      procuringEntity: { id: BUYER_ORG },
      value: { amount: 3_500_000, currency: 'CNY' },
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      mainProcurementCategory: 'goods',
      awardCriteria: 'ratedCriteria',
      submissionMethod: ['electronicSubmission'],
      tenderPeriod: { startDate: CONTENT.timeline.documentsFrom, endDate: DEADLINE },
    });
    expect(release.tender.awardCriteriaDetails).toContain('综合评分法');
    expect(release.tender.awardCriteriaDetails).toContain('价格权重30%');
    expect(release.tender.awardCriteriaDetails).toContain('技术参数响应40分');
    expect(release.tender.eligibilityCriteria).toContain('具有独立承担民事责任的能力');
    expect(release.tender.documents.map((d) => [d.id, d.documentType])).toEqual([
      [PROCUREMENT_NOTICE.id, 'tenderNotice'],
      [makeUlid('DC01'), 'biddingDocuments'],
    ]);
    expect(release.tender.amendments).toBeUndefined();
    expect(release.tender.numberOfTenderers).toBeUndefined();
    expect(release.tender.tenderers).toBeUndefined();
  });

  test('a correction is a tenderAmendment with the change and its reason', () => {
    // Prepare
    const input = STAGES['corrected']!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['tenderAmendment']);
    expect(release.tender.amendments).toHaveLength(1);
    const amendment = release.tender.amendments?.[0];
    expect(amendment).toMatchObject({
      id: CORRECTION_NOTICE.id,
      date: CORRECTION_AT,
      rationale: '补充打印机技术参数，澄清售后服务响应时间',
    });
    expect(amendment?.description).toContain('新增采购文件：技术参数（修订）.pdf');
    expect(amendment?.description).toContain('撤回采购文件1份');
    expect(release.tender.documents.map((d) => d.documentType)).toContain('clarifications');
  });

  test('a correction published after `at` is not in the release of that instant', () => {
    // Prepare
    const input = { ...STAGES['corrected']!, tender: makeTender('tendering', 2), at: PUBLISHED_AT };

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['tender']);
    expect(release.tender.amendments).toBeUndefined();
    expect(JSON.stringify(release)).not.toContain(CORRECTION_NOTICE.id);
  });

  test('before the opening record is published: no tenderer, no count, no price anywhere', () => {
    // Prepare
    const input = STAGES['openingBeforeRecord']!;

    // Act
    const release = buildRelease(input);
    const releaseWithoutRecord = buildRelease({ ...input, openingRecord: null });
    const json = JSON.stringify(release);

    // Assess
    expect(release.tag).toEqual(['tenderUpdate']);
    expect(release.tender.status).toBe('active');
    expect(release.tender.numberOfTenderers).toBeUndefined();
    expect(release.tender.tenderers).toBeUndefined();
    expect(release.parties.map((p) => p.roles)).toEqual([['buyer', 'procuringEntity']]);
    for (const price of PRICE_TEXTS) expect(json).not.toContain(price);
    for (const bidder of BIDDERS) {
      expect(json).not.toContain(bidder.name);
      expect(json).not.toContain(bidder.org);
      expect(json).not.toContain(makeUlid(bidder.tag));
    }
    expect(release).toEqual(releaseWithoutRecord);
  });

  test('after the opening record: every bidder is a tenderer with its scale, still no bid price', () => {
    // Prepare
    const input = STAGES['openingAfterRecord']!;

    // Act
    const release = buildRelease(input);
    const json = JSON.stringify(release);

    // Assess
    expect(release.tender.numberOfTenderers).toBe(4);
    expect(release.tender.tenderers?.map((t) => t.id)).toEqual(BIDDERS.map((b) => b.org));
    expect(findParty(release, 'org-supplier-a')).toEqual({
      id: 'org-supplier-a',
      name: BIDDERS[0].name,
      roles: ['tenderer'],
      details: { scale: 'sme' },
    });
    expect(findParty(release, 'org-supplier-b').details).toEqual({ scale: 'micro' });
    expect(findParty(release, 'org-supplier-c').details).toEqual({ scale: 'large' });
    expect(findParty(release, 'org-supplier-d').details).toEqual({ scale: 'sme' });
    for (const price of PRICE_TEXTS) expect(json).not.toContain(price);
  });

  test('evaluation and the report: award period opens, but no score, rank or member leaks', () => {
    // Prepare
    const evaluating = STAGES['evaluating']!;
    const awarding = STAGES['awarding']!;

    // Act
    const during = buildRelease(evaluating);
    const reported = buildRelease(awarding);
    const json = JSON.stringify(reported);

    // Assess
    expect(during.tender.awardPeriod).toBeUndefined();
    expect(reported.tag).toEqual(['tenderUpdate']);
    expect(reported.tender.status).toBe('active');
    expect(reported.tender.awardPeriod).toEqual({ startDate: REPORT_AT });
    expect(reported.awards).toBeUndefined();
    for (const price of PRICE_TEXTS) expect(json).not.toContain(price);
    for (const name of MEMBER_NAMES) expect(json).not.toContain(name);
  });

  test('the award: deal amount in 元, the winner a supplier with its scale mapped, tender complete', () => {
    // Prepare
    const input = STAGES['awarded']!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['award']);
    expect(release.tender.status).toBe('complete');
    expect(release.awards).toHaveLength(1);
    expect(release.awards?.[0]).toMatchObject({
      id: AWARD.bidId,
      status: 'active',
      date: AWARD_AT,
      value: { amount: 3_256_789.45, currency: 'CNY' },
      suppliers: [{ id: 'org-supplier-a', name: BIDDERS[0].name }],
    });
    expect(JSON.stringify(release.awards)).toContain('"amount":3256789.45');
    expect(findParty(release, 'org-supplier-a')).toEqual({
      id: 'org-supplier-a',
      name: BIDDERS[0].name,
      roles: ['tenderer', 'supplier'],
      details: { scale: 'sme' },
    });
    expect(release.awards?.[0]?.documents.map((d) => d.documentType)).toContain('awardNotice');
    expect(release.tender.awardPeriod).toEqual({ startDate: REPORT_AT, endDate: AWARD_AT });
    // Only the winning price is public; the losers' prices never are.
    const json = JSON.stringify(release);
    for (const price of PRICE_TEXTS.slice(2)) expect(json).not.toContain(price);
  });

  test('the contract: linked to the award, signed date, amount and the document hash', () => {
    // Prepare
    const input = STAGES['complete']!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['contract']);
    expect(release.contracts).toEqual([
      {
        id: CONTRACT.id,
        awardID: AWARD.bidId,
        status: 'active',
        value: { amount: 3_256_789.45, currency: 'CNY' },
        dateSigned: '2026-04-20T00:00:00+08:00',
        documents: [
          {
            id: CONTRACT.document.id,
            documentType: 'contractSigned',
            title: '采购合同.pdf',
            description: `SHA-256: ${CONTRACT_SHA256}`,
          },
          {
            id: CONTRACT_NOTICE.id,
            documentType: 'contractNotice',
            title: CONTRACT_NOTICE.title,
            datePublished: CONTRACT_AT,
          },
        ],
      },
    ]);
  });

  test('a failed tender is unsuccessful, with the failure notice and its reason', () => {
    // Prepare
    const input = STAGES['failed']!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['tenderUpdate']);
    expect(release.tender.status).toBe('unsuccessful');
    expect(release.awards).toBeUndefined();
    const failure = release.tender.documents.find((d) => d.documentType === 'cancellationDetails');
    expect(failure?.description).toBe('有效投标不足3家');
  });

  test('a cancelled tender is a tenderCancellation, with the termination notice and its reason', () => {
    // Prepare
    const input = STAGES['cancelled']!;

    // Act
    const release = buildRelease(input);

    // Assess
    expect(release.tag).toEqual(['tenderCancellation']);
    expect(release.tender.status).toBe('cancelled');
    const termination = release.tender.documents.find((d) => d.documentType === 'cancellationDetails');
    expect(termination?.description).toBe('采购需求发生重大变化');
  });

  test('a caller-given tag replaces the derived one', () => {
    // Prepare
    const input = STAGES['tendering']!;

    // Act
    const release = buildRelease({ ...input, tag: ['tender', 'planning'] });

    // Assess
    expect(release.tag).toEqual(['tender', 'planning']);
    expect(validators.validateRelease(release)).toEqual([]);
  });
});

describe('buildRelease: secrecy rules', () => {
  test('committee names are absent from every release without committeeNames, report or not', () => {
    // Prepare
    const inputs = Object.values(STAGES).map((input) => ({ ...input, committeeNames: null }));

    // Act
    const jsons = inputs.map((input) => JSON.stringify(buildRelease(input)));

    // Assess
    for (const json of jsons) {
      for (const name of MEMBER_NAMES) expect(json).not.toContain(name);
      expect(json).not.toContain('evaluation-committee');
    }
  });

  test('committee names are published with the award when given after the result notice', () => {
    // Prepare
    const input = STAGES['awarded']!;

    // Act
    const release = buildRelease(input);

    // Assess
    const committee = release.awards?.[0]?.documents.find((d) => d.id === 'evaluation-committee');
    expect(committee).toEqual({
      id: 'evaluation-committee',
      documentType: 'evaluationReports',
      title: '评审委员会成员名单',
      description: MEMBER_NAMES.join('、'),
    });
    expect(release.parties.some((p) => (p.roles as string[]).includes('reviewBody'))).toBe(false);
    expect(validators.validateRelease(release)).toEqual([]);
  });

  test('committee names before the result notice are refused', () => {
    // Prepare
    const input = { ...STAGES['awarding']!, committeeNames: MEMBER_NAMES };

    // Act
    const act = () => buildRelease(input);

    // Assess
    expect(act).toThrow(ConflictError);
  });

  test('no release ever carries a nonce, key, commitment, receipt hash or storage URL', () => {
    // Prepare
    const inputs = Object.values(STAGES);

    // Act
    const jsons = inputs.map((input) =>
      JSON.stringify(buildRelease({ ...input, baseUrl: 'https://ggzy.example.gov.cn' })),
    );

    // Assess
    for (const json of jsons) {
      const hexes = json.match(/[0-9a-f]{64}/g) ?? [];
      expect(hexes.filter((hex) => hex !== CONTRACT_SHA256)).toEqual([]);
      for (const secret of SECRET_HEX) expect(json).not.toContain(secret);
      expect(json).not.toMatch(/nonce|keyHex|commitment|X-Amz-|amazonaws|\/bids\//i);
    }
  });

  test('an award before the opening record is published is refused', () => {
    // Prepare
    const input = { ...STAGES['awarded']!, openingRecord: makeRecord(addMinutes(CONTRACT_AT, 60)) };

    // Act
    const act = () => buildRelease(input);

    // Assess
    expect(act).toThrow(ConflictError);
  });

  test('a draft throws, and so does a tender cancelled while still a draft', () => {
    // Prepare
    const draft = makeTender('draft', 1);
    const cancelledDraft = makeTender('draft', 2, { status: 'cancelled', cancelledAt: PUBLISHED_AT });

    // Act
    const actDraft = () => buildRelease({ tender: draft, notices: [], at: PUBLISHED_AT });
    const actCancelled = () => buildRelease({ tender: cancelledDraft, notices: [], at: PUBLISHED_AT });

    // Assess
    expect(actDraft).toThrow(ConflictError);
    expect(actCancelled).toThrow(ConflictError);
  });

  test('records of another tender are refused', () => {
    // Prepare
    const foreign = { ...AWARD, tenderId: makeUlid('THER') };
    const input = { ...STAGES['awarded']!, award: foreign };

    // Act
    const act = () => buildRelease(input);

    // Assess
    expect(act).toThrow(ValidationError);
  });
});

describe('buildRelease: mappings', () => {
  test.each(PROCUREMENT_METHODS)('method %s maps to its OCDS code and keeps its Chinese name', (method) => {
    // Prepare
    const input = STAGES['tendering']!;
    const tender = { ...input.tender, content: { ...input.tender.content, method } };

    // Act
    const release = buildRelease({ ...input, tender });

    // Assess
    expect(release.tender.procurementMethod).toBe(OCDS_PROCUREMENT_METHOD[method]);
    expect(release.tender.procurementMethodDetails).toBe(PROCUREMENT_METHOD_LABELS[method].zh);
    expect(validators.validateRelease(release)).toEqual([]);
  });

  test('the method codes follow the documented choices', () => {
    // Prepare
    const expected = {
      openTender: 'open',
      invitedTender: 'selective',
      competitiveNegotiation: 'limited',
      competitiveConsultation: 'limited',
      inquiry: 'limited',
      singleSource: 'direct',
      listing: 'open',
      auction: 'open',
    };

    // Act
    const actual = { ...OCDS_PROCUREMENT_METHOD };

    // Assess
    expect(actual).toEqual(expected);
  });

  test.each([
    [1, 0.01],
    [10, 0.1],
    [1_000_000_001, 10_000_000.01],
    [100_000_000_000_000, 1_000_000_000_000],
  ])('%i 分 is published as exactly %d 元', (fen, yuan) => {
    // Prepare
    const input = STAGES['tendering']!;
    const tender = { ...input.tender, content: { ...input.tender.content, budgetFen: fen } };

    // Act
    const release = buildRelease({ ...input, tender });

    // Assess
    expect(release.tender.value).toEqual({ amount: yuan, currency: 'CNY' });
    expect(JSON.stringify(release.planning)).toContain(`"amount":${String(yuan)}`);
  });

  test('announces the small/micro deduction the scoring applies, and none where no rule lets it apply', () => {
    // Prepare: the same stated 10% on an open tender and on a rights transfer
    const input = STAGES['tendering']!;
    const sme = { reservedForSme: false, priceDeductionPercent: 10 };
    const open = { ...input.tender.content, sme };
    const transfer = {
      ...open,
      tradeType: 'landUseRights' as const,
      method: 'listing' as const,
      budgetFen: undefined,
      reservePriceFen: 12_000_000_00,
      evaluation: { method: 'highestPrice' as const, criteria: [] },
    };

    // Act
    const openRelease = buildRelease({ ...input, tender: { ...input.tender, content: open } });
    const transferRelease = buildRelease({ ...input, tender: { ...input.tender, content: transfer } });

    // Assess
    expect(openRelease.tender.awardCriteriaDetails).toContain('小微企业价格扣除10%');
    expect(transferRelease.tender.awardCriteriaDetails).not.toContain('价格扣除');
  });

  test('price-only methods and a rights transfer: priceOnly, reserve price as minValue, no budget', () => {
    // Prepare
    const input = STAGES['tendering']!;
    const content = {
      ...input.tender.content,
      tradeType: 'landUseRights' as const,
      method: 'listing' as const,
      budgetFen: undefined,
      reservePriceFen: 12_000_000_00,
      evaluation: { method: 'highestPrice' as const, criteria: [] },
    };

    // Act
    const release = buildRelease({ ...input, tender: { ...input.tender, content } });

    // Assess
    expect(release.tender.awardCriteria).toBe('priceOnly');
    expect(release.tender.awardCriteriaDetails).toContain('价高者得');
    expect(release.tender.minValue).toEqual({ amount: 12_000_000, currency: 'CNY' });
    expect(release.tender.value).toBeUndefined();
    expect(release.planning).toBeUndefined();
    expect(validators.validateRelease(release)).toEqual([]);
  });

  test('with a base URL, tender documents link the public API path; without it, no url', () => {
    // Prepare
    const input = STAGES['tendering']!;

    // Act
    const linked = buildRelease({ ...input, baseUrl: 'https://ggzy.example.gov.cn/' });
    const unlinked = buildRelease(input);

    // Assess
    const doc = linked.tender.documents.find((d) => d.id === makeUlid('DC01'));
    expect(doc?.url).toBe(
      `https://ggzy.example.gov.cn/api/tenders/${TENDER_ID}/documents/${makeUlid('DC01')}`,
    );
    expect(unlinked.tender.documents.every((d) => d.url === undefined)).toBe(true);
    expect(validators.validateRelease(linked)).toEqual([]);
  });

  test('ocidOf puts the registered-style prefix before the tender id', () => {
    // Prepare
    const id = TENDER_ID;

    // Act
    const ocid = ocidOf(id);

    // Assess
    expect(ocid).toBe(`ocds-ggzy01-${id}`);
    expect(OCID_PREFIX).toMatch(/^ocds-[a-z0-9]{6}$/);
  });
});

describe('buildReleasePackage', () => {
  test('refuses an empty list and a repeated release', () => {
    // Prepare
    const release = buildStageRelease('tendering');
    const options = { uri: 'https://ggzy.example.gov.cn/api/open-data/p1', publishedDate: PUBLISHED_AT };

    // Act
    const actEmpty = () => buildReleasePackage([], options);
    const actRepeated = () => buildReleasePackage([release, release], options);

    // Assess
    expect(actEmpty).toThrow(ValidationError);
    expect(actRepeated).toThrow(ValidationError);
  });

  test('defaults the publisher and declares the party-scale extension', () => {
    // Prepare
    const releases = [buildStageRelease('openingAfterRecord')];

    // Act
    const pkg = buildReleasePackage(releases, {
      uri: 'https://ggzy.example.gov.cn/api/open-data/p2',
      publishedDate: RECORD_AT,
    });

    // Assess
    expect(pkg.publisher.name).toBe('公共资源交易中心');
    expect(pkg.extensions).toEqual([expect.stringContaining('ocds_partyDetails_scale_extension')]);
    expect(validators.validatePackage(pkg)).toEqual([]);
  });
});

describe('buildRelease: enquiries (政府采购法第五十一条)', () => {
  const ASKED_AT = addMinutes(PUBLISHED_AT, 24 * 60);
  const ANSWERED_AT = addMinutes(ASKED_AT, 2 * 24 * 60);
  const enquiry = {
    id: '01JNB8Z3Q4R5S6T7V8W9X0Y1ZF',
    tenderId: TENDER_ID,
    question: '第三章技术参数中“不低于”是否含本数？',
    askedAt: ASKED_AT,
    answerDueOn: '2026-03-06',
    answerDueAt: '2026-03-06T15:59:59.999Z',
    askerOrgId: 'org-supplier-asker',
    askerName: '询问供应商有限公司',
    answer: { text: '含本数。', answeredAt: ANSWERED_AT, correctionNoticeId: null, late: false },
    version: 2,
  };

  test('each release carries the questions asked by its date and the answers given by it, never the asker', () => {
    // Prepare
    const before = buildStageRelease('tendering', { enquiries: [enquiry], at: addMinutes(ASKED_AT, -1) });
    const asked = buildStageRelease('tendering', { enquiries: [enquiry], at: addMinutes(ASKED_AT, 60) });

    // Act
    const answered = buildStageRelease('tendering', { enquiries: [enquiry], at: ANSWERED_AT });
    const pkg = buildReleasePackage([answered], {
      uri: 'https://ggzy.example.gov.cn/api/ocds/tenders/x',
      publishedDate: ANSWERED_AT,
    });

    // Assess: core hasEnquiries, the enquiries extension's fields checked against its own schema
    expect(before.tender.hasEnquiries).toBeUndefined();
    expect(before.tender.enquiries).toBeUndefined();
    expect(asked.tender.hasEnquiries).toBe(true);
    expect(asked.tender.enquiries).toEqual([
      { id: enquiry.id, date: ASKED_AT, description: enquiry.question },
    ]);
    expect(answered.tender.enquiries).toEqual([
      {
        id: enquiry.id,
        date: ASKED_AT,
        description: enquiry.question,
        answer: '含本数。',
        dateAnswered: ANSWERED_AT,
      },
    ]);
    for (const release of [asked, answered]) {
      expect(validators.validateRelease(release)).toEqual([]);
      const json = JSON.stringify(release);
      expect(json).not.toContain(enquiry.askerOrgId);
      expect(json).not.toContain(enquiry.askerName);
    }
    expect(pkg.extensions).toEqual([
      expect.stringContaining('ocds_partyDetails_scale_extension'),
      expect.stringContaining('ocds_enquiry_extension'),
    ]);
    expect(validators.validatePackage(pkg)).toEqual([]);
  });

  test('the extension schema is applied: an enquiry without an id is reported', () => {
    // Prepare
    const release = buildStageRelease('tendering', { enquiries: [enquiry], at: ANSWERED_AT });
    const broken = { ...release, tender: { ...release.tender, enquiries: [{ description: '没有编号' }] } };

    // Act
    const errors = validators.validateRelease(broken);

    // Assess
    expect(errors.some((e) => e.startsWith('/tender/enquiries/0') && e.includes('id'))).toBe(true);
  });
});
