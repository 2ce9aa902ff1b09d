import type { DepositEntry, QuoteRecord } from '../schemas/transfer';

/**
 * Storage of a live transfer's applications (the deposit ledger) and its accepted quotes.
 *
 * Why its own port: the ledger is the centre's bookkeeping of money held for bidders, kept apart
 * from the tender so that a confirmation never contends with the quotes; quotes themselves are
 * written with the tender's change (`TenderChange.quote`), read here.
 */
export interface TransferRepository {
  /** Stores a new application; false if the organisation had already applied. */
  apply(entry: DepositEntry): Promise<boolean>;
  /** One organisation's application, or null. */
  getApplication(tenderId: string, orgId: string): Promise<DepositEntry | null>;
  /** Every application of a transfer. */
  listApplications(tenderId: string): Promise<DepositEntry[]>;
  /**
   * Replaces an application if it is still at `expectedVersion` (ConflictError otherwise); with
   * `claimBidderNo`, takes that 竞买号 in the same transaction (false when another bidder holds it).
   */
  saveApplication(entry: DepositEntry, expectedVersion: number, claimBidderNo?: string): Promise<boolean>;
  /** Accepted quotes in order after `afterSeq`, at most `limit`; or the newest `limit` when `newest`. */
  listQuotes(
    tenderId: string,
    options: { afterSeq?: number; limit: number; newest?: boolean },
  ): Promise<QuoteRecord[]>;
}
