import { NotFoundError, UnprocessableError } from '../domain/errors';
import {
  type Assessment,
  decidePenalty,
  PENALTY_LADDER,
  type ViolationCode,
} from '../domain/expert-penalties';
import type { Deps } from '../ports/deps';
import type { StoredAssessment } from '../ports/evaluation-repository';
import type { Page, PageRequest } from '../ports/tender-repository';
import type { Expert, PenaltyOutcome } from '../schemas/expert';
import type { Caller } from './tender-change';

/** Body of a new expert. */
export interface NewExpert {
  /** Name. */
  name: string;
  /** The expert's sign-in subject. */
  userSub: string;
  /** Specialty codes. */
  specialties: string[];
  /** Home region (city). */
  region: string;
  /** Employer organisation. */
  employerOrgId: string;
  /** Relations that force recusal. */
  relations: Expert['relations'];
}

/** Adds an expert to the pool (centre staff). */
export async function createExpert(input: { caller: Caller; body: NewExpert }, deps: Deps): Promise<Expert> {
  const at = deps.clock.now().toISOString();
  const expert: Expert = {
    id: deps.newId(),
    ...input.body,
    status: 'active',
    history: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.evaluations.createExpert(expert);
  return expert;
}

/** Reads an expert with its assessments (centre staff). */
export async function getExpert(
  input: { expertId: string },
  deps: Deps,
): Promise<Expert & { assessments: StoredAssessment[] }> {
  const expert = await deps.evaluations.getExpert(input.expertId);
  if (!expert) throw new NotFoundError({ zh: '专家', en: 'Expert' });
  return { ...expert, assessments: await deps.evaluations.listAssessments(expert.id) };
}

/** Lists the pool, filtered by specialty, region and status, paged. */
export async function listExperts(
  input: {
    filters: { specialty?: string | undefined; region?: string | undefined; status?: string | undefined };
    page: PageRequest;
  },
  deps: Deps,
): Promise<Page<Expert>> {
  return deps.evaluations.listExperts(input.filters, input.page);
}

/** Updates an expert's specialties, region, employer or relations (centre staff). */
export async function updateExpert(
  input: {
    expertId: string;
    patch: Partial<Pick<Expert, 'specialties' | 'region' | 'employerOrgId' | 'relations'>>;
  },
  deps: Deps,
): Promise<Expert> {
  const expert = await deps.evaluations.getExpert(input.expertId);
  if (!expert) throw new NotFoundError({ zh: '专家', en: 'Expert' });
  const next: Expert = {
    ...expert,
    ...input.patch,
    updatedAt: deps.clock.now().toISOString(),
    version: expert.version + 1,
  };
  await deps.evaluations.saveExpert(next, expert.version);
  return next;
}

/**
 * Records the per-project assessment of an expert (一项目一考核) and applies the penalty ladder: the
 * new status (warning, 暂停业务, 淘汰出库) is saved with the assessment and written to the expert's
 * history, and the next draw respects it.
 *
 * With `dryRun` every check and the ladder run the same and nothing is written: the centre sees what
 * the assessment would decide before it commits to it.
 */
export async function assessExpert(
  input: {
    caller: Caller;
    expertId: string;
    tenderId: string;
    ratings: Assessment['ratings'];
    violations: string[];
    note?: string | undefined;
    dryRun?: boolean | undefined;
  },
  deps: Deps,
): Promise<{ assessment: StoredAssessment; expert: Expert; outcome: PenaltyOutcome; dryRun: boolean }> {
  const expert = await deps.evaluations.getExpert(input.expertId);
  if (!expert) throw new NotFoundError({ zh: '专家', en: 'Expert' });
  const assignments = await deps.evaluations.listAssignments(expert.id);
  if (!assignments.includes(input.tenderId)) {
    throw new UnprocessableError('not-on-committee', {
      zh: '该专家未参加此项目的评审',
      en: 'This expert did not sit on this tender’s committee',
    });
  }
  const earlier = await deps.evaluations.listAssessments(expert.id);
  const at = deps.clock.now().toISOString();
  const assessment: Assessment = {
    expertId: expert.id,
    tenderId: input.tenderId,
    at,
    ratings: input.ratings,
    violations: input.violations as ViolationCode[],
    ...(input.note ? { note: input.note } : {}),
  };
  const outcome = decidePenalty(
    earlier.map((a) => ({
      ...a,
      ratings: a.ratings as Assessment['ratings'],
      violations: a.violations as ViolationCode[],
    })),
    { status: expert.status, ...(expert.suspendedUntil ? { suspendedUntil: expert.suspendedUntil } : {}) },
    assessment,
  );
  const changed = outcome.status !== expert.status || outcome.suspendedUntil !== expert.suspendedUntil;
  const { suspendedUntil: _old, ...rest } = expert;
  const next: Expert = {
    ...rest,
    status: outcome.status,
    ...(outcome.suspendedUntil ? { suspendedUntil: outcome.suspendedUntil } : {}),
    history: changed
      ? [
          ...expert.history,
          {
            at,
            from: expert.status,
            to: outcome.status,
            ...(outcome.suspendedUntil ? { suspendedUntil: outcome.suspendedUntil } : {}),
            reason: `${outcome.decision}: ${input.violations.join(', ') || '—'}`,
            ...(outcome.rule ? { rule: outcome.rule } : {}),
            assessmentTenderId: input.tenderId,
            actor: input.caller.sub,
          },
        ]
      : expert.history,
    updatedAt: at,
    version: expert.version + 1,
  };
  const stored: StoredAssessment = {
    ...assessment,
    decision: outcome.decision,
    recordedBy: input.caller.sub,
  };
  const row = outcome.rule ? PENALTY_LADDER.find((rule) => rule.id === outcome.rule?.id) : undefined;
  const shown: PenaltyOutcome = {
    decision: outcome.decision,
    status: outcome.status,
    ...(outcome.suspendedUntil ? { suspendedUntil: outcome.suspendedUntil } : {}),
    warningsIn12Months: outcome.warningsIn12Months,
    ...(outcome.rule && row
      ? { rule: { ...outcome.rule, title: { zh: row.title.zh, en: row.title.en } } }
      : {}),
  };
  const dryRun = input.dryRun === true;
  if (!dryRun) await deps.evaluations.recordAssessment(stored, next, expert.version);
  return { assessment: stored, expert: next, outcome: shown, dryRun };
}

/** The committees the signed-in expert sits on. */
export async function listMyAssignments(
  input: { caller: Caller },
  deps: Deps,
): Promise<{ items: { tenderId: string }[] }> {
  const expert = await deps.evaluations.getExpertBySub(input.caller.sub);
  if (!expert) return { items: [] };
  const tenders = await deps.evaluations.listAssignments(expert.id);
  return { items: tenders.map((tenderId) => ({ tenderId })) };
}
