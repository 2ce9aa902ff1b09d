import type { Challenge } from '../schemas/challenge';
import type { Enquiry } from '../schemas/enquiry';
import type { Page, PageRequest } from './tender-repository';

/**
 * Storage of suppliers' enquiries and challenges (DESIGN.md section 10), read here; each is written
 * with the tender's own change (`TenderChange.enquiry`, `.challenge`), so the question or the letter
 * and its answer are on the tender's audit chain in the same transaction.
 */
export interface RightsRepository {
  /** One enquiry of a tender, or null. */
  getEnquiry(tenderId: string, enquiryId: string): Promise<Enquiry | null>;
  /** Every enquiry of a tender, oldest first. */
  listEnquiries(tenderId: string): Promise<Enquiry[]>;
  /** One challenge of a tender, or null. */
  getChallenge(tenderId: string, challengeId: string): Promise<Challenge | null>;
  /** Every challenge of a tender, oldest first. */
  listChallenges(tenderId: string): Promise<Challenge[]>;
  /** Every enquiry and challenge still waiting for its answer, across tenders, earliest due first. */
  listOpenAnswers(page: PageRequest): Promise<Page<OpenAnswer>>;
  /** How many of those are due at or before `now` (overdue). */
  countOverdueAnswers(now: string): Promise<number>;
}

/** An enquiry or a challenge still waiting for its answer. */
export type OpenAnswer = { kind: 'enquiry'; enquiry: Enquiry } | { kind: 'challenge'; challenge: Challenge };
