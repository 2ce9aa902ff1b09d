/**
 * Single-table keys: the access-pattern table and every key builder, in one module.
 *
 * | access pattern                                  | index       | key condition                                         |
 * |-------------------------------------------------|-------------|-------------------------------------------------------|
 * | a tender by id                                  | table       | pk = TENDER#<id>, sk = TENDER                          |
 * | a tender's audit events, in order               | table       | pk = TENDER#<id>, sk begins_with EVENT#                |
 * | a tender's notices, in order                    | table       | pk = TENDER#<id>, sk begins_with NOTICE#               |
 * | an idempotency record                           | table       | pk = IDEMPOTENCY#<org>#<key>, sk = IDEMPOTENCY         |
 * | a supplier's profile                            | table       | pk = ORG#<orgId>, sk = SUPPLIER_PROFILE                |
 * | a supplier's registration for a tender          | table       | pk = TENDER#<id>, sk = REG#<orgId>                     |
 * | all registrations of a tender (after deadline)  | table       | pk = TENDER#<id>, sk begins_with REG#                  |
 * | a bid                                           | table       | pk = TENDER#<id>, sk = BID#<bidId>                     |
 * | all bids of a tender (opening)                  | table       | pk = TENDER#<id>, sk begins_with BID#                  |
 * | a supplier's current bid in a tender            | table       | pk = TENDER#<id>, sk = BIDDER#<orgId>                  |
 * | a tender's bid count                            | table       | pk = TENDER#<id>, sk = BIDCOUNT                        |
 * | a bid's audit events, in order                  | table       | pk = TENDER#<id>, sk begins_with BIDEVENT#<bidId>#     |
 * | the opening record                              | table       | pk = TENDER#<id>, sk = OPENING                         |
 * | responses to the opening record                 | table       | pk = TENDER#<id>, sk begins_with OPENRESP#             |
 * | an expert; the whole pool, filtered and paged   | table       | pk = EXPERTS, sk = EXPERT#<id> / begins_with EXPERT#   |
 * | the expert signed in as a user                  | table       | pk = EXPERTSUB#<sub>, sk = EXPERTSUB                   |
 * | an expert's assessments, oldest first           | table       | pk = EXPERT#<id>, sk begins_with ASSESS#               |
 * | an expert's committee assignments               | table       | pk = EXPERT#<id>, sk begins_with ASSIGN#               |
 * | a tender's committee                            | table       | pk = TENDER#<id>, sk = COMMITTEE                       |
 * | a member's score sheet; all sheets of a tender  | table       | pk = TENDER#<id>, sk = SHEET#<expertId> / begins_with  |
 * | the evaluation report                           | table       | pk = TENDER#<id>, sk = REPORT                          |
 * | the award; the contract                         | table       | pk = TENDER#<id>, sk = AWARD / CONTRACT                |
 * | a report: one scope of one year, every line     | table       | pk = AGG#<year>#<scope>, sk = TOTAL / <DIM>#<value>    |
 * | a year's target                                 | table       | pk = TARGET#<year>, sk = TARGET                        |
 * | a loaded calendar year; all loaded years        | table       | pk = CALENDAR, sk = YEAR#<year> / begins_with YEAR#    |
 * | a purchasing unit's own tenders, newest first   | byOwner     | ownerPk = ORG#<orgId>, ownerSk desc                    |
 * | published tenders, newest first                 | publicFeed  | feedPk = FEED#TENDER, feedSk desc                      |
 * | public notices, newest first                    | publicFeed  | feedPk = FEED#NOTICE, feedSk desc                      |
 * | published tenders in one status, newest first   | byStatus    | statusPk = STATUS#<status>, statusSk desc              |
 * | tenders whose next timed step is due            | dueByTime   | duePk = DUE, dueSk <= <now>                            |
 *
 * Every item carries `entity`. Index attributes are written only on items the pattern lists
 * (sparse indexes): drafts never reach publicFeed or byStatus, so no public query can see them.
 */

/** Primary key attribute names. */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** The TTL attribute (epoch seconds), used by idempotency records. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** One global secondary index: its name is its access pattern. */
export interface IndexSpec {
  /** Index name. */
  name: string;
  /** Partition key attribute. */
  partitionKey: string;
  /** Sort key attribute. */
  sortKey: string;
}

