import type { Committee, EvaluationReport, ScoreSheet } from '../schemas/evaluation';
import type { Expert } from '../schemas/expert';
import type { Page, PageRequest } from './tender-repository';

/** A stored per-project assessment of an expert (一项目一考核). */
export interface StoredAssessment {
  /** The expert. */
  expertId: string;
  /** The project. */
  tenderId: string;
  /** When it was recorded. */
  at: string;
  /** Ratings 1–5. */
  ratings: { punctuality: number; professionalism: number; fairness: number };
  /** Violation codes. */
  violations: string[];
  /** Free text. */
  note?: string | undefined;
  /** What the penalty ladder decided. */
  decision: 'none' | 'warning' | 'suspended' | 'removed';
  /** Who recorded it. */
  recordedBy: string;
}

/**
 * Storage of the expert pool, assessments, committees, score sheets and evaluation reports.
 *
 * Why the committee's own writes go through the tender's change: a draw, a replacement, a locked
 * sheet and the report are each one transaction with the tender's audit event.
 */
export interface EvaluationRepository {
  /** Adds an expert; ConflictError if its sign-in subject already belongs to one. */
  createExpert(expert: Expert): Promise<void>;
  /** An expert, or null. */
  getExpert(expertId: string): Promise<Expert | null>;
  /** The expert a sign-in subject belongs to, or null. */
  getExpertBySub(sub: string): Promise<Expert | null>;
  /** The pool, filtered and paged. */
  listExperts(
    filters: { specialty?: string | undefined; region?: string | undefined; status?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Expert>>;
  /** The whole pool (a draw's snapshot starts from it). */
  listAllExperts(): Promise<Expert[]>;
  /** Replaces an expert if it is still at `expectedVersion`. */
  saveExpert(expert: Expert, expectedVersion: number): Promise<void>;
  /** Records an assessment and the expert's resulting state in one transaction. */
  recordAssessment(assessment: StoredAssessment, expert: Expert, expectedVersion: number): Promise<void>;
  /** An expert's assessments, oldest first. */
  listAssessments(expertId: string): Promise<StoredAssessment[]>;
  /** The tenders an expert was assigned to. */
  listAssignments(expertId: string): Promise<string[]>;
  /** A tender's committee, or null. */
  getCommittee(tenderId: string): Promise<Committee | null>;
  /** A member's sheet, or null. */
  getSheet(tenderId: string, expertId: string): Promise<ScoreSheet | null>;
  /** Saves a draft sheet (expectedVersion null = new); ConflictError if it changed or was submitted. */
  saveDraftSheet(sheet: ScoreSheet, expectedVersion: number | null): Promise<void>;
  /** Every sheet of a tender. */
  listSheets(tenderId: string): Promise<ScoreSheet[]>;
  /** The evaluation report, or null. */
  getReport(tenderId: string): Promise<EvaluationReport | null>;
}
