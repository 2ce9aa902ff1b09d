import type { Challenge } from '../schemas/challenge';
import type { Enquiry } from '../schemas/enquiry';

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
}
