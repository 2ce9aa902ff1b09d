import type { FiguresDelta, TradeFacets } from '../domain/aggregates';
import type { SealedEvent } from '../schemas/audit';
import type { Award, Contract } from '../schemas/award';
import type { OpeningRecord } from '../schemas/bid';
import type { Challenge } from '../schemas/challenge';
import type { Enquiry } from '../schemas/enquiry';
import type { Committee, EvaluationReport, ScoreSheet } from '../schemas/evaluation';
import type { Notice, NoticeFilters } from '../schemas/notice';
import type { Tender, TenderFilters } from '../schemas/tender';
import type { QuoteRecord } from '../schemas/transfer';

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

/** Which stretch of an audit chain to read: the events after `afterSeq`, at most `limit` of them. */
export interface EventWindow {
  /** The seq of the event before the stretch; 0 for a chain's start. */
  afterSeq: number;
  /** The most events to read (at least 1). */
  limit: number;
  /** Whether to read each event's restricted record too (centre staff only). */
  restricted: boolean;
}

/**
 * A stretch of an audit chain and the event just before it.
 *
 * Why the event before: a page of a long log is verified by linking its first event to that one,
 * read by key, so a page costs one Query and one GetItem however long the log is.
 */
export interface EventStretch {
  /** The event at `afterSeq`, read by key; null when `afterSeq` is 0 or no event is stored there. */
  previous: SealedEvent | null;
  /** The stored events after `afterSeq` in sort-key order, at most `limit`. */
  events: SealedEvent[];
  /**
   * The seq its storage key gives the last event read (null when none was read), whatever the
   * event's content says: where the next stretch starts, so paging always moves forward.
   */
  lastStoredSeq: number | null;
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
  /**
   * The tender as read before the change (at the expected version). An adapter keeping copies of
   * some of its fields (DynamoDB's bid gates) compares the two and rewrites them only when they
   * move; without it, it rewrites them.
   */
  previous?: Tender;
  /** The audit event, whose seq equals the new version, with its restricted record. */
  event: SealedEvent;
  /** Notices published by the change. */
  notices?: Notice[];
  /** The opening record, published once when the decryption window closes. */
  openingRecord?: OpeningRecord;
  /** The committee, new (expectedVersion null) or changed, written with the change. */
  committee?: { value: Committee; expectedVersion: number | null };
  /** A supplier's enquiry, new (expectedVersion null) or answered, written with the change. */
  enquiry?: { value: Enquiry; expectedVersion: number | null };
  /** A supplier's challenge, new (expectedVersion null) or answered, written with the change. */
  challenge?: { value: Challenge; expectedVersion: number | null };
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
  /** An accepted quote of a live transfer, written once under its sequence number. */
  quote?: QuoteRecord;
  /**
   * The server instant of a quote: the write succeeds only if it lies in one of the quoting windows
   * the stored tender names, so a quote at or after the end is refused by the database itself.
   */
  quoteAt?: string;
}

/** What a change writes besides the tender, its event and its notices. */
export type RelatedWrites = Pick<
  TenderChange,
  | 'openingRecord'
  | 'committee'
  | 'enquiry'
  | 'challenge'
  | 'assignments'
  | 'submittedSheet'
  | 'report'
  | 'award'
  | 'contract'
  | 'aggregates'
  | 'quote'
  | 'quoteAt'
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
  /** Reads many tenders by id at once (batched); the ids not found are missing from the map. */
  getMany(tenderIds: readonly string[]): Promise<Map<string, Tender>>;
  /** Reads an idempotency record still alive at `now`, or null (an expired one counts as absent). */
  getIdempotency(orgId: string, key: string, now: Date): Promise<IdempotencyRecord | null>;
  /** The award of a tender, or null. */
  getAward(tenderId: string): Promise<Award | null>;
  /** The contract of a tender, or null. */
  getContract(tenderId: string): Promise<Contract | null>;
  /** A tender's notices in order. */
  listTenderNotices(tenderId: string): Promise<Notice[]>;
  /**
   * A stretch of a tender's audit events after `window.afterSeq` (one Query by sort key with a
   * Limit) and the event at `afterSeq` (one GetItem); restricted records only if the window asks.
   */
  readEventStretch(tenderId: string, window: EventWindow): Promise<EventStretch>;
  /** A purchasing unit's own tenders, newest first. */
  listByOwner(orgId: string, page: PageRequest): Promise<Page<Tender>>;
  /**
   * Published tenders, newest first, filtered; a filtered page may hold fewer than `limit` items
   * while `nextCursor` continues (the filter runs after the index read).
   */
  listPublic(filters: TenderFilters, page: PageRequest): Promise<Page<Tender>>;
  /**
   * Public notices, newest first, filtered by type, method, category, trade type and title; a
   * filtered page may hold fewer than `limit` items while `nextCursor` continues.
   */
  listNotices(filters: NoticeFilters, page: PageRequest): Promise<Page<Notice>>;
  /** Tenders whose next timed step is due at or before `now`. */
  listDue(now: string, limit: number): Promise<Tender[]>;
}
