/**
 * Open data as OCDS 1.1: one release per published state of a tender, and the release package.
 *
 * The Open Contracting Data Standard is what open-data tools and auditors read, so the portal maps its
 * own model onto OCDS codelists here, once, with each decision written next to its table. The secrecy
 * rules of the tender are enforced here too, not left to callers: no bidder or price before the opening
 * record is published, no committee member before the result notice, and never a nonce, key, commitment
 * or sealed-document location. The module is pure: no I/O, no clock (the caller passes `at`).
 */

import { ConflictError, ValidationError } from '../domain/errors';
import type { TenderStatus } from '../domain/lifecycle';
import type { Fen } from '../domain/money';
import { formatYuan } from '../domain/money';
import type { EvaluationMethod, ProcurementMethod } from '../domain/rules';
import {
  decideSmallMicroDeduction,
  EVALUATION_METHOD_LABELS,
  PROCUREMENT_METHOD_LABELS,
} from '../domain/rules';
import type { Award, Contract } from '../schemas/award';
import type { OpeningRecord } from '../schemas/bid';
import type { Enquiry } from '../schemas/enquiry';
import type { EvaluationReport } from '../schemas/evaluation';
import type { Notice, NoticeType } from '../schemas/notice';
import type { SupplierScale } from '../schemas/supplier';
import type { Tender, TenderContent } from '../schemas/tender';

/**
 * The OCID prefix of this portal: `ocds-` plus six characters, in the shape of a registered prefix.
 *
 * It is a placeholder: a real deployment registers its own prefix with the Open Contracting
 * Partnership and puts it here, so that its OCIDs are globally unique.
 */
export const OCID_PREFIX = 'ocds-ggzy01';

/**
 * OCDS schema version written on every package (`major.minor`).
 *
 * The releases are checked against the official 1.1.5 schemas, which a package declares as `1.1`.
 */
export const OCDS_VERSION = '1.1';

/**
 * The party-scale extension that defines `parties[].details.scale` (`micro` / `sme` / `large`).
 *
 * `details` is free-form in core OCDS; naming the extension in the package tells readers which codelist
 * the scale values come from.
 */
export const PARTY_SCALE_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/master/extension.json';

/**
 * The enquiries extension that defines `tender.enquiries` (question, answer, their dates).
 *
 * Core OCDS has only `tender.hasEnquiries`; the extension carries the questions and answers that
 * the portal publishes anyway. Its `author` is never filled: the asker is not named in public.
 */
export const ENQUIRY_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/master/extension.json';

/**
 * Default licence of the published data (CC BY 4.0).
 *
 * OCDS recommends an open licence named by its canonical URI; a deployment may pass another.
 */
export const DEFAULT_OCDS_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * Path, under the package URI's origin, of the publication policy when none is passed.
 *
 * OCDS asks every publisher to link a publication policy; serving it beside the open data keeps the
 * link stable across deployments.
 */
export const PUBLICATION_POLICY_PATH = '/api/open-data/publication-policy';

/**
 * Default publisher name of a package.
 *
 * The trading centre publishes the data; a deployment passes its own full name.
 */
export const DEFAULT_PUBLISHER_NAME = '公共资源交易中心';

/** A code of the closed OCDS releaseTag codelist. */
export type ReleaseTag =
  | 'planning'
  | 'planningUpdate'
  | 'tender'
  | 'tenderAmendment'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardUpdate'
  | 'awardCancellation'
  | 'contract'
  | 'contractUpdate'
  | 'contractAmendment'
  | 'implementation'
  | 'implementationUpdate'
  | 'contractTermination'
  | 'compiled';

/** A code of the closed OCDS tenderStatus codelist. */
export type OcdsTenderStatus =
  | 'planning'
  | 'planned'
  | 'active'
  | 'cancelled'
  | 'unsuccessful'
  | 'complete'
  | 'withdrawn';

/** A code of the closed OCDS method codelist. */
export type OcdsProcurementMethod = 'open' | 'selective' | 'limited' | 'direct';

/** A code of the partyScale codelist. */
export type OcdsPartyScale = 'micro' | 'sme' | 'large';

/** The partyRole codes this portal uses (the codelist is open; these are all core codes). */
export type OcdsPartyRole = 'buyer' | 'procuringEntity' | 'tenderer' | 'supplier';

