import type * as z from 'zod';
import { InstantSchema } from '../../../schemas/common';
import { CommitteeRequirementSchema } from '../../../schemas/evaluation';
import {
  AssessmentBodySchema,
  type ExpertRelationSchema,
  type ExpertStatusSchema,
  PenaltyOutcomeSchema,
} from '../../../schemas/expert';
import { ApiProblemError, type BodyOf, callApi, type ResponseOf } from '../lib/api';

/** An expert of the pool as the list answers it. */
export type ExpertView = ResponseOf<'listExperts'>['items'][number];
/** An expert with status history and assessments. */
export type ExpertDetailView = ResponseOf<'getExpert'>;
/** A recusal relation (实施条例第9条). */
export type ExpertRelationView = z.infer<typeof ExpertRelationSchema>;
/** An expert's standing in the pool. */
export type ExpertStatus = z.infer<typeof ExpertStatusSchema>;
/** The committee as centre staff read it (names included). */
export type CommitteeView = ResponseOf<'drawCommittee'>;
/** The re-run of the recorded draw. */
export type VerificationView = ResponseOf<'verifyCommittee'>;
/** The answer of an assessment, previewed or recorded. */
export type AssessmentAnswer = ResponseOf<'assessExpert'>;
/** What the penalty ladder decided. */
export type PenaltyOutcomeView = AssessmentAnswer['outcome'];
/** The committee a tender requires. */
export type CommitteeRequirementView = z.infer<typeof CommitteeRequirementSchema>;
/** The years the working-day calendar covers. */
export type CalendarYearsView = ResponseOf<'listCalendarYears'>;
/** One year's schedule as the centre loads it. */
export type CalendarYearBody = BodyOf<'putCalendarYear'>;

/** Filters of the pool list (exact specialty and region, a status). */
export interface ExpertFilters {
  /** A specialty as registered, e.g. A02-通用设备. */
  specialty?: string | undefined;
  /** A region, e.g. 广元市. */
  region?: string | undefined;
  /** In the pool, suspended or removed. */
  status?: ExpertStatus | undefined;
}

/** One page of the expert pool, filtered. */
export async function listExperts(filters: ExpertFilters, cursor: string | null, signal?: AbortSignal) {
  return (
    await callApi('listExperts', `/api/experts`, {
      signal,
      query: { ...filters, cursor, limit: 50 },
    })
  ).data;
}

/** Reads an expert with status history and assessments. */
export async function fetchExpert(expertId: string, signal?: AbortSignal) {
  return (await callApi('getExpert', `/api/experts/${encodeURIComponent(expertId)}`, { signal })).data;
}

/** Adds an expert to the pool. */
export async function createExpert(body: BodyOf<'createExpert'>) {
  return (await callApi('createExpert', `/api/experts`, { method: 'POST', body })).data;
}

/**
 * Updates an expert's specialties, region, employer or recusal relations.
 *
 * Why no If-Match: the route takes none; it applies the change to the stored version and refuses a
 * concurrent write with a 409, which the page shows.
 */
export async function updateExpert(expertId: string, body: BodyOf<'updateExpert'>) {
  return (
    await callApi('updateExpert', `/api/experts/${encodeURIComponent(expertId)}`, { method: 'PATCH', body })
  ).data;
}

/**
 * Assesses a committee member for one project (一项目一考核); with `dryRun` the server answers what the
 * penalty ladder would decide and records nothing.
 */
export async function assessExpert(expertId: string, body: BodyOf<'assessExpert'>, dryRun: boolean) {
  return (
    await callApi('assessExpert', `/api/experts/${encodeURIComponent(expertId)}/assessments`, {
      method: 'POST',
      body,
      query: { dryRun: dryRun ? 'true' : 'false' },
    })
  ).data;
}

/** A tender's committee, or before the draw the committee its rules require (null: none is drawn). */
export type CommitteeState =
  | { drawn: true; committee: CommitteeView }
  | { drawn: false; requirement: CommitteeRequirementView | null };

/**
 * Reads a tender's committee; before the draw the API answers 404 with the requirement, which is read
 * here with its schema.
 */
