import type { Clock } from '../domain/clock';
import type { BidRepository } from './bid-repository';
import type { CalendarRepository } from './calendar-repository';
import type { DocumentStore } from './document-store';
import type { EvaluationRepository } from './evaluation-repository';
import type { LivePublisher } from './live-publisher';
import type { Logger } from './logger';
import type { ReportRepository } from './report-repository';
import type { RightsRepository } from './rights-repository';
import type { TenderRepository } from './tender-repository';
import type { TransferRepository } from './transfer-repository';

/**
 * Everything a use case may need from the outside world.
 *
 * Why a port: use cases name what they need, the adapters' composition root (`adapters/deps.ts`)
 * supplies it, and no use case imports an adapter.
 */
export interface Deps {
  /** Tender storage. */
  tenders: TenderRepository;
  /** Supplier profiles, registrations, bids and the opening record. */
  bids: BidRepository;
  /** The expert pool, committees, score sheets and reports. */
  evaluations: EvaluationRepository;
  /** Report counters and targets. */
  reports: ReportRepository;
  /** Live transfers' applications (the deposit ledger) and quotes. */
  transfers: TransferRepository;
  /** Suppliers' enquiries (their writes go with the tender's change). */
  rights: RightsRepository;
  /** Document storage. */
  documents: DocumentStore;
  /** The years the centre loaded into the working-day calendar. */
  calendar: CalendarRepository;
  /** The one clock. */
  clock: Clock;
  /** Pushes to the live channels (the auction rooms); best effort, after a change is saved. */
  live: LivePublisher;
  /** The structured logger. */
  logger: Logger;
  /** Id generator (ULIDs). */
  newId: () => string;
}
