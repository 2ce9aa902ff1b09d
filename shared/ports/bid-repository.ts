import type { SealedEvent } from '../schemas/audit';
import type { Bid, OpeningRecord, OpeningResponse, Registration } from '../schemas/bid';
import type { SupplierProfile } from '../schemas/supplier';
import type { EventStretch, EventWindow, IdempotencyClaim, Page, PageRequest } from './tender-repository';

/** A bid change: the bid's new state and the event of its own chain. */
export interface BidChange {
  /** The bid after the change (version = previous + 1). */
  bid: Bid;
  /** The event, whose seq equals the new version, with its restricted record. */
  event: SealedEvent;
}

/**
 * Storage of supplier profiles, registrations, bids, the bid count and the opening record.
 *
 * Why its own port: the sealed-bid rules (one current bid per supplier, nothing accepted at or
 * after the deadline) live in its transactions, and the count is read from the current bids
 * themselves, so no item is written by every bid of a tender (DESIGN.md §5).
 */
export interface BidRepository {
  /** A supplier organisation's profile, or null. */
  getProfile(orgId: string): Promise<SupplierProfile | null>;
  /** Creates or replaces a profile; ConflictError if `expectedVersion` is stale (null = must not exist). */
  saveProfile(profile: SupplierProfile, expectedVersion: number | null): Promise<void>;

  /** Stores a registration; false if the organisation had already registered. */
  register(registration: Registration): Promise<boolean>;
  /** A supplier's registration, or null. */
  getRegistration(tenderId: string, orgId: string): Promise<Registration | null>;
  /** Every registration of a tender. */
  listRegistrations(tenderId: string): Promise<Registration[]>;
  /** A supplier organisation's registrations, newest first, paged (its "my projects" list). */
  listRegistrationsBySupplier(orgId: string, page: PageRequest): Promise<Page<Registration>>;
  /**
   * Where a supplier stands in each of some tenders, read in batches: its current (submitted) bid
   * and its response to the opening record, each null when there is none.
   */
  getSupplierStandings(
    orgId: string,
    tenderIds: readonly string[],
  ): Promise<Map<string, { currentBid: Bid | null; openingResponse: OpeningResponse | null }>>;

  /** Stores a new bid draft with its first event (and idempotency record). */
  createBid(change: BidChange, idempotency?: IdempotencyClaim): Promise<void>;
  /** A bid, or null. */
  getBid(tenderId: string, bidId: string): Promise<Bid | null>;
  /** Every bid of a tender, in any status. */
  listBids(tenderId: string): Promise<Bid[]>;
  /** The id of the supplier's current (submitted) bid, or null. */
  getCurrentBidId(tenderId: string, orgId: string): Promise<string | null>;
  /**
   * The number of current bids: suppliers whose submitted bid stands (a replacement counts once, a
   * withdrawn bid not at all), read from the bids themselves, exact.
   */
  getBidCount(tenderId: string): Promise<number>;
  /**
   * Accepts a bid, atomically: only while the tender is tendering and `now` is before its deadline;
   * it becomes the supplier's current bid (replacing `replaced`, if given), so the count follows.
   */
  submitBid(change: BidChange, now: string, replaced?: BidChange): Promise<void>;
  /** Withdraws the current bid, atomically under the same deadline condition; the count follows. */
  withdrawBid(change: BidChange, now: string): Promise<void>;
  /**
   * Saves any other change of a bid (re-confirmation, reveal) under its version; with `tenderOpenAt`
   * only while the tender is tendering and that instant is before its deadline; with `decryptionOpen`
   * only while the tender is opening and its record is not yet published.
   */
  saveBid(
    change: BidChange,
    expectedVersion: number,
    options?: { tenderOpenAt?: string; decryptionOpen?: boolean },
  ): Promise<void>;
  /** A stretch of a bid's own audit events and the event before it, as for a tender's chain. */
  readBidEventStretch(tenderId: string, bidId: string, window: EventWindow): Promise<EventStretch>;
  /** A bid's own audit events, each with its restricted record: for centre staff only. */
  listRestrictedBidEvents(tenderId: string, bidId: string): Promise<SealedEvent[]>;

  /** The opening record, with the responses so far, or null. */
  getOpeningRecord(tenderId: string): Promise<OpeningRecord | null>;
  /** Stores a bidder's response; false if it had already responded. */
  addOpeningResponse(tenderId: string, response: OpeningResponse): Promise<boolean>;
}