/** The awardCriteria codes this portal uses. */
export type OcdsAwardCriteria = 'ratedCriteria' | 'priceOnly';

/** An OCDS amount: a number of 元 (up to two decimals) and its currency. */
export interface OcdsValue {
  /** Amount in 元, exactly the 分 figure divided by 100. */
  amount: number;
  /** Always CNY. */
  currency: 'CNY';
}

/** An OCDS period. */
export interface OcdsPeriod {
  /** ISO 8601 date-time with offset. */
  startDate?: string;
  /** ISO 8601 date-time with offset. */
  endDate?: string;
}

/** A reference to an entry of `parties`. */
export interface OcdsOrganizationReference {
  /** The party's id in `parties`. */
  id: string;
  /** The party's name. */
  name: string;
}

/** An entry of `parties`. */
export interface OcdsParty {
  /** Organisation id of the portal (`orgId` / `supplierOrgId`). */
  id: string;
  /** Registered name. */
  name: string;
  /** Every role the party plays in this process. */
  roles: OcdsPartyRole[];
  /** Suppliers only: the declared enterprise scale (party-scale extension). */
  details?: { scale: OcdsPartyScale };
}

/** An OCDS document: a notice, a tender document, the committee list or the contract. */
export interface OcdsDocument {
  /** Unique within its list. */
  id: string;
  /** A code of the open documentType codelist. */
  documentType: string;
  /** Title, usually the file or notice name. */
  title: string;
  /** Free text: a notice's reason, a file's SHA-256, the committee's names. */
  description?: string;
  /** Absolute URL of the portal's public API path; never a presigned or storage URL. */
  url?: string;
  /** When the document was published. */
  datePublished?: string;
  /** IANA media type. */
  format?: string;
}

/** An amendment of the tender, from one correction notice (更正公告). */
export interface OcdsAmendment {
  /** The correction notice's id. */
  id: string;
  /** When the correction was published. */
  date: string;
  /** Why: the purchasing unit's summary of the correction. */
  rationale?: string;
  /** What changed: deadline, documents, criteria. */
  description: string;
}

/** The `tender` section of a release. */
export interface OcdsTender {
  /** The tender's id. */
  id: string;
  /** Title. */
  title: string;
  /** Description, when the tender has one. */
  description?: string;
  /** Status per {@link OCDS_TENDER_STATUS}. */
  status: OcdsTenderStatus;
  /** The purchasing unit. */
  procuringEntity: OcdsOrganizationReference;
  /** The budget (预算金额), for government procurement. */
  value?: OcdsValue;
  /** The reserve price (底价), for land and mining rights transfers. */
  minValue?: OcdsValue;
  /** Method per {@link OCDS_PROCUREMENT_METHOD}. */
  procurementMethod: OcdsProcurementMethod;
  /** The local method name, e.g. 公开招标. */
  procurementMethodDetails: string;
  /** goods / works / services. */
  mainProcurementCategory: 'goods' | 'works' | 'services';
  /** Criteria per {@link OCDS_AWARD_CRITERIA}. */
  awardCriteria: OcdsAwardCriteria;
  /** The evaluation method with its price weight, criteria and SME deduction. */
  awardCriteriaDetails: string;
  /** Always electronic submission. */
  submissionMethod: string[];
  /** The qualification conditions, when any. */
  eligibilityCriteria?: string;
  /** Documents from, bid deadline. */
  tenderPeriod: OcdsPeriod;
  /** Report to award, once the evaluation reported. */
  awardPeriod?: OcdsPeriod;
  /** Bidders on the opening record, once it is published. */
  numberOfTenderers?: number;
  /** Bidders on the opening record, once it is published. */
  tenderers?: OcdsOrganizationReference[];
  /** Notices and tender documents. */
  documents: OcdsDocument[];
  /** One per correction notice. */
  amendments?: OcdsAmendment[];
  /** Whether any enquiry was received by then (core OCDS). */
  hasEnquiries?: boolean;
  /** The enquiries and their answers by then (enquiries extension), the askers unnamed. */
  enquiries?: OcdsEnquiry[];
}

/** An enquiry of the enquiries extension, without its author. */
export interface OcdsEnquiry {
  /** The enquiry's id. */
  id: string;
  /** When it was asked. */
  date: string;
  /** The question. */
  description: string;
  /** The answer, once given by the release's date. */
  answer?: string;
  /** When it was answered. */
  dateAnswered?: string;
}