/** The GSIs of the table; the CDK stack and the local setup create exactly these. */
export const INDEXES = {
  byOwner: { name: 'byOwner', partitionKey: 'ownerPk', sortKey: 'ownerSk' },
  publicFeed: { name: 'publicFeed', partitionKey: 'feedPk', sortKey: 'feedSk' },
  byStatus: { name: 'byStatus', partitionKey: 'statusPk', sortKey: 'statusSk' },
  dueByTime: { name: 'dueByTime', partitionKey: 'duePk', sortKey: 'dueSk' },
} as const satisfies Record<string, IndexSpec>;

/** Entity type tags stored on every item. */
export const ENTITY = {
  tender: 'tender',
  event: 'auditEvent',
  notice: 'notice',
  idempotency: 'idempotency',
  supplierProfile: 'supplierProfile',
  registration: 'registration',
  bid: 'bid',
  bidder: 'bidder',
  bidCount: 'bidCount',
  bidEvent: 'bidEvent',
  openingRecord: 'openingRecord',
  openingResponse: 'openingResponse',
  expert: 'expert',
  expertSub: 'expertSub',
  assessment: 'assessment',
  assignment: 'assignment',
  committee: 'committee',
  scoreSheet: 'scoreSheet',
  report: 'evaluationReport',
  award: 'award',
  contract: 'contract',
  aggregate: 'aggregate',
  target: 'target',
  calendarYear: 'calendarYear',
} as const;

/** Width of zero-padded sequence numbers, so they sort as strings. */
const SEQ_WIDTH = 8;

/** Zero-pads a sequence number for use in a sort key. */
export function padSeq(seq: number): string {
  return String(seq).padStart(SEQ_WIDTH, '0');
}

