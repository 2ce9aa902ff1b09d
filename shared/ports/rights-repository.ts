import type { Enquiry } from '../schemas/enquiry';

/**
 * Storage of suppliers' enquiries (DESIGN.md section 10), read here; each is written with the
 * tender's own change (`TenderChange.enquiry`), so the question and its answer are on the tender's
 * audit chain in the same transaction.
 */
export interface RightsRepository {
  /** One enquiry of a tender, or null. */
  getEnquiry(tenderId: string, enquiryId: string): Promise<Enquiry | null>;
  /** Every enquiry of a tender, oldest first. */
  listEnquiries(tenderId: string): Promise<Enquiry[]>;
}