/** An OCDS award. */
export interface OcdsAward {
  /** The winning bid's id. */
  id: string;
  /** Always active: the portal publishes an award once it is made. */
  status: 'active';
  /** When the award was made. */
  date: string;
  /** The deal amount (成交金额), the winner's own price. */
  value: OcdsValue;
  /** The winner. */
  suppliers: OcdsOrganizationReference[];
  /** The result notice and, when published, the committee list. */
  documents: OcdsDocument[];
}

/** An OCDS contract. */
export interface OcdsContract {
  /** The contract's id. */
  id: string;
  /** The award it implements. */
  awardID: string;
  /** Always active once recorded. */
  status: 'active';
  /** The contract amount. */
  value: OcdsValue;
  /** Signing day at 00:00 China time. */
  dateSigned: string;
  /** The signed contract (with its SHA-256) and the contract notice. */
  documents: OcdsDocument[];
}

/** One OCDS 1.1 release: the tender's published state at one instant. */
export interface Release {
  /** Open Contracting ID, {@link ocidOf}. */
  ocid: string;
  /** `${ocid}-${tender.version}`: unique per state change. */
  id: string;
  /** The instant the state is published for. */
  date: string;
  /** What the release announces. */
  tag: ReleaseTag[];
  /** Always `tender`. */
  initiationType: 'tender';
  /** Always `zh`. */
  language: 'zh';
  /** Buyer, tenderers (after the opening record) and supplier. */
  parties: OcdsParty[];
  /** The purchasing unit. */
  buyer: OcdsOrganizationReference;
  /** The budget, when the tender has one. */
  planning?: { budget: { amount: OcdsValue } };
  /** The tender. */
  tender: OcdsTender;
  /** The award, once made. */
  awards?: OcdsAward[];
  /** The contract, once recorded. */
  contracts?: OcdsContract[];
}

/** An OCDS 1.1 release package. */
export interface ReleasePackage {
  /** The package's own URI. */
  uri: string;
  /** Always {@link OCDS_VERSION}. */
  version: typeof OCDS_VERSION;
  /** Extensions whose fields the releases use. */
  extensions: string[];
  /** When the package was published. */
  publishedDate: string;
  /** Who publishes. */
  publisher: { name: string };
  /** Licence URI. */
  license: string;
  /** Publication policy URI. */
  publicationPolicy: string;
  /** The releases. */
  releases: Release[];
}

/** What {@link buildRelease} needs: the tender and everything published about it so far. */
export interface ReleaseInput {
  /** The tender as of `at`. */
  tender: Tender;
  /** Its notices; those published after `at` are left out. */
  notices: readonly Notice[];
  /** The opening record; used only once published (its `publishedAt` at or before `at`). */
  openingRecord?: OpeningRecord | null;
  /** The evaluation report; only its date is used, never its scores or members. */
  report?: EvaluationReport | null;
  /** The award, once made. */
  award?: Award | null;
  /** The contract, once recorded. */
  contract?: Contract | null;
  /** The tender's enquiries; those asked after `at` are left out, answers given after it too. */
  enquiries?: readonly Enquiry[];
  /** Committee member names; pass only once the result notice is published (87号令第47–48条). */
  committeeNames?: readonly string[] | null;
  /** The instant of the state (ISO 8601 with offset); becomes the release date. */
  at: string;
  /** Overrides the tag derived from the status. */
  tag?: ReleaseTag[];
  /** Overrides the release id (`<ocid>-<version>`), for a release that is not a notice's. */
  releaseId?: string;
  /** Absolute base URL of the portal (e.g. `https://ggzy.example.gov.cn`); documents get a `url` only with it. */
  baseUrl?: string;
}

/** Options of {@link buildReleasePackage}. */
export interface ReleasePackageOptions {
  /** The package's URI (absolute). */
  uri: string;
  /** When the package was published (ISO 8601 with offset). */
  publishedDate: string;
  /** Publisher name; {@link DEFAULT_PUBLISHER_NAME} when absent. */
  publisherName?: string;
  /** Licence URI; {@link DEFAULT_OCDS_LICENSE} when absent. */
  license?: string;
  /** Publication policy URI; {@link PUBLICATION_POLICY_PATH} under the package URI's origin when absent. */
  publicationPolicy?: string;
}

