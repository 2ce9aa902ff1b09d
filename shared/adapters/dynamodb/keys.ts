/**
 * Single-table keys: the access-pattern table and every key builder, in one module.
 *
 * | access pattern                                  | index       | key condition                                         |
 * |-------------------------------------------------|-------------|-------------------------------------------------------|
 * | a tender by id                                  | table       | pk = TENDER#<id>, sk = TENDER                          |
 * | a tender's bid gate for one supplier            | table       | pk = TENDER#<id>, sk = GATE#<hash(org) mod K>          |
 * | a tender's audit events, in order               | table       | pk = TENDER#<id>, sk begins_with EVENT#                |
 * | a tender's notices, in order                    | table       | pk = TENDER#<id>, sk begins_with NOTICE#               |
 * | an idempotency record                           | table       | pk = IDEMPOTENCY#<org>#<key>, sk = IDEMPOTENCY         |
 * | a supplier's profile                            | table       | pk = ORG#<orgId>, sk = SUPPLIER_PROFILE                |
 * | a supplier's registration for a tender          | table       | pk = TENDER#<id>, sk = REG#<orgId>                     |
 * | all registrations of a tender (after deadline)  | table       | pk = TENDER#<id>, sk begins_with REG#                  |
 * | a bid                                           | table       | pk = TENDER#<id>, sk = BID#<bidId>                     |
 * | all bids of a tender (opening)                  | table       | pk = TENDER#<id>, sk begins_with BID#                  |
 * | a supplier's current bid in a tender            | table       | pk = TENDER#<id>, sk = BIDDER#<orgId>                  |
 * | a tender's number of current bids (opening)     | table       | pk = TENDER#<id>, sk begins_with BIDDER#, Select COUNT |
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
 * | a live transfer's quotes, in order              | table       | pk = TENDER#<id>, sk begins_with QUOTE#                |
 * | a transfer's deposit ledger; one application    | table       | pk = TENDER#<id>, sk begins_with / = APPLICANT#<orgId> |
 * | a 竞买号 taken in a transfer                     | table       | pk = TENDER#<id>, sk = BIDDERNO#<no>                   |
 * | a tender's enquiries (询问), oldest first        | table       | pk = TENDER#<id>, sk begins_with ENQUIRY#              |
 * | a tender's challenges (质疑), oldest first       | table       | pk = TENDER#<id>, sk begins_with CHALLENGE#            |
 * | a report: one scope of one year, every line     | table       | pk = AGG#<year>#<scope>, sk = TOTAL / <DIM>#<value>    |
 * | a year's target                                 | table       | pk = TARGET#<year>, sk = TARGET                        |
 * | a loaded calendar year; all loaded years        | table       | pk = CALENDAR, sk = YEAR#<year> / begins_with YEAR#    |
 * | the connections of a live channel (WebSocket)   | table       | pk = LIVE#<channel>, sk begins_with CONN#              |
 * | a live connection's channel (its disconnect)    | table       | pk = CONN#<connectionId>, sk = CONN                    |
 * | a purchasing unit's own tenders, newest first   | byOwner     | ownerPk = ORG#<orgId>, ownerSk desc                    |
 * | a supplier's registrations, newest first        | byOwner     | ownerPk = SUPPLIER#<orgId>, ownerSk desc               |
 * | published tenders, newest first                 | publicFeed  | feedPk = FEED#TENDER, feedSk desc                      |
 * | public notices, newest first                    | publicFeed  | feedPk = FEED#NOTICE, feedSk desc                      |
 * | notices / tenders by method, category, trade    | publicFeed  | as above (tenders in one status: byStatus), with a     |
 * | type or a title substring (`q`), newest first   | byStatus    | FilterExpression: facets =, contains(title, q)         |
 * | published tenders in one status, newest first   | byStatus    | statusPk = STATUS#<status>, statusSk desc              |
 * | tenders whose next timed step is due            | dueByTime   | duePk = DUE, dueSk <= <now>                            |
 * | open enquiries and challenges, by answer due    | dueByTime   | duePk = RIGHTS, dueSk = <dueAt>#<tenderId>#<kind>#<id> |
 *
 * No item is written or checked by every bid of a tender (on DynamoDB an item in another ongoing
 * transaction conflicts, even as a ConditionCheck, and the deadline minute would make it hot): the
 * bid count is a COUNT Query over the tender's BIDDER# pointers, which only that supplier's own
 * submit and withdraw write; "still tendering, before the deadline" is checked on one of the
 * tender's {@link GATE_SHARDS} gates (GATE#00…), copies of the tender's status, deadline and
 * opening-record instant that the tender's own change transaction writes all at once, each
 * supplier checking the gate {@link gateShardOf} its organisation. See docs-deadline-minute.md.
 *
 * Every item carries `entity`. Index attributes are written only on items the pattern lists
 * (sparse indexes): drafts never reach publicFeed or byStatus, so no public query can see them.
 *
 * byOwner holds two kinds of partition: a purchasing unit's tenders (`ORG#…`) and a supplier's
 * registrations (`SUPPLIER#…`, ownerSk = `<registeredAt>#<tenderId>`), so "my projects" is one Query
 * without a GSI of its own. Registration is the precondition of every bid (createBid refuses an
 * unregistered supplier), so the registrations are every tender a supplier bid in too. Registrations
 * written before this attribute existed carry no `ownerPk` and are not listed until written again.
 *
 * The filtered feeds read the feed partition newest first and let DynamoDB drop what does not match:
 * a Query with a FilterExpression, never a Scan. The filter runs after the read, so a page may hold
 * fewer items than asked for while its cursor continues (see `queryIndexPage` in support.ts).
 */