export async function fetchCommittee(tenderId: string, signal?: AbortSignal): Promise<CommitteeState> {
  try {
    const answer = await callApi('getCommittee', `/api/tenders/${encodeURIComponent(tenderId)}/committee`, {
      signal,
    });
    // Centre staff always get the full view
    return { drawn: true, committee: answer.data as CommitteeView };
  } catch (error) {
    if (!(error instanceof ApiProblemError) || error.status !== 404 || !('requirement' in error.problem)) {
      throw error;
    }
    const parsed = CommitteeRequirementSchema.nullable().safeParse(error.problem['requirement']);
    if (!parsed.success) throw error;
    return { drawn: false, requirement: parsed.data };
  }
}

/** Draws the committee at random from the pool, with reserves. */
export async function drawCommittee(tenderId: string, body: BodyOf<'drawCommittee'>) {
  return (
    await callApi('drawCommittee', `/api/tenders/${encodeURIComponent(tenderId)}/committee`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** Re-runs the recorded draw on the server and compares it with the committee. */
export async function verifyCommittee(tenderId: string, signal?: AbortSignal) {
  return (
    await callApi('verifyCommittee', `/api/tenders/${encodeURIComponent(tenderId)}/committee/verification`, {
      signal,
    })
  ).data;
}

/** The years the working-day calendar covers, with their sources. */
export async function listCalendarYears(signal?: AbortSignal) {
  return (await callApi('listCalendarYears', `/api/calendar/years`, { signal })).data;
}

/** Loads (or, with a reason, replaces) one year's official holiday schedule. */
export async function putCalendarYear(year: number, body: CalendarYearBody) {
  return (await callApi('putCalendarYear', `/api/calendar/years/${year}`, { method: 'PUT', body })).data;
}

/**
 * An assessment as the expert's record keeps it: the body as assessed, its time and the decision.
 *
 * Why parsed here: the API types the stored assessments loosely; the page reads them with the request's
 * own schema and the ladder's decision, and skips anything else.
 */
const RecordedAssessmentSchema = AssessmentBodySchema.extend({
  at: InstantSchema,
  decision: PenaltyOutcomeSchema.shape.decision,
}).loose();

/** A recorded assessment. */
export type RecordedAssessment = z.infer<typeof RecordedAssessmentSchema>;

/** Reads an expert's recorded assessments, oldest first, leaving out anything unreadable. */
export function readAssessments(expert: ExpertDetailView): RecordedAssessment[] {
  return expert.assessments.flatMap((item) => {
    const parsed = RecordedAssessmentSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The statuses of an expert in Chinese. */
export const EXPERT_STATUS_LABELS: Readonly<Record<ExpertStatus, string>> = {
  active: '在库',
  suspended: '暂停业务',
  removed: '淘汰出库',
};

/** The relation kinds in Chinese, with the item of 实施条例第九条 each falls under. */
export const RELATION_KIND_LABELS: Readonly<Record<ExpertRelationView['kind'], string>> = {
  employment: '劳动关系（第一项）',
  directorship: '董事、监事（第二项）',
  control: '控股或实际控制（第三项）',
  kin: '法定代表人或负责人的近亲属（第四项）',
};

/** The ladder's decisions in Chinese. */
export const DECISION_LABELS: Readonly<Record<PenaltyOutcomeView['decision'], string>> = {
  none: '无处理',
  warning: '警告',
  suspended: '暂停业务',
  removed: '淘汰出库',
};

/** The committee members' statuses in Chinese. */
export const MEMBER_STATUS_LABELS: Readonly<Record<CommitteeView['members'][number]['status'], string>> = {
  drawn: '已抽取，待声明',
  declared: '已声明无回避',
  recused: '已回避',
  submitted: '已提交评分',
};

/** Why experts were left out of a draw, in Chinese (the draw records the first reason found). */
export const EXCLUSION_REASON_LABELS: Readonly<Record<string, string>> = {
  removed: '已淘汰出库',
  suspended: '暂停业务中',
  relation: '与采购人或投标人有关联（实施条例第九条）',
  employer: '工作单位为采购人或投标人',
  specialty: '专业不符',
  region: '不在所选地区',
};

/** The rating names of an assessment in Chinese. */
export const RATING_LABELS: Readonly<Record<keyof RecordedAssessment['ratings'], string>> = {
  punctuality: '守时',
  professionalism: '专业水平',
  fairness: '客观公正',
};