/**
 * Portal status → OCDS tenderStatus.
 *
 * Every status from publication to the award is `active` (the process is under way); `awarded` and
 * `complete` are `complete` because the tender stage is over once a winner is chosen; 废标 is
 * `unsuccessful`; a terminated tender is `cancelled`. Drafts have no entry: they are never published.
 */
export const OCDS_TENDER_STATUS: Readonly<Record<Exclude<TenderStatus, 'draft'>, OcdsTenderStatus>> = {
  tendering: 'active',
  opening: 'active',
  evaluating: 'active',
  awarding: 'active',
  awarded: 'complete',
  complete: 'complete',
  failed: 'unsuccessful',
  cancelled: 'cancelled',
};

/**
 * Portal method → OCDS method codelist; the local name goes to `procurementMethodDetails`.
 *
 * 公开招标 and the public 挂牌/拍卖 transfers admit anyone qualified: `open`. 邀请招标 invites only suppliers
 * that meet the qualification conditions: `selective`. 竞争性谈判, 竞争性磋商 and 询价 are used on the
 * grounds the law lists and the responding suppliers are chosen by the purchasing side (by notice, a
 * draw from the supplier database or recommendation): `limited`. 单一来源 has one supplier and no
 * competition: `direct`.
 */
export const OCDS_PROCUREMENT_METHOD: Readonly<Record<ProcurementMethod, OcdsProcurementMethod>> = {
  openTender: 'open',
  invitedTender: 'selective',
  competitiveNegotiation: 'limited',
  competitiveConsultation: 'limited',
  inquiry: 'limited',
  singleSource: 'direct',
  listing: 'open',
  auction: 'open',
};

/**
 * Declared enterprise scale (财库〔2020〕46号) → partyScale codelist.
 *
 * The codelist has `micro`, `sme` (small or medium) and `large`, so 微型 keeps its own code, 小型 and
 * 中型 both become `sme`, and 大型 is `large`. The small/micro deduction is not recoverable from `sme`
 * alone; reports that need it read the portal's own data.
 */
export const OCDS_PARTY_SCALE: Readonly<Record<SupplierScale, OcdsPartyScale>> = {
  micro: 'micro',
  small: 'sme',
  medium: 'sme',
  large: 'large',
};

/**
 * Evaluation method → awardCriteria codelist.
 *
 * 综合评分法 weighs price with other criteria: `ratedCriteria`. 最低评标价法 and 价高者得 decide on price
 * alone: `priceOnly`.
 */
export const OCDS_AWARD_CRITERIA: Readonly<Record<EvaluationMethod, OcdsAwardCriteria>> = {
  comprehensive: 'ratedCriteria',
  lowestPrice: 'priceOnly',
  highestPrice: 'priceOnly',
};

/**
 * Notice kind → documentType codelist.
 *
 * 采购公告 is the `tenderNotice`; 更正公告 clarifies or modifies the tender documents (87号令第27条), the
 * `clarifications` of the codelist; 终止公告 and 废标公告 state why the process ended:
 * `cancellationDetails`; the result and contract notices are `awardNotice` and `contractNotice`.
 */
export const OCDS_NOTICE_DOCUMENT_TYPE: Readonly<Record<NoticeType, string>> = {
  procurement: 'tenderNotice',
  correction: 'clarifications',
  termination: 'cancellationDetails',
  failure: 'cancellationDetails',
  result: 'awardNotice',
  contract: 'contractNotice',
};

/** Document id of the committee list. */
const COMMITTEE_DOCUMENT_ID = 'evaluation-committee';

/**
 * The OCID of a tender: {@link OCID_PREFIX} and the tender id.
 *
 * One tender is one contracting process, so its id under the prefix is globally unique and stable.
 */
export function ocidOf(tenderId: string): string {
  return `${OCID_PREFIX}-${tenderId}`;
}

/**
 * Builds the OCDS 1.1 release of a tender's published state at `input.at`.
 *
 * Open data must never run ahead of the law's disclosure points, so this function, not its callers,
 * decides what is visible: bidders and the bidder count appear only once the opening record is
 * published, the award only after that, committee names only when passed and the result notice is out,
 * and no commitment, nonce, key, hash of a sealed bid or storage URL is ever copied. A draft (or a
 * tender cancelled as a draft) was never published and throws.
 *
 * Committee members are listed in one `evaluationReports` document (on the award, else the tender)
 * rather than as a party with role `reviewBody`: in OCDS that role is the body that hears challenges,
 * not the evaluation committee, and a document keeps the release extension-free.
 */