/** Primary key attribute names. */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** The TTL attribute (epoch seconds), used by idempotency records and live connections. */
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
  gate: 'tenderGate',
  event: 'auditEvent',
  notice: 'notice',
  idempotency: 'idempotency',
  supplierProfile: 'supplierProfile',
  registration: 'registration',
  bid: 'bid',
  bidder: 'bidder',
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
  quote: 'quote',
  application: 'transferApplication',
  bidderNo: 'bidderNo',
  liveConnection: 'liveConnection',
  liveConnectionChannel: 'liveConnectionChannel',
  enquiry: 'enquiry',
  challenge: 'challenge',
} as const;

/** Width of zero-padded sequence numbers, so they sort as strings. */
const SEQ_WIDTH = 8;

/** Zero-pads a sequence number for use in a sort key. */
export function padSeq(seq: number): string {
  return String(seq).padStart(SEQ_WIDTH, '0');
}

/**
 * How many gates a tender has (K). Every change that moves what they hold writes all K in the
 * tender's own transaction (at most 4 items of its own, so 68 of the 100 a transaction may hold);
 * each bid checks one, so K divides the conflicts on the gates (docs-deadline-minute.md: 3 % of
 * first attempts cancelled at 5,000 bids in the last minute, 20 % in a 10 s burst, none lost).
 */
export const GATE_SHARDS = 64;

/**
 * The gate a supplier's bids check: FNV-1a (32 bit) of its organisation id, mod {@link GATE_SHARDS}.
 *
 * Why a hash of the organisation: stable for all of a supplier's transactions (its submits,
 * replacements and withdrawals meet on one gate, as they meet on its BIDDER# pointer anyway) and
 * spread evenly over the gates whatever the ids look like.
 */
export function gateShardOf(orgId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orgId.length; i += 1) {
    hash ^= orgId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % GATE_SHARDS;
}

/** Key builders, one per item type and index. */
export const keys = {
  /** The tender item. */
  tender: (tenderId: string) => ({ pk: `TENDER#${tenderId}`, sk: 'TENDER' }),
  /** One of a tender's bid gates, 0 ≤ shard < {@link GATE_SHARDS}. */
  gate: (tenderId: string, shard: number) => ({
    pk: `TENDER#${tenderId}`,
    sk: `GATE#${String(shard).padStart(2, '0')}`,
  }),
  /** Sort-key prefix of a tender's gates. */
  gatePrefix: 'GATE#',
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
  /**
   * Sort-key prefix of a tender's current-bid pointers: one per supplier with a current bid, so
   * counting them is the bid count, with no item that every bid writes.
   */
  bidderPrefix: 'BIDDER#',
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
  /** An accepted quote of a live transfer, by sequence number. */
  quote: (tenderId: string, seq: number) => ({ pk: `TENDER#${tenderId}`, sk: `QUOTE#${padSeq(seq)}` }),
  /** A bidder's application (竞买申请) with its deposit: one line of the deposit ledger. */
  application: (tenderId: string, orgId: string) => ({ pk: `TENDER#${tenderId}`, sk: `APPLICANT#${orgId}` }),
  /** A supplier's enquiry (询问) about a tender; ids are ULIDs, so the prefix reads oldest first. */
  enquiry: (tenderId: string, enquiryId: string) => ({
    pk: `TENDER#${tenderId}`,
    sk: `ENQUIRY#${enquiryId}`,
  }),
  /** Sort-key prefix of a tender's enquiries. */
  enquiryPrefix: 'ENQUIRY#',
  /** A supplier's challenge (质疑) of a tender; ULID ids read oldest first. */
  challenge: (tenderId: string, challengeId: string) => ({
    pk: `TENDER#${tenderId}`,
    sk: `CHALLENGE#${challengeId}`,
  }),
  /** Sort-key prefix of a tender's challenges. */
  challengePrefix: 'CHALLENGE#',
  /** A 竞买号 taken in a transfer (its uniqueness guard). */
  bidderNo: (tenderId: string, bidderNo: string) => ({
    pk: `TENDER#${tenderId}`,
    sk: `BIDDERNO#${bidderNo}`,
  }),
  /** A WebSocket connection subscribed to a live channel (`auction:<tenderId>`). */
  liveConnection: (channel: string, connectionId: string) => ({
    pk: `LIVE#${channel}`,
    sk: `CONN#${connectionId}`,
  }),
  /** The partition of a live channel's connections. */
  liveChannelPartition: (channel: string) => `LIVE#${channel}`,
  /** Sort-key prefix of a live channel's connections. */
  liveConnectionPrefix: 'CONN#',
  /** Which channel a connection subscribed to, so that its `$disconnect` finds the item to delete. */
  liveConnectionChannel: (connectionId: string) => ({ pk: `CONN#${connectionId}`, sk: 'CONN' }),
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
  /** byOwner index attributes of a supplier's registration for a tender. */
  supplierRegistrationIndex: (orgId: string, registeredAt: string, tenderId: string) => ({
    ownerPk: `SUPPLIER#${orgId}`,
    ownerSk: `${registeredAt}#${tenderId}`,
  }),
  /** byOwner partition of a supplier's registrations. */
  supplierRegistrationPartition: (orgId: string) => `SUPPLIER#${orgId}`,
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
  /**
   * dueByTime attributes of an enquiry or challenge still waiting for its answer: the centre's
   * board of answer clocks reads them earliest first; an answered item carries none (sparse).
   */
  rightsDueIndex: (dueAt: string, tenderId: string, kind: 'enquiry' | 'challenge', id: string) => ({
    duePk: 'RIGHTS',
    dueSk: `${dueAt}#${tenderId}#${kind}#${id}`,
  }),
  /** dueByTime partition of the open answer clocks. */
  rightsDuePartition: 'RIGHTS',
} as const;
