/**
 * The route table: the one list of HTTP routes and scheduled jobs.
 *
 * Each route names its own module (`functions/<handler>.ts`) and its bounded context; the CDK
 * stateless stack makes one Lambda function per context (`functions/contexts/<context>.ts`, a router
 * over the context's routes, granted the union of their access) and one HTTP API route per entry;
 * the local gateway matches the same entries and calls the same context modules; the OpenAPI
 * document is generated from it. Adding a route here is the only way to add a route anywhere.
 */

export { ROLES, type Role } from '../schemas/roles';

import type { Role } from '../schemas/roles';

/**
 * The bounded contexts: each is one Lambda function with a router over its routes, granted the
 * union of its routes' declared access. The cut follows who works together and what they touch:
 * public reads stay read-only and bucket-free (the board's clicks never load the S3 client), the
 * workbook alone carries exceljs, the OpenAPI document alone carries every schema.
 */
export const CONTEXTS = {
  openapi: {
    summary: 'The OpenAPI document, generated from every schema (which only this function carries)',
  },
  'open-data': {
    summary: 'Public reads: tenders, notices, timelines, audit chains, results, OCDS and the calendar',
  },
  tenders: { summary: "The purchasing unit's tenders: drafts, checks, documents, publication, corrections" },
  bids: { summary: 'Suppliers: profiles, registrations, sealed bids, the opening and its record' },
  evaluation: { summary: 'The expert pool, committees, declarations, score sheets and the report' },
  awards: { summary: 'Awards, contracts, the trade report (JSON and CSV), targets and the calendar' },
  workbook: { summary: 'The trade report as an Excel workbook (exceljs lives here alone)' },
  transfers: {
    summary:
      'Live land and mining-rights transfers: applications and the deposit ledger, quotes, the reserve',
  },
  rights: {
    summary: "Suppliers' rights: enquiries, challenges and their answers, with the statutory clocks",
  },
} as const satisfies Record<string, { summary: string }>;

/** The id of a bounded context. */
export type ContextId = keyof typeof CONTEXTS;

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a function may do to the table and the bucket; the CDK stack grants exactly this. */
export interface RouteAccess {
  /** Table access. */
  table: 'read' | 'readWrite';
  /** Bucket access, if the function touches documents at all. */
  bucket?: 'read' | 'put' | 'readPut';
  /**
   * `publish`: the function pushes to the live channels (the auction rooms) through the WebSocket
   * API's `@connections` endpoint, and only such a function is granted it.
   */
  live?: 'publish';
}

/** One HTTP route. */
export interface RouteSpec {
  /** The OpenAPI operationId, unique. */
  id: string;
  /** HTTP method. */
  method: HttpMethod;
  /** Path with `{param}` placeholders, always under `/api/`. */
  path: string;
  /** The route's own module: `functions/<handler>.ts`, exporting its middy `handler`. */
  handler: string;
  /** The bounded context whose function serves the route (one Lambda function per context). */
  context: ContextId;
  /** `public` needs no token; otherwise the JWT authorizer runs and the handler checks these roles. */
  auth: 'public' | { roles: readonly Role[] };
  /** What the handler's function may touch. */
  access: RouteAccess;
  /** One-line summary for the OpenAPI document. */
  summary: string;
  /** OpenAPI tag. */
  tag:
    | 'tenders'
    | 'notices'
    | 'documents'
    | 'audit'
    | 'meta'
    | 'suppliers'
    | 'bids'
    | 'opening'
    | 'experts'
    | 'evaluation'
    | 'awards'
    | 'reports'
    | 'ocds'
    | 'calendar'
    | 'transfers'
    | 'rights';
}

/** A job run on a schedule (EventBridge in AWS, a timer locally). */
export interface ScheduleSpec {
  /** Unique id. */
  id: string;
  /** Handler module under `functions/`. */
  handler: string;
  /** Interval in minutes. */
  everyMinutes: number;
  /** What the function may touch. */
  access: RouteAccess;
}

const purchaser = { roles: ['purchaser'] } as const;