export function buildRelease(input: ReleaseInput): Release {
  const { tender, award, contract, report } = input;
  const content = tender.content;
  if (tender.status === 'draft' || tender.publishedAt === undefined) {
    throw new ConflictError({
      zh: '项目从未发布，没有开放数据',
      en: 'The tender was never published, so it has no open data release',
    });
  }
  const atMs = parseInstantMs(input.at, 'at');
  if (atMs < parseInstantMs(tender.publishedAt, 'tender.publishedAt')) {
    throw new ValidationError(
      { zh: '发布时间早于项目发布', en: '`at` precedes the publication of the tender' },
      [{ path: 'at', message: { zh: '不得早于项目发布时间', en: 'must not precede publishedAt' } }],
    );
  }
  assertSameTender(tender.id, input);

  const ocid = ocidOf(tender.id);
  const notices = input.notices
    .filter((notice) => parseInstantMs(notice.publishedAt, 'notices.publishedAt') <= atMs)
    .toSorted((a, b) => a.seq - b.seq);
  const record =
    input.openingRecord &&
    parseInstantMs(input.openingRecord.publishedAt, 'openingRecord.publishedAt') <= atMs
      ? input.openingRecord
      : null;
  if (award && !record) {
    throw new ConflictError({
      zh: '开标记录公布前不得公开中标结果',
      en: 'An award cannot be published before the opening record',
    });
  }
  if (contract && !award) {
    throw new ConflictError({ zh: '合同须对应中标结果', en: 'A contract needs its award' });
  }
  const committee = (input.committeeNames ?? []).map((name) => name.trim()).filter((name) => name !== '');
  if (committee.length > 0 && !notices.some((notice) => notice.type === 'result')) {
    throw new ConflictError({
      zh: '评审委员会成员名单在中标（成交）结果公告前保密（87号令第四十七条）',
      en: 'Committee members stay secret until the result notice (87号令第四十七条)',
    });
  }

  const parties = new PartyList();
  const buyer = parties.add(tender.orgId, content.purchasingUnitName, ['buyer', 'procuringEntity']);
  const tenderers = record
    ? [
        ...new Map(
          record.entries.map((entry) => [
            entry.supplierOrgId,
            parties.add(entry.supplierOrgId, entry.supplierName, ['tenderer'], entry.supplierScale),
          ]),
        ).values(),
      ]
    : undefined;

  const byType = (type: NoticeType) => notices.filter((notice) => notice.type === type);
  const corrections = byType('correction');
  const tenderDocuments = [
    ...notices
      .filter((notice) => notice.type !== 'result' && notice.type !== 'contract')
      .map((notice) => toNoticeDocument(notice)),
    ...tender.documents
      .filter((doc) => doc.active && doc.status === 'verified')
      .map((doc) =>
        addUrl(
          { id: doc.id, documentType: 'biddingDocuments', title: doc.fileName, format: doc.contentType },
          input.baseUrl,
          `/api/tenders/${tender.id}/documents/${doc.id}`,
        ),
      ),
  ];

  const ocdsTender: OcdsTender = {
    id: tender.id,
    title: content.title,
    ...(content.description.trim() === '' ? {} : { description: content.description }),
    status: OCDS_TENDER_STATUS[tender.status],
    procuringEntity: buyer,
    ...(content.budgetFen === undefined ? {} : { value: toCnyValue(content.budgetFen) }),
    ...(content.budgetFen === undefined && content.reservePriceFen !== undefined
      ? { minValue: toCnyValue(content.reservePriceFen) }
      : {}),
    procurementMethod: OCDS_PROCUREMENT_METHOD[content.method],
    procurementMethodDetails: PROCUREMENT_METHOD_LABELS[content.method].zh,
    mainProcurementCategory: content.category,
    awardCriteria: OCDS_AWARD_CRITERIA[content.evaluation.method],
    awardCriteriaDetails: describeAwardCriteria(content, tender.publishedAt),
    submissionMethod: ['electronicSubmission'],
    ...(content.qualifications.length > 0 ? { eligibilityCriteria: content.qualifications.join('；') } : {}),
    tenderPeriod: { startDate: content.timeline.documentsFrom, endDate: content.timeline.bidDeadline },
    ...(report && parseInstantMs(report.createdAt, 'report.createdAt') <= atMs
      ? { awardPeriod: { startDate: report.createdAt, ...(award ? { endDate: award.awardedAt } : {}) } }
      : {}),
    ...(tenderers ? { numberOfTenderers: tenderers.length, tenderers } : {}),
    documents: tenderDocuments,
    ...(corrections.length > 0 ? { amendments: corrections.map(toAmendment) } : {}),
    ...enquiriesAt(input.enquiries ?? [], atMs),
  };

  const committeeDocument: OcdsDocument | undefined =
    committee.length > 0
      ? {
          id: COMMITTEE_DOCUMENT_ID,
          documentType: 'evaluationReports',
          title: '评审委员会成员名单',
          description: committee.join('、'),
        }
      : undefined;

  let awards: OcdsAward[] | undefined;
  if (award) {
    const supplier = parties.add(award.supplierOrgId, award.supplierName, ['supplier'], award.supplierScale);
    awards = [
      {
        id: award.bidId,
        status: 'active',
        date: award.awardedAt,
        value: toCnyValue(award.dealAmountFen),
        suppliers: [supplier],
        documents: [
          ...byType('result').map((notice) => toNoticeDocument(notice)),
          ...(committeeDocument ? [committeeDocument] : []),
        ],
      },
    ];
  } else {
    ocdsTender.documents.push(
      ...byType('result').map((notice) => toNoticeDocument(notice)),
      ...(committeeDocument ? [committeeDocument] : []),
    );
  }

  let contracts: OcdsContract[] | undefined;
  if (contract && award) {
    contracts = [
      {
        id: contract.id,
        awardID: award.bidId,
        status: 'active',
        value: toCnyValue(contract.amountFen),
        dateSigned: `${contract.signedOn}T00:00:00+08:00`,
        documents: [
          {
            id: contract.document.id,
            documentType: 'contractSigned',
            title: contract.document.fileName,
            description: `SHA-256: ${contract.document.sha256}`,
          },
          ...byType('contract').map((notice) => toNoticeDocument(notice)),
        ],
      },
    ];
  } else {
    ocdsTender.documents.push(...byType('contract').map((notice) => toNoticeDocument(notice)));
  }

  return {
    ocid,
    id: input.releaseId ?? `${ocid}-${tender.version}`,
    date: input.at,
    tag:
      input.tag && input.tag.length > 0 ? [...input.tag] : deriveTag(tender.status, corrections.length > 0),
    initiationType: 'tender',
    language: 'zh',
    parties: parties.list(),
    buyer,
    ...(content.budgetFen === undefined
      ? {}
      : { planning: { budget: { amount: toCnyValue(content.budgetFen) } } }),
    tender: ocdsTender,
    ...(awards ? { awards } : {}),
    ...(contracts ? { contracts } : {}),
  };
}