/** Key builders, one per item type and index. */
export const keys = {
  /** The tender item. */
  tender: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'TENDER' }),
  /** An audit event of a tender. */
  event: (tenderId: string, seq: number) => ({ pk: `TENDER#${tenderId}`, sk: `EVENT#${padSeq(seq)}` }),
  /** Sort-key prefix of a tender's audit events. */
  eventPrefix: 'EVENT#',
  /** A notice of a tender. */
  notice: (tenderId: string, seq: number) => ({ pk: `TENDER#${tenderId}`, sk: `NOTICE#${padSeq(seq)}` }),
  /** Sort-key prefix of a tender's notices. */
  noticePrefix: 'NOTICE#',
  /** An idempotency record of an organisation. */
  idempotency: (orgId: string, key: string) => ({ pk: `IDEMPOTENCY#${orgId}#${key}`, sk: 'IDEMPOTENCY' }),
  /** A supplier organisation's profile. */
  supplierProfile: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'SUPPLIER_PROFILE' }),
  /** A supplier's registration for a tender. */
  registration: (tenderId: string, orgId: string) => ({ pk: `TENDER#${tenderId}`, sk: `REG#${orgId}` }),
  /** Sort-key prefix of a tender's registrations. */
  registrationPrefix: 'REG#',
  /** A bid. */
  bid: (tenderId: string, bidId: string) => ({ pk: `TENDER#${tenderId}`, sk: `BID#${bidId}` }),
  /** Sort-key prefix of a tender's bids. */
  bidPrefix: 'BID#',
  /** Which bid of a supplier counts in a tender. */
  bidder: (tenderId: string, orgId: string) => ({ pk: `TENDER#${tenderId}`, sk: `BIDDER#${orgId}` }),
  /** The tender's count of current bids, kept in the same transaction as each bid. */
  bidCount: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'BIDCOUNT' }),
  /** An audit event of a bid's own chain. */
  bidEvent: (tenderId: string, bidId: string, seq: number) => ({
    pk: `TENDER#${tenderId}`,
    sk: `BIDEVENT#${bidId}#${padSeq(seq)}`,
  }),
  /** Sort-key prefix of a bid's audit events. */
  bidEventPrefix: (bidId: string) => `BIDEVENT#${bidId}#`,
  /** The opening record. */
  openingRecord: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'OPENING' }),
  /** A bidder's response to the opening record. */
  openingResponse: (tenderId: string, orgId: string) => ({
    pk: `TENDER#${tenderId}`,
    sk: `OPENRESP#${orgId}`,
  }),
  /** Sort-key prefix of the responses. */
  openingResponsePrefix: 'OPENRESP#',
  /** An expert of the pool. */
  expert: (expertId: string) => ({ pk: 'EXPERTS', sk: `EXPERT#${expertId}` }),
  /** The pool partition and its sort-key prefix. */
  expertPool: { pk: 'EXPERTS', prefix: 'EXPERT#' },
  /** Which expert a sign-in subject is (also keeps userSub unique). */
  expertSub: (sub: string) => ({ pk: `EXPERTSUB#${sub}`, sk: 'EXPERTSUB' }),
  /** An assessment of an expert after a project. */
  assessment: (expertId: string, at: string, tenderId: string) => ({
    pk: `EXPERT#${expertId}`,
    sk: `ASSESS#${at}#${tenderId}`,
  }),
  /** Sort-key prefix of an expert's assessments. */
  assessmentPrefix: 'ASSESS#',
  /** A committee assignment of an expert. */
  assignment: (expertId: string, tenderId: string) => ({
    pk: `EXPERT#${expertId}`,
    sk: `ASSIGN#${tenderId}`,
  }),
  /** Sort-key prefix of an expert's assignments. */
  assignmentPrefix: 'ASSIGN#',
  /** The partition of one expert's own items. */
  expertPartition: (expertId: string) => `EXPERT#${expertId}`,
  /** A tender's committee. */
  committee: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'COMMITTEE' }),
  /** A member's score sheet. */
  sheet: (tenderId: string, expertId: string) => ({ pk: `TENDER#${tenderId}`, sk: `SHEET#${expertId}` }),
  /** Sort-key prefix of a tender's score sheets. */
  sheetPrefix: 'SHEET#',
  /** The evaluation report. */
  report: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'REPORT' }),
  /** The award of a tender. */
  award: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'AWARD' }),
  /** The contract of a tender. */
  contract: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'CONTRACT' }),
  /** The partition of one report scope of one year. */
  aggregatePartition: (year: number, scope: string) => `AGG#${year}#${scope}`,
  /** A yearly target. */
  target: (year: number) => ({ pk: `TARGET#${year}`, sk: 'TARGET' }),
  /** A year of the working-day calendar loaded by the centre. */
  calendarYear: (year: number) => ({ pk: 'CALENDAR', sk: `YEAR#${year}` }),
  /** The partition of the loaded calendar years. */
  calendarPartition: 'CALENDAR',
  /** Sort-key prefix of the loaded calendar years. */
  calendarYearPrefix: 'YEAR#',
  /** byOwner index attributes of a tender. */
  ownerIndex: (orgId: string, createdAt: string, tenderId: string) => ({
    ownerPk: `ORG#${orgId}`,
    ownerSk: `${createdAt}#${tenderId}`,
  }),
  /** byOwner partition of an organisation. */
  ownerPartition: (orgId: string) => `ORG#${orgId}`,
  /** publicFeed index attributes of a published tender. */
  tenderFeedIndex: (publishedAt: string, tenderId: string) => ({
    feedPk: 'FEED#TENDER',
    feedSk: `${publishedAt}#${tenderId}`,
  }),
  /** publicFeed partition of tenders. */
  tenderFeedPartition: 'FEED#TENDER',
  /** publicFeed index attributes of a notice. */
  noticeFeedIndex: (publishedAt: string, noticeId: string) => ({
    feedPk: 'FEED#NOTICE',
    feedSk: `${publishedAt}#${noticeId}`,
  }),
  /** publicFeed partition of notices. */
  noticeFeedPartition: 'FEED#NOTICE',
  /** byStatus index attributes of a published tender. */
  statusIndex: (status: string, publishedAt: string, tenderId: string) => ({
    statusPk: `STATUS#${status}`,
    statusSk: `${publishedAt}#${tenderId}`,
  }),
  /** byStatus partition of one status. */
  statusPartition: (status: string) => `STATUS#${status}`,
  /** dueByTime index attributes of a tender with a timed next step. */
  dueIndex: (dueAt: string, tenderId: string) => ({ duePk: 'DUE', dueSk: `${dueAt}#${tenderId}` }),
  /** dueByTime partition. */
  duePartition: 'DUE',
} as const;