const supplier = { roles: ['supplier'] } as const;
const parties = { roles: ['purchaser', 'centre'] } as const;
const bidParties = { roles: ['supplier', 'purchaser', 'centre'] } as const;
const centre = { roles: ['centre'] } as const;
const expert = { roles: ['expert'] } as const;
const reportReaders = { roles: ['purchaser', 'centre', 'expert'] } as const;
/**
 * Who may read the collusion signs (87号令第三十七条): the committee's declared members, who judge
 * them, and centre staff, who organise the evaluation; never bidders or the public.
 *
 * Why not the purchasing unit: the committee judges bids on its own (87号令第四十六条), the
 * evaluation runs in strict confidence with none of the purchaser's staff but its representative
 * present (第六十六条), and collusion may run through the purchaser itself (实施条例第七十四条第一、
 * 二、七项); a representative on the committee sees them as a member, and the purchasing unit learns
 * the committee's finding from the report, where a bid found collusive is invalid with the reason.
 */
const collusionReaders = { roles: ['expert', 'centre'] } as const;
/** Who may fetch a sealed bid document: its bidder, and after the opening the parties and the committee. */
const bidDocumentReaders = { roles: ['supplier', 'purchaser', 'centre', 'expert'] } as const;

/** All HTTP routes of the portal, with their literal types (ids by context). */
const ROUTE_TABLE = [
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'get-openapi',
    context: 'openapi',
    auth: 'public',
    access: { table: 'read' },
    summary: 'The OpenAPI 3.1 document of this API',
    tag: 'meta',
  },
  {
    id: 'listTenders',
    method: 'GET',
    path: '/api/tenders',
    handler: 'list-tenders',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'Public list of published tenders, newest first, with filters and cursor paging',
    tag: 'tenders',
  },
  {
    id: 'createTender',
    method: 'POST',
    path: '/api/tenders',
    handler: 'create-tender',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'readWrite' },
    summary: 'Create a draft tender (honours Idempotency-Key)',
    tag: 'tenders',
  },
  {
    id: 'getTender',
    method: 'GET',
    path: '/api/tenders/{tenderId}',
    handler: 'get-tender',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'Public view of a published tender',
    tag: 'tenders',
  },
  {
    id: 'updateTender',
    method: 'PATCH',
    path: '/api/tenders/{tenderId}',
    handler: 'update-tender',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'readWrite' },
    summary: 'Update a draft tender (optimistic lock via If-Match)',
    tag: 'tenders',
  },
  {
    id: 'checkTenderDraft',
    method: 'POST',
    path: '/api/tenders/checks',
    handler: 'check-tender-draft',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'read' },
    summary:
      "Dry-run publication on a draft (possibly incomplete): broken rules with citations, each date's earliest legal day; writes nothing",
    tag: 'tenders',
  },
  {
    id: 'publishTender',
    method: 'POST',
    path: '/api/tenders/{tenderId}/publish',
    handler: 'publish-tender',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'readWrite', bucket: 'readPut' },
    summary: 'Publish a draft: validate it against the rules and publish the procurement notice',
    tag: 'tenders',
  },
  {
    id: 'correctTender',
    method: 'POST',
    path: '/api/tenders/{tenderId}/corrections',
    handler: 'correct-tender',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'readWrite', bucket: 'readPut' },
    summary: 'Issue a correction notice (更正公告); may move the deadline',
    tag: 'tenders',
  },
  {
    id: 'cancelTender',
    method: 'POST',
    path: '/api/tenders/{tenderId}/cancel',
    handler: 'cancel-tender',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'readWrite', live: 'publish' },
    summary: 'Cancel a tender; a published one gets a termination notice (终止公告)',
    tag: 'tenders',
  },
  {
    id: 'addTenderDocument',
    method: 'POST',
    path: '/api/tenders/{tenderId}/documents',
    handler: 'add-tender-document',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'readWrite', bucket: 'put' },
    summary: 'Declare a tender document by SHA-256 and size; returns a presigned PUT URL',
    tag: 'documents',
  },
  {
    id: 'getTenderTimeline',
    method: 'GET',
    path: '/api/tenders/{tenderId}/timeline',
    handler: 'get-tender-timeline',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: "A tender's steps in order, with calendar and working days left by the server's clock",
    tag: 'tenders',
  },
  {
    id: 'getTenderDocument',
    method: 'GET',
    path: '/api/tenders/{tenderId}/documents/{documentId}',
    handler: 'get-tender-document',
    context: 'tenders',
    auth: 'public',
    access: { table: 'read', bucket: 'read' },
    summary: 'A presigned download URL for a published tender document',
    tag: 'documents',
  },
  {
    id: 'getTenderAudit',
    method: 'GET',
    path: '/api/tenders/{tenderId}/audit',
    handler: 'get-tender-audit',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary:
      "One page of a published tender's hash-chained audit log (cursor; limit ≤ 100, default 100), each page verified against the event before it and, on the last, the recorded head",
    tag: 'audit',
  },
  {
    id: 'getRestrictedTenderAudit',
    method: 'GET',
    path: '/api/tenders/{tenderId}/audit/restricted',
    handler: 'get-restricted-tender-audit',
    context: 'open-data',
    auth: centre,
    access: { table: 'read' },
    summary:
      'Centre staff: one page of the audit chain with who acted and from which address (电子招标投标办法第49条); the bid chains on the first page',
    tag: 'audit',
  },
  {
    id: 'listNotices',
    method: 'GET',
    path: '/api/notices',
    handler: 'list-notices',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'Public notice feed (采购公告, 更正公告, 终止公告), newest first',
    tag: 'notices',
  },
  {
    id: 'listEnquiries',
    method: 'GET',
    path: '/api/tenders/{tenderId}/enquiries',
    handler: 'list-enquiries',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary:
      'Every enquiry (询问) of a published tender with its answer and due date, oldest first; the askers are never named',
    tag: 'rights',
  },
  {
    id: 'listRestrictedEnquiries',
    method: 'GET',
    path: '/api/tenders/{tenderId}/enquiries/restricted',
    handler: 'list-restricted-enquiries',
    context: 'open-data',
    auth: centre,
    access: { table: 'read' },
    summary: 'Centre staff: every enquiry of a tender with its asker, to supervise the answer periods',
    tag: 'rights',
  },
  {
    id: 'askEnquiry',
    method: 'POST',
    path: '/api/tenders/{tenderId}/enquiries',
    handler: 'ask-enquiry',
    context: 'rights',
    auth: supplier,
    access: { table: 'readWrite' },
    summary:
      'A supplier asks about a government procurement (政府采购法第51条); the answer is due within 3 working days (实施条例第52条)',
    tag: 'rights',
  },
  {
    id: 'listMyEnquiries',
    method: 'GET',
    path: '/api/tenders/{tenderId}/my-enquiries',
    handler: 'list-my-enquiries',
    context: 'rights',
    auth: supplier,
    access: { table: 'read' },
    summary: "The supplier's own enquiries about a tender, with their answers",
    tag: 'rights',
  },
  {
    id: 'answerEnquiry',
    method: 'POST',
    path: '/api/tenders/{tenderId}/enquiries/{enquiryId}/answer',
    handler: 'answer-enquiry',
    context: 'rights',
    auth: purchaser,
    access: { table: 'readWrite' },
    summary:
      'The purchasing unit answers an enquiry; a change of the documents names its correction notice (87号令第27条)',
    tag: 'rights',
  },
  {
    id: 'fileChallenge',
    method: 'POST',
    path: '/api/tenders/{tenderId}/challenges',
    handler: 'file-challenge',
    context: 'rights',
    auth: supplier,
    access: { table: 'readWrite' },
    summary:
      'A participating supplier files a challenge (质疑函) within 7 working days of knowing (政府采购法第52条; 94号令第10–12条)',
    tag: 'rights',
  },
  {
    id: 'listChallenges',
    method: 'GET',
    path: '/api/tenders/{tenderId}/challenges',
    handler: 'list-challenges',
    context: 'rights',
    auth: bidParties,
    access: { table: 'read' },
    summary:
      "A tender's challenges: the purchasing unit's and the centre's all, a supplier's own (and after the deadline the answered ones)",
    tag: 'rights',
  },
  {
    id: 'answerChallenge',
    method: 'POST',
    path: '/api/tenders/{tenderId}/challenges/{challengeId}/answer',
    handler: 'answer-challenge',
    context: 'rights',
    auth: purchaser,
    access: { table: 'readWrite' },
    summary: 'The purchasing unit answers a challenge within 7 working days (94号令第13–16条)',
    tag: 'rights',
  },
  {
    id: 'listAnswerClocks',
    method: 'GET',
    path: '/api/rights/clocks',
    handler: 'list-answer-clocks',
    context: 'rights',
    auth: centre,
    access: { table: 'read' },
    summary:
      'Centre staff: every enquiry and challenge still waiting for its answer, earliest due first, the overdue ones flagged (实施条例第52条; 94号令第13条)',
    tag: 'rights',
  },
  {
    id: 'listMyTenders',
    method: 'GET',
    path: '/api/manage/tenders',
    handler: 'list-my-tenders',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'read' },
    summary: "The purchasing unit's own tenders in every state, drafts included",
    tag: 'tenders',
  },
  {
    id: 'getMyTender',
    method: 'GET',
    path: '/api/manage/tenders/{tenderId}',
    handler: 'get-my-tender',
    context: 'tenders',
    auth: purchaser,
    access: { table: 'read' },
    summary: "The purchasing unit's full view of its own tender, in any state",
    tag: 'tenders',
  },
  {
    id: 'listMySupplierTenders',
    method: 'GET',
    path: '/api/suppliers/me/tenders',
    handler: 'list-my-supplier-tenders',
    context: 'bids',
    auth: supplier,
    access: { table: 'read' },
    summary:
      "The supplier's own projects (我的项目): tenders it registered for, its bid and what is still to do",
    tag: 'suppliers',
  },
  {
    id: 'getMySupplierProfile',
    method: 'GET',
    path: '/api/suppliers/me',
    handler: 'get-my-supplier-profile',
    context: 'bids',
    auth: supplier,
    access: { table: 'read' },
    summary: "The supplier organisation's profile (统一社会信用代码, SME scale)",
    tag: 'suppliers',
  },
  {
    id: 'putMySupplierProfile',
    method: 'PUT',
    path: '/api/suppliers/me',
    handler: 'put-my-supplier-profile',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite' },
    summary: 'Create or replace the supplier profile; the credit code is checked (GB 32100-2015)',
    tag: 'suppliers',
  },
  {
    id: 'registerForTender',
    method: 'POST',
    path: '/api/tenders/{tenderId}/registrations',
    handler: 'register-for-tender',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite' },
    summary: 'Register (报名) for a tendering tender; repeating it changes nothing',
    tag: 'bids',
  },
  {
    id: 'listRegistrations',
    method: 'GET',
    path: '/api/tenders/{tenderId}/registrations',
    handler: 'list-registrations',
    context: 'bids',
    auth: parties,
    access: { table: 'read' },
    summary: 'Registrations, after the bid deadline only (87号令第28条)',
    tag: 'bids',
  },
  {
    id: 'createBid',
    method: 'POST',
    path: '/api/tenders/{tenderId}/bids',
    handler: 'create-bid',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite', bucket: 'put' },
    summary: 'Create a sealed bid from commitments and ciphertext hashes; returns presigned PUT URLs',
    tag: 'bids',
  },
  {
    id: 'listBids',
    method: 'GET',
    path: '/api/tenders/{tenderId}/bids',
    handler: 'list-bids',
    context: 'bids',
    auth: parties,
    access: { table: 'read' },
    summary: 'Decrypted bids with their keys, once the tender is in evaluation',
    tag: 'bids',
  },
  {
    id: 'listMyBids',
    method: 'GET',
    path: '/api/tenders/{tenderId}/my-bids',
    handler: 'list-my-bids',
    context: 'bids',
    auth: supplier,
    access: { table: 'read' },
    summary: "The supplier's own bids in a tender, with receipts and what is still to do",
    tag: 'bids',
  },
  {
    id: 'submitBid',
    method: 'POST',
    path: '/api/tenders/{tenderId}/bids/{bidId}/submit',
    handler: 'submit-bid',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite', bucket: 'readPut' },
    summary: 'Submit a bid: every ciphertext is checked against its hash; answers the receipt',
    tag: 'bids',
  },
  {
    id: 'withdrawBid',
    method: 'POST',
    path: '/api/tenders/{tenderId}/bids/{bidId}/withdraw',
    handler: 'withdraw-bid',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite' },
    summary: 'Withdraw the current bid before the deadline (87号令第34条)',
    tag: 'bids',
  },
  {
    id: 'reconfirmBid',
    method: 'POST',
    path: '/api/tenders/{tenderId}/bids/{bidId}/reconfirm',
    handler: 'reconfirm-bid',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite' },
    summary: 'Re-confirm a bid after a correction that may affect bid preparation',
    tag: 'bids',
  },
  {
    id: 'revealBid',
    method: 'POST',
    path: '/api/tenders/{tenderId}/bids/{bidId}/reveal',
    handler: 'reveal-bid',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite', bucket: 'read' },
    summary: 'Reveal (解密) price, nonce and key inside the decryption window',
    tag: 'opening',
  },
  {
    id: 'getBidAudit',
    method: 'GET',
    path: '/api/tenders/{tenderId}/bids/{bidId}/audit',
    handler: 'get-bid-audit',
    context: 'bids',
    auth: bidParties,
    access: { table: 'read' },
    summary:
      "One page of a bid's own hash-chained audit log, verified (its bidder; the parties after the opening)",
    tag: 'audit',
  },
  {
    id: 'getBidDocument',
    method: 'GET',
    path: '/api/tenders/{tenderId}/bids/{bidId}/documents/{documentId}',
    handler: 'get-bid-document',
    context: 'bids',
    auth: bidDocumentReaders,
    access: { table: 'read', bucket: 'read' },
    summary:
      'Download link of a sealed bid document (its bidder; the parties and the declared members after the opening)',
    tag: 'bids',
  },
  {
    id: 'getOpeningRecord',
    method: 'GET',
    path: '/api/tenders/{tenderId}/opening',
    handler: 'get-opening-record',
    context: 'bids',
    auth: bidParties,
    access: { table: 'read' },
    summary: 'The opening record (开标记录) with the responses, once the decryption window closes',
    tag: 'opening',
  },
  {
    id: 'respondToOpening',
    method: 'POST',
    path: '/api/tenders/{tenderId}/opening/responses',
    handler: 'respond-to-opening',
    context: 'bids',
    auth: supplier,
    access: { table: 'readWrite' },
    summary: 'A bidder confirms the opening record or objects with a reason (87号令第42条)',
    tag: 'opening',
  },
  {
    id: 'createExpert',
    method: 'POST',
    path: '/api/experts',
    handler: 'create-expert',
    context: 'evaluation',
    auth: centre,
    access: { table: 'readWrite' },
    summary: 'Add an expert to the pool (评审专家库)',
    tag: 'experts',
  },
  {
    id: 'listExperts',
    method: 'GET',
    path: '/api/experts',
    handler: 'list-experts',
    context: 'evaluation',
    auth: centre,
    access: { table: 'read' },
    summary: 'The expert pool, filtered by specialty, region and status, paged',
    tag: 'experts',
  },
  {
    id: 'getExpert',
    method: 'GET',
    path: '/api/experts/{expertId}',
    handler: 'get-expert',
    context: 'evaluation',
    auth: centre,
    access: { table: 'read' },
    summary: 'An expert with status history and assessments',
    tag: 'experts',
  },
  {
    id: 'updateExpert',
    method: 'PATCH',
    path: '/api/experts/{expertId}',
    handler: 'update-expert',
    context: 'evaluation',
    auth: centre,
    access: { table: 'readWrite' },
    summary: 'Update specialties, region, employer or recusal relations',
    tag: 'experts',
  },
  {
    id: 'assessExpert',
    method: 'POST',
    path: '/api/experts/{expertId}/assessments',
    handler: 'assess-expert',
    context: 'evaluation',
    auth: centre,
    access: { table: 'readWrite' },
    summary:
      'Per-project assessment (一项目一考核); the penalty ladder sets the status (`?dryRun=true` answers the would-be result and records nothing)',
    tag: 'experts',
  },
  {
    id: 'drawCommittee',
    method: 'POST',
    path: '/api/tenders/{tenderId}/committee',
    handler: 'draw-committee',
    context: 'evaluation',
    auth: centre,
    access: { table: 'readWrite' },
    summary: 'Draw the evaluation committee at random from the pool, with reserves',
    tag: 'evaluation',
  },
  {
    id: 'getCommittee',
    method: 'GET',
    path: '/api/tenders/{tenderId}/committee',
    handler: 'get-committee',
    context: 'evaluation',
    auth: parties,
    access: { table: 'read' },
    summary: 'The committee (names for centre staff only)',
    tag: 'evaluation',
  },
  {
    id: 'verifyCommittee',
    method: 'GET',
    path: '/api/tenders/{tenderId}/committee/verification',
    handler: 'verify-committee',
    context: 'evaluation',
    auth: parties,
    access: { table: 'read' },
    summary: 'Re-run the recorded draw and compare',
    tag: 'evaluation',
  },
  {
    id: 'listMyAssignments',
    method: 'GET',
    path: '/api/evaluations',
    handler: 'list-my-assignments',
    context: 'evaluation',
    auth: expert,
    access: { table: 'read' },
    summary: "The signed-in expert's committee assignments",
    tag: 'evaluation',
  },
  {
    id: 'getEvaluationSession',
    method: 'GET',
    path: '/api/tenders/{tenderId}/evaluation',
    handler: 'get-evaluation-session',
    context: 'evaluation',
    auth: expert,
    access: { table: 'read' },
    summary: 'A member’s remote session: tender, valid bids, own sheet',
    tag: 'evaluation',
  },
  {
    id: 'declareConflict',
    method: 'POST',
    path: '/api/tenders/{tenderId}/evaluation/declaration',
    handler: 'declare-conflict',
    context: 'evaluation',
    auth: expert,
    access: { table: 'readWrite' },
    summary: 'Conflict-of-interest declaration (回避声明); a conflict is replaced from the reserve',
    tag: 'evaluation',
  },
  {
    id: 'saveScoreSheet',
    method: 'PUT',
    path: '/api/tenders/{tenderId}/evaluation/sheet',
    handler: 'save-score-sheet',
    context: 'evaluation',
    auth: expert,
    access: { table: 'readWrite' },
    summary: 'Save the member’s draft score sheet',
    tag: 'evaluation',
  },
  {
    id: 'submitScoreSheet',
    method: 'POST',
    path: '/api/tenders/{tenderId}/evaluation/sheet/submit',
    handler: 'submit-score-sheet',
    context: 'evaluation',
    auth: expert,
    access: { table: 'readWrite' },
    summary: 'Lock the score sheet; the last one produces the report',
    tag: 'evaluation',
  },
  {
    id: 'confirmOutliers',
    method: 'POST',
    path: '/api/tenders/{tenderId}/evaluation/outliers/confirm',
    handler: 'confirm-outliers',
    context: 'evaluation',
    auth: expert,
    access: { table: 'readWrite' },
    summary: 'A member confirms its flagged outlier scores; the last confirmation produces the report',
    tag: 'evaluation',
  },
  {
    id: 'getEvaluationReport',
    method: 'GET',
    path: '/api/tenders/{tenderId}/evaluation/report',
    handler: 'get-evaluation-report',
    context: 'evaluation',
    auth: reportReaders,
    access: { table: 'read' },
    summary: 'The evaluation report (评标报告)',
    tag: 'evaluation',
  },
  {
    id: 'getCollusionSigns',
    method: 'GET',
    path: '/api/tenders/{tenderId}/collusion-signs',
    handler: 'get-collusion-signs',
    context: 'evaluation',
    auth: collusionReaders,
    access: { table: 'read' },
    summary:
      'Collusion signs among the valid bids (87号令第三十七条), each with its item and evidence, from the opening on: declared members and centre staff',
    tag: 'evaluation',
  },
  {
    id: 'recordCollusionFinding',
    method: 'POST',
    path: '/api/tenders/{tenderId}/collusion-signs/{signId}/finding',
    handler: 'record-collusion-finding',
    context: 'evaluation',
    auth: expert,
    access: { table: 'readWrite' },
    summary:
      "A member's finding on a collusion sign; a majority of the seats decides (87号令第六十一条), and the bids it finds collusive are invalid",
    tag: 'evaluation',
  },
  {
    id: 'getMyResult',
    method: 'GET',
    path: '/api/tenders/{tenderId}/my-result',
    handler: 'get-my-result',
    context: 'evaluation',
    auth: supplier,
    access: { table: 'read' },
    summary: 'A bidder’s own score and rank (87号令第69条)',
    tag: 'evaluation',
  },
  {
    id: 'awardTender',
    method: 'POST',
    path: '/api/tenders/{tenderId}/award',
    handler: 'award-tender',
    context: 'awards',
    auth: purchaser,
    access: { table: 'readWrite' },
    summary: 'Confirm the winner among the candidates, in order (87号令第68条); publishes the result notice',
    tag: 'awards',
  },
  {
    id: 'declareContractDocument',
    method: 'POST',
    path: '/api/tenders/{tenderId}/contract/document',
    handler: 'declare-contract-document',
    context: 'awards',
    auth: purchaser,
    access: { table: 'read', bucket: 'put' },
    summary: 'Declare the signed contract by SHA-256; returns a presigned PUT URL',
    tag: 'awards',
  },
  {
    id: 'recordContract',
    method: 'POST',
    path: '/api/tenders/{tenderId}/contract',
    handler: 'record-contract',
    context: 'awards',
    auth: purchaser,
    access: { table: 'readWrite', bucket: 'readPut' },
    summary: 'Record the contract (87号令第71条); publishes the contract notice; the tender is complete',
    tag: 'awards',
  },
  {
    id: 'getTenderResult',
    method: 'GET',
    path: '/api/tenders/{tenderId}/result',
    handler: 'get-tender-result',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'The award, its savings (节约资金) or premium (溢价), and the contract',
    tag: 'awards',
  },
  {
    id: 'getTradeReport',
    method: 'GET',
    path: '/api/reports/trade',
    handler: 'get-trade-report',
    context: 'awards',
    auth: centre,
    access: { table: 'read' },
    summary: '成交金额, 节约资金 and targets for a year, month, unit, trade type, category or method',
    tag: 'reports',
  },
  {
    id: 'getTradeReportCsv',
    method: 'GET',
    path: '/api/reports/trade.csv',
    handler: 'get-trade-report-csv',
    context: 'awards',
    auth: centre,
    access: { table: 'read' },
    summary: 'The trade report as CSV (UTF-8 with BOM)',
    tag: 'reports',
  },
  {
    id: 'getTradeReportXlsx',
    method: 'GET',
    path: '/api/reports/trade.xlsx',
    handler: 'get-trade-report-xlsx',
    context: 'workbook',
    auth: centre,
    access: { table: 'read' },
    summary: 'The trade report as an Excel workbook',
    tag: 'reports',
  },
  {
    id: 'putTarget',
    method: 'PUT',
    path: '/api/reports/targets/{year}',
    handler: 'put-target',
    context: 'awards',
    auth: centre,
    access: { table: 'readWrite' },
    summary: "Set a year's target number of projects",
    tag: 'reports',
  },
  {
    id: 'getTenderReleases',
    method: 'GET',
    path: '/api/ocds/tenders/{tenderId}',
    handler: 'get-tender-releases',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'OCDS 1.1 release package of a tender: one release per public state change',
    tag: 'ocds',
  },
  {
    id: 'listReleases',
    method: 'GET',
    path: '/api/ocds/releases',
    handler: 'list-releases',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'OCDS 1.1 release package of the newest releases, cursor-paged',
    tag: 'ocds',
  },
  {
    id: 'listCalendarYears',
    method: 'GET',
    path: '/api/calendar/years',
    handler: 'list-calendar-years',
    context: 'open-data',
    auth: 'public',
    access: { table: 'read' },
    summary: 'Years the working-day calendar covers, each with its source (package or the notice loaded)',
    tag: 'calendar',
  },
  {
    id: 'putCalendarYear',
    method: 'PUT',
    path: '/api/calendar/years/{year}',
    handler: 'put-calendar-year',
    context: 'awards',
    auth: centre,
    access: { table: 'readWrite' },
    summary: "Load a year's official holiday schedule from the State Council General Office's notice",
    tag: 'calendar',
  },
  {
    id: 'getAuction',
    method: 'GET',
    path: '/api/tenders/{tenderId}/auction',
    handler: 'get-auction',
    context: 'transfers',
    auth: 'public',
    access: { table: 'read' },
    summary: 'The live state of a listing or auction: price, countdown, phase, the latest quotes (no names)',
    tag: 'transfers',
  },
  {
    id: 'listQuotes',
    method: 'GET',
    path: '/api/tenders/{tenderId}/auction/quotes',
    handler: 'list-quotes',
    context: 'transfers',
    auth: 'public',
    access: { table: 'read' },
    summary: 'Every accepted quote of a listing or auction, in order (by 竞买号)',
    tag: 'transfers',
  },
  {
    id: 'placeQuote',
    method: 'POST',
    path: '/api/tenders/{tenderId}/auction/quotes',
    handler: 'place-quote',
    context: 'transfers',
    auth: supplier,
    access: { table: 'readWrite', live: 'publish' },
    summary:
      'Quote (报价): at least the current price plus the increment; only bidders with a confirmed deposit',
    tag: 'transfers',
  },
  {
    id: 'revealReserve',
    method: 'POST',
    path: '/api/tenders/{tenderId}/auction/reserve',
    handler: 'reveal-reserve',
    context: 'transfers',
    auth: purchaser,
    access: { table: 'readWrite', live: 'publish' },
    summary: 'The transferor opens its sealed reserve after bidding ends; it decides sold or 流拍',
    tag: 'transfers',
  },
  {
    id: 'applyForTransfer',
    method: 'POST',
    path: '/api/tenders/{tenderId}/transfer/applications',
    handler: 'apply-for-transfer',
    context: 'transfers',
    auth: supplier,
    access: { table: 'readWrite' },
    summary: 'Apply as a bidder (竞买申请) with the deposit paid (竞买保证金)',
    tag: 'transfers',
  },
  {
    id: 'getMyTransferApplication',
    method: 'GET',
    path: '/api/tenders/{tenderId}/transfer/application',
    handler: 'get-my-transfer-application',
    context: 'transfers',
    auth: supplier,
    access: { table: 'read' },
    summary: "The bidder's own application: status, 竞买号 and its deposit's settlement",
    tag: 'transfers',
  },
  {
    id: 'getDepositLedger',
    method: 'GET',
    path: '/api/tenders/{tenderId}/transfer/deposits',
    handler: 'get-deposit-ledger',
    context: 'transfers',
    auth: centre,
    access: { table: 'read' },
    summary: 'The deposit ledger (保证金台账): every application, what is held, applied, due back and late',
    tag: 'transfers',
  },
  {
    id: 'decideDeposit',
    method: 'POST',
    path: '/api/tenders/{tenderId}/transfer/deposits/{supplierOrgId}/decision',
    handler: 'decide-deposit',
    context: 'transfers',
    auth: centre,
    access: { table: 'readWrite' },
    summary: 'Confirm a deposit and issue the 竞买号, or refuse the application with a reason',
    tag: 'transfers',
  },
  {
    id: 'recordDepositRefund',
    method: 'POST',
    path: '/api/tenders/{tenderId}/transfer/deposits/{supplierOrgId}/refund',
    handler: 'record-deposit-refund',
    context: 'transfers',
    auth: centre,
    access: { table: 'readWrite' },
    summary: 'Record the refund of a deposit that is due back, with its bank reference',
    tag: 'transfers',
  },
] as const satisfies readonly RouteSpec[];