/**
 * The enquiries of a release as of `atMs`: `hasEnquiries` once one was asked, and each question
 * asked by then with its answer if given by then; nothing for a tender no one asked about.
 */
function enquiriesAt(
  enquiries: readonly Enquiry[],
  atMs: number,
): Pick<OcdsTender, 'hasEnquiries' | 'enquiries'> {
  const asked = enquiries.filter((enquiry) => parseInstantMs(enquiry.askedAt, 'enquiries.askedAt') <= atMs);
  if (asked.length === 0) return {};
  return {
    hasEnquiries: true,
    enquiries: asked.map((enquiry): OcdsEnquiry => {
      const answer =
        enquiry.answer && parseInstantMs(enquiry.answer.answeredAt, 'enquiries.answeredAt') <= atMs
          ? enquiry.answer
          : null;
      return {
        id: enquiry.id,
        date: enquiry.askedAt,
        description: enquiry.question,
        ...(answer ? { answer: answer.text, dateAnswered: answer.answeredAt } : {}),
      };
    }),
  };
}

/**
 * Wraps releases in an OCDS 1.1 release package.
 *
 * Publishers serve packages, not bare releases; the package carries the licence, the publication policy
 * and the extension the releases use, which OCDS readers and validators expect.
 */
export function buildReleasePackage(
  releases: readonly Release[],
  options: ReleasePackageOptions,
): ReleasePackage {
  if (releases.length === 0) {
    throw new ValidationError(
      { zh: '发布包至少包含一个发布', en: 'A release package needs at least one release' },
      [{ path: 'releases', message: { zh: '不能为空', en: 'must not be empty' } }],
    );
  }
  const ids = new Set(releases.map((release) => `${release.ocid}/${release.id}`));
  if (ids.size !== releases.length) {
    throw new ValidationError({ zh: '发布包中有重复的发布', en: 'A release package repeats a release' }, [
      { path: 'releases', message: { zh: '发布编号重复', en: 'duplicate release id' } },
    ]);
  }
  parseInstantMs(options.publishedDate, 'publishedDate');
  const uri = requireAbsoluteUrl(options.uri, 'uri');
  return {
    uri,
    version: OCDS_VERSION,
    extensions: releases.some((release) => release.tender.enquiries)
      ? [PARTY_SCALE_EXTENSION_URL, ENQUIRY_EXTENSION_URL]
      : [PARTY_SCALE_EXTENSION_URL],
    publishedDate: options.publishedDate,
    publisher: { name: options.publisherName ?? DEFAULT_PUBLISHER_NAME },
    license: options.license ?? DEFAULT_OCDS_LICENSE,
    publicationPolicy: options.publicationPolicy ?? new URL(PUBLICATION_POLICY_PATH, uri).href,
    releases: [...releases],
  };
}

