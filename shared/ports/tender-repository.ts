import type { FiguresDelta, TradeFacets } from '../domain/aggregates';
import type { AuditEvent, SealedEvent } from '../schemas/audit';
import type { Award, Contract } from '../schemas/award';
import type { OpeningRecord } from '../schemas/bid';
import type { Committee, EvaluationReport, ScoreSheet } from '../schemas/evaluation';
import type { Notice, NoticeType } from '../schemas/notice';
import type { Tender, TenderFilters } from '../schemas/tender';

/** A page of results and the cursor of the next page (null at the end). */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Opaque cursor for the next page. */
  nextCursor: string | null;
}

/** Paging parameters. */
export interface PageRequest {
  /** Maximum items in the page. */
  limit: number;
  /** Cursor from a previous page. */
  cursor?: string | undefined;
}

/** A stored idempotency record: what a keyed request produced. */
export interface IdempotencyRecord {
  /** SHA-256 of the request body the key was first used with. */
  requestHash: string;
  /** The id of the entity the request created. */
  resultId: string;
}

/** An Idempotency-Key claimed by a create, stored with the request's hash until `expiresAt`. */
export interface IdempotencyClaim {
  /** The organisation whose key it is. */
  orgId: string;
  /** The key. */
  key: string;
  /** SHA-256 of the canonical request body. */
  requestHash: string;
  /** When the record may be forgotten (ISO instant). */
  expiresAt: string;
  /** When the claim is made (ISO instant, the use case's clock): an older record expired by then is replaced. */
  claimedAt: string;
}

/** One atomic change to a tender: the new tender, the event that records it, and any notices. */
export interface TenderChange {
  /** The tender after the change, with version = previous version + 1. */
  tender: Tender;
  /** The audit event, whose seq equals the new version, with its restricted record. */
  event: SealedEvent;
  /** Notices published by the change. */
  notices?: Notice[];
  /** The opening record, published once when the decryption window closes. */
  openingRecord?: OpeningRecord;
  /** The committee, new (expectedVersion null) or changed, written with the change. */
  committee?: { value: Committee; expectedVersion: number | null };
  /** Experts newly assigned to the tender's committee. */
  assignments?: string[];
  /** A score sheet locked by its member (it must still be a draft at `expectedVersion`). */
  submittedSheet?: { value: ScoreSheet; expectedVersion: number };
  /** The evaluation report, written once. */
  report?: EvaluationReport;
  /** The award, written once (two racing awards: one wins). */
  award?: Award;
  /** The contract, written once. */
  contract?: Contract;
  /** Report counters to add to, in the same transaction. */
  aggregates?: { facets: TradeFacets; delta: FiguresDelta };
}

/** What a change writes besides the tender, its event and its notices. */
export type RelatedWrites = Pick<
  TenderChange,
  | 'openingRecord'
  | 'committee'
  | 'assignments'
  | 'submittedSheet'
  | 'report'
  | 'award'
  | 'contract'
  | 'aggregates'
>;

/**
 * Storage of tenders, their audit events and notices.
 *
 * Why a port: use cases stay testable with an in-memory fake and the DynamoDB adapter stays thin.
 */
export interface TenderRepository {
  /** Stores a new tender with its first event (and idempotency record); ConflictError if the key was used. */
  create(change: TenderChange, idempotency?: IdempotencyClaim): Promise<void>;
  /** Applies a change if the stored version is still `expectedVersion`; ConflictError otherwise. */
  save(change: TenderChange, expectedVersion: number): Promise<void>;
  /** Reads a tender, or null. */
  get(tenderId: string): Promise<Tender | null>;
  /** Reads an idempotency record still alive at `now`, or null (an expired one counts as absent). */
  getIdempotency(orgId: string, key: string, now: Date): Promise<IdempotencyRecord | null>;
  /** The award of a tender, or null. */
  getAward(tenderId: string): Promise<Award | null>;
  /** The contract of a tender, or null. */
  getContract(tenderId: string): Promise<Contract | null>;
  /** A tender's notices in order. */
  listTenderNotices(tenderId: string): Promise<Notice[]>;
  /** A tender's audit events in order. */
  listEvents(tenderId: string): Promise<AuditEvent[]>;
  /** A tender's audit events in order, each with its restricted record: for centre staff only. */
  listRestrictedEvents(tenderId: string): Promise<SealedEvent[]>;
  /** A purchasing unit's own tenders, newest first. */
  listByOwner(orgId: string, page: PageRequest): Promise<Page<Tender>>;
  /** Published tenders, newest first, filtered. */
  listPublic(filters: TenderFilters, page: PageRequest): Promise<Page<Tender>>;
  /** Public notices, newest first. */
  listNotices(filters: { type?: NoticeType | undefined }, page: PageRequest): Promise<Page<Notice>>;
  /** Tenders whose next timed step is due at or before `now`. */
  listDue(now: string, limit: number): Promise<Tender[]>;
}