/** All HTTP routes of the portal. */
export const ROUTES: readonly RouteSpec[] = ROUTE_TABLE;

/** The id of a route of the table. */
export type RouteId = (typeof ROUTE_TABLE)[number]['id'];

/** The ids of the routes one context serves. */
export type RouteIdIn<C extends ContextId> = Extract<(typeof ROUTE_TABLE)[number], { context: C }>['id'];

/** The routes one context serves, in table order. */
export function routesOf(context: ContextId): readonly RouteSpec[] {
  return ROUTES.filter((route) => route.context === context);
}

/**
 * What a context's function is granted: the union of its routes' declared access, and no more.
 *
 * Why derived: the route table stays the one place where access is declared; a context is read-only
 * exactly when every one of its routes is.
 */
export function contextAccess(context: ContextId): RouteAccess {
  const routes = routesOf(context);
  const table = routes.some((route) => route.access.table === 'readWrite') ? 'readWrite' : 'read';
  const reads = routes.some((route) => route.access.bucket === 'read' || route.access.bucket === 'readPut');
  const puts = routes.some((route) => route.access.bucket === 'put' || route.access.bucket === 'readPut');
  const bucket = reads && puts ? 'readPut' : reads ? 'read' : puts ? 'put' : undefined;
  const live = routes.some((route) => route.access.live === 'publish');
  return { table, ...(bucket ? { bucket } : {}), ...(live ? { live: 'publish' as const } : {}) };
}

/** Scheduled jobs. */
export const SCHEDULES: readonly ScheduleSpec[] = [
  // The tick closes live transfers, and the rooms hear it at once
  { id: 'tick', handler: 'tick', everyMinutes: 1, access: { table: 'readWrite', live: 'publish' } },
];

/**
 * The API's CORS policy, one for both places: the CDK HttpApi's corsPreflight and the local gateway.
 *
 * Why one constant: a browser client must see the same allowed and exposed headers locally as in
 * AWS (e.g. `idempotent-replayed`), or it works on a laptop and breaks once deployed.
 */
export const CORS = {
  allowOrigins: ['*'],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
  allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
  exposeHeaders: ['etag', 'location', 'idempotent-replayed', 'content-disposition'],
  maxAgeSeconds: 3600,
} as const;