/** The parties of a release, one entry per organisation with its roles merged. */
class PartyList {
  readonly #byId = new Map<string, OcdsParty>();

  /** Adds a role to the organisation (creating its entry) and returns a reference to it. */
  add(id: string, name: string, roles: OcdsPartyRole[], scale?: SupplierScale): OcdsOrganizationReference {
    const party = this.#byId.get(id) ?? { id, name, roles: [] };
    for (const role of roles) if (!party.roles.includes(role)) party.roles.push(role);
    if (scale !== undefined) party.details = { scale: OCDS_PARTY_SCALE[scale] };
    this.#byId.set(id, party);
    return { id, name: party.name };
  }

  /** The parties in the order they were first added. */
  list(): OcdsParty[] {
    return [...this.#byId.values()];
  }
}

/** The tag a status announces when the caller gives none. */
function deriveTag(status: Exclude<TenderStatus, 'draft'>, corrected: boolean): ReleaseTag[] {
  switch (status) {
    case 'tendering':
      return [corrected ? 'tenderAmendment' : 'tender'];
    case 'opening':
    case 'evaluating':
    case 'awarding':
    case 'failed':
      return ['tenderUpdate'];
    case 'awarded':
      return ['award'];
    case 'complete':
      return ['contract'];
    case 'cancelled':
      return ['tenderCancellation'];
  }
}

/** An OCDS value from 分: 元 with two exact decimals (the 元 text of {@link formatYuan}, read back). */
function toCnyValue(fen: Fen): OcdsValue {
  // formatYuan checks the amount and prints it exactly; amounts up to MAX_FEN have at most 15 significant
  // digits, so the number parsed back is the nearest double to the decimal and prints as that decimal.
  return { amount: Number(formatYuan(fen).slice(0, -1)), currency: 'CNY' };
}

/** A notice as a document: its type, title, date, and the stated reason of a failure or termination. */
function toNoticeDocument(notice: Notice): OcdsDocument {
  const reason =
    notice.type === 'failure' || notice.type === 'termination' ? readText(notice.body['reason']) : undefined;
  return {
    id: notice.id,
    documentType: OCDS_NOTICE_DOCUMENT_TYPE[notice.type],
    title: notice.title,
    datePublished: notice.publishedAt,
    ...(reason === undefined ? {} : { description: reason }),
  };
}

/** An amendment from a correction notice: what changed (description) and why (rationale). */
function toAmendment(notice: Notice): OcdsAmendment {
  const body = notice.body;
  const parts: string[] = [];
  const deadline = readRecord(body['bidDeadline']);
  const from = readText(deadline?.['from']);
  const to = readText(deadline?.['to']);
  if (from !== undefined && to !== undefined && from !== to) parts.push(`投标截止时间由${from}变更为${to}`);
  if (body['deadlineExtended'] === true) {
    const citation = readText(readRecord(body['rule'])?.['citation']) ?? '87号令第二十七条';
    parts.push(`依${citation}顺延投标截止时间`);
  }
  const documentsUntil = readText(body['documentsUntil']);
  if (documentsUntil !== undefined) parts.push(`获取采购文件截止时间变更为${documentsUntil}`);
  if (body['evaluationChanged'] === true) parts.push('评审方法或评审标准已修改');
  const added = readList(body['addedDocuments'])
    .map((doc) => readText(readRecord(doc)?.['fileName']))
    .filter((name): name is string => name !== undefined);
  if (added.length > 0) parts.push(`新增采购文件：${added.join('、')}`);
  const removed = readList(body['removedDocumentIds']).length;
  if (removed > 0) parts.push(`撤回采购文件${removed}份`);
  const rationale = readText(body['summary']);
  return {
    id: notice.id,
    date: notice.publishedAt,
    ...(rationale === undefined ? {} : { rationale }),
    description: parts.length > 0 ? parts.join('；') : notice.title,
  };
}

/**
 * The evaluation method in words: price weight, criteria with points, and the SME policy — the
 * deduction as the rules in force on the publication day decide it, the same decision the scoring
 * applies (a stated percent that no rule lets apply is not announced).
 */
function describeAwardCriteria(content: TenderContent, publishedAt: string): string {
  const { evaluation, sme } = content;
  const deduction = decideSmallMicroDeduction(content, new Date(publishedAt)).percent;
  const parts = [EVALUATION_METHOD_LABELS[evaluation.method].zh];
  if (evaluation.method === 'comprehensive') {
    if (evaluation.priceWeightPercent !== undefined) parts.push(`价格权重${evaluation.priceWeightPercent}%`);
    for (const criterion of evaluation.criteria) parts.push(`${criterion.name}${criterion.maxPoints}分`);
  }
  if (sme.reservedForSme) {
    parts.push('专门面向中小企业采购');
  } else if (deduction > 0) {
    parts.push(`小微企业价格扣除${deduction}%（仅用于评审，不作为成交金额）`);
  }
  return parts.join('；');
}

/** Adds the absolute `url` of a public API path when the portal's base URL is known. */
function addUrl(document: OcdsDocument, baseUrl: string | undefined, path: string): OcdsDocument {
  if (baseUrl === undefined) return document;
  const base = requireAbsoluteUrl(baseUrl, 'baseUrl').replace(/\/+$/, '');
  return { ...document, url: `${base}${path}` };
}

/** Throws unless every related record belongs to the tender, so no other tender's data can leak in. */
function assertSameTender(tenderId: string, input: ReleaseInput): void {
  const related: [string, string | undefined][] = [
    ['openingRecord', input.openingRecord?.tenderId],
    ['report', input.report?.tenderId],
    ['award', input.award?.tenderId],
    ['contract', input.contract?.tenderId],
    ...input.notices.map((notice, i): [string, string] => [`notices.${i}`, notice.tenderId]),
  ];
  for (const [path, id] of related) {
    if (id !== undefined && id !== tenderId) {
      const message = { zh: '不属于该项目', en: 'belongs to another tender' };
      throw new ValidationError({ zh: `${path}${message.zh}`, en: `${path} ${message.en}` }, [
        { path, message },
      ]);
    }
  }
}

/** Milliseconds of an ISO 8601 instant with offset, or a ValidationError naming the field. */
function parseInstantMs(value: string, path: string): number {
  const ms = /(?:Z|[+-]\d{2}:\d{2})$/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    const message = { zh: '须为带时区的 ISO 8601 时间', en: 'must be an ISO 8601 date-time with offset' };
    throw new ValidationError({ zh: `${path}${message.zh}`, en: `${path} ${message.en}` }, [
      { path, message },
    ]);
  }
  return ms;
}

/** The URL normalised, or a ValidationError unless it is an absolute http(s) URL. */
function requireAbsoluteUrl(value: string, path: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    const message = { zh: '须为绝对 http(s) 地址', en: 'must be an absolute http(s) URL' };
    throw new ValidationError({ zh: `${path}${message.zh}`, en: `${path} ${message.en}` }, [
      { path, message },
    ]);
  }
  return url.href;
}

/** A non-blank string, else undefined. */
function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A plain object, else undefined. */
function readRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An array, else empty. */
function readList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
