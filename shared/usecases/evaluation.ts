import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import { parseHundredths } from '../domain/money';
import { minValidBids } from '../domain/procedures';
import { decideSmallMicroDeduction, type SmallMicroDeduction } from '../domain/rules';
import { type ScoringResult, scoreBids } from '../domain/scoring';
import type { Deps } from '../ports/deps';
import type { Bid } from '../schemas/bid';
import type { Committee, EvaluationReport, EvaluationSession, ScoreSheet } from '../schemas/evaluation';
import type { Tender } from '../schemas/tender';
import { SYSTEM_ACTOR } from './audit-chain';

import { bidsExcusedFromScoring, collusiveBidReasons } from './collusion';
import { committeeActor, loadSeat, replaceMember, seatOf } from './committee';
import { applyChange, type Caller, failureNotice, loadPublishedTender } from './tender-change';

/** A tender's scoring criteria with the ids sheets use (`c1`, `c2`, … in the tender's order). */
export function criteriaOf(tender: Tender): { id: string; name: string; maxPoints: number }[] {
  return tender.content.evaluation.criteria.map((criterion, i) => ({ id: `c${i + 1}`, ...criterion }));
}

/**
 * The small/micro deduction of a tender's evaluation, decided once by the rules table.
 *
 * Why one function: the members' session and the scoring must show and apply the same deduction.
 */
export function smallMicroDeductionOf(tender: Tender): SmallMicroDeduction {
  return decideSmallMicroDeduction(tender.content, new Date(tender.publishedAt ?? tender.createdAt));
}

/** The valid bids of the opening record, decrypted. */
async function validBids(deps: Deps, tender: Tender): Promise<Bid[]> {
  const record = await deps.bids.getOpeningRecord(tender.id);
  const valid = new Set(record?.entries.filter((e) => e.status === 'valid').map((e) => e.bidId));
  return (await deps.bids.listBids(tender.id)).filter((bid) => valid.has(bid.id));
}

/** Requires the caller's seat to be declared (no conflict) and the tender still in evaluation. */
function assertMayScore(tender: Tender, status: string): void {
  if (tender.status !== 'evaluating') {
    throw new UnprocessableError('not-evaluating', { zh: '评审已结束', en: 'The evaluation has ended' });
  }
  if (status === 'drawn') {
    throw new ForbiddenError({
      zh: '请先作出回避声明（87号令第四十九条）',
      en: 'Declare that you have no conflict of interest first (87号令第四十九条)',
    });
  }
}

/**
 * What a member sees in the remote session: the tender and its valid bids (prices and keys only
 * after declaring no conflict), the criteria, the member's own sheet and its own flagged outliers —
 * never another member's.
 */
export async function getSession(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<EvaluationSession> {
  const { tender, committee, member } = await loadSeat(deps, input.caller, input.tenderId);
  const bids = await validBids(deps, tender);
  const declared = member.status !== 'drawn';
  const sheet = await deps.evaluations.getSheet(tender.id, member.expertId);
  return {
    tenderId: tender.id,
    title: tender.content.title,
    status: tender.status,
    method: tender.content.evaluation.method,
    priceWeightPercent: tender.content.evaluation.priceWeightPercent ?? 0,
    criteria: criteriaOf(tender),
    smallMicroDeductionPercent: smallMicroDeductionOf(tender).percent,
    seat: { expertId: member.expertId, status: member.status },
    bids: bids.map((bid) => ({
      bidId: bid.id,
      supplierName: bid.supplierName,
      supplierOrgId: bid.supplierOrgId,
      supplierScale: bid.supplierScale,
      ...(declared
        ? {
            priceFen: bid.reveal?.priceFen ?? null,
            keyHex: bid.reveal?.keyHex ?? null,
            documents: bid.documents.map(({ id, fileName, sha256, size }) => ({
              id,
              fileName,
              sha256,
              size,
            })),
          }
        : {}),
    })),
    sheet,
    // Only the member's own flagged scores: what it is asked to confirm, and nothing of the others.
    outliers: (committee.outlierReview?.flagged ?? [])
      .filter((outlier) => outlier.memberId === member.expertId)
      .map(({ memberId: _m, ...outlier }) => outlier),
    outliersConfirmedAt:
      committee.outlierReview?.confirmations.find((c) => c.expertId === member.expertId)?.at ?? null,
  };
}

/**
 * Whether points exceed a criterion's maximum, compared in exact hundredths.
 *
 * The schema has already refused points with more than two decimals and maxima are whole points, so
 * a reading that fails can only be a bug: it counts as "exceeds" rather than slipping through.
 */
function exceeds(points: number, maxPoints: number): boolean {
  const given = parseHundredths(points);
  const max = parseHundredths(maxPoints);
  return given === undefined || max === undefined || given > max;
}

/** Checks a sheet's bids and criteria against the tender before it is stored. */
function checkSheetShape(
  tender: Tender,
  bids: Bid[],
  scores: ScoreSheet['scores'],
  disqualify: ScoreSheet['disqualify'],
) {
  const bidIds = new Set(bids.map((b) => b.id));
  const criteria = new Map(criteriaOf(tender).map((c) => [c.id, c]));
  const problems: { path: string; message: { zh: string; en: string } }[] = [];
  for (const [bidId, perCriterion] of Object.entries(scores)) {
    if (!bidIds.has(bidId)) {
      problems.push({
        path: `body.scores.${bidId}`,
        message: { zh: '不是有效投标', en: 'Not a valid bid of this tender' },
      });
      continue;
    }
    for (const [criterionId, points] of Object.entries(perCriterion)) {
      const criterion = criteria.get(criterionId);
      if (!criterion) {
        problems.push({
          path: `body.scores.${bidId}.${criterionId}`,
          message: { zh: '没有这项评审因素', en: 'No such criterion' },
        });
      } else if (exceeds(points, criterion.maxPoints)) {
        problems.push({
          path: `body.scores.${bidId}.${criterionId}`,
          message: {
            zh: `分值须在 0–${criterion.maxPoints} 之间`,
            en: `Points must be 0–${criterion.maxPoints}`,
          },
        });
      }
    }
  }
  for (const bidId of Object.keys(disqualify)) {
    if (!bidIds.has(bidId)) {
      problems.push({
        path: `body.disqualify.${bidId}`,
        message: { zh: '不是有效投标', en: 'Not a valid bid of this tender' },
      });
    }
  }
  if (problems.length > 0) {
    throw new UnprocessableError(
      'sheet-invalid',
      { zh: '评分表内容无效，未保存', en: 'The score sheet is invalid; nothing was saved' },
      {
        errors: problems,
      },
    );
  }
}

/** Saves the caller's draft score sheet; a submitted sheet can no longer change. */
export async function saveSheet(
  input: {
    caller: Caller;
    tenderId: string;
    scores: ScoreSheet['scores'];
    disqualify: ScoreSheet['disqualify'];
  },
  deps: Deps,
): Promise<ScoreSheet> {
  const { tender, member } = await loadSeat(deps, input.caller, input.tenderId);
  assertMayScore(tender, member.status);
  checkSheetShape(tender, await validBids(deps, tender), input.scores, input.disqualify);
  const current = await deps.evaluations.getSheet(tender.id, member.expertId);
  if (current?.status === 'submitted') {
    throw new ConflictError({
      zh: '评分表已提交，不能修改',
      en: 'The score sheet was submitted and cannot change',
    });
  }
  const sheet: ScoreSheet = {
    tenderId: tender.id,
    expertId: member.expertId,
    scores: input.scores,
    disqualify: input.disqualify,
    status: 'draft',
    savedAt: deps.clock.now().toISOString(),
    version: (current?.version ?? 0) + 1,
  };
  await deps.evaluations.saveDraftSheet(sheet, current?.version ?? null);
  return sheet;
}

/**
 * Locks the caller's sheet: every valid bid scored on every criterion (comprehensive scoring), its
 * digest anchored in the tender's audit chain. When the last member submits, the report follows.
 */
export async function submitSheet(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<ScoreSheet> {
  const { tender, committee, member } = await loadSeat(deps, input.caller, input.tenderId);
  assertMayScore(tender, member.status);
  const current = await deps.evaluations.getSheet(tender.id, member.expertId);
  if (!current) throw new NotFoundError({ zh: '评分表草稿', en: 'A draft score sheet' });
  if (current.status === 'submitted') return current;
  const bids = await validBids(deps, tender);
  const excused = bidsExcusedFromScoring(committee, member.expertId);
  const missing =
    tender.content.evaluation.method === 'comprehensive'
      ? missingScores(
          tender,
          bids.filter((bid) => !excused.has(bid.id)),
          current,
        )
      : [];
  if (missing.length > 0) {
    throw new UnprocessableError(
      'sheet-incomplete',
      { zh: '评分表不完整，未提交', en: 'The score sheet is incomplete; not submitted' },
      {
        errors: missing.map((path) => ({ path, message: { zh: '缺少分值', en: 'Missing points' } })),
      },
    );
  }
  const at = deps.clock.now().toISOString();
  const digest = sha256Hex(canonicalJson({ scores: current.scores, disqualify: current.disqualify }));
  const sheet: ScoreSheet = {
    ...current,
    status: 'submitted',
    submittedAt: at,
    digest,
    version: current.version + 1,
  };
  const nextCommittee = replaceMember(committee, member.expertId, {
    ...member,
    status: 'submitted',
    submittedAt: at,
  });
  const updated = await applyChange(deps, tender, {
    action: 'recordEvaluationStep',
    at,
    eventType: 'evaluation.sheetSubmitted',
    actor: committeeActor(input.caller),
    data: { seat: seatOf(committee, member.expertId), sheetDigest: digest },
    related: {
      submittedSheet: { value: sheet, expectedVersion: current.version },
      committee: { value: nextCommittee, expectedVersion: committee.version },
    },
  });
  try {
    await finishIfReady(deps, updated, nextCommittee);
  } catch (error) {
    // The sheet is locked whatever happens next. Two last sheets racing: the other wrote the next
    // step. Anything else is logged for centre staff and the tick concludes it later
    // (concludeIfReady); the member's submission itself succeeded.
    if (!(error instanceof ConflictError))
      deps.logger.error('Evaluation could not be concluded', { error: error as Error, tenderId: tender.id });
  }
  return sheet;
}

/** Paths of every (bid, criterion) the sheet has not scored. */
function missingScores(tender: Tender, bids: Bid[], sheet: ScoreSheet): string[] {
  const missing: string[] = [];
  for (const bid of bids) {
    if (sheet.disqualify[bid.id]) continue;
    for (const criterion of criteriaOf(tender)) {
      if (sheet.scores[bid.id]?.[criterion.id] === undefined)
        missing.push(`scores.${bid.id}.${criterion.id}`);
    }
  }
  return missing;
}

/** What the locked sheets say: invalid bids, the qualified rest, and their scoring. */
interface Outcome {
  sheets: ScoreSheet[];
  invalidBids: EvaluationReport['invalidBids'];
  qualified: Bid[];
  failed: boolean;
  result: ScoringResult | null;
}

/**
 * Scores the locked sheets: bids a majority disqualified, and bids of a collusion sign the committee
 * found collusive, are invalid; the rest are scored (第55–57条).
 */
async function computeOutcome(
  deps: Deps,
  tender: Tender,
  committee: Committee,
  bids: Bid[],
): Promise<Outcome> {
  const sheets = (await deps.evaluations.listSheets(tender.id)).filter((sheet) =>
    committee.members.some((m) => m.expertId === sheet.expertId && m.status === 'submitted'),
  );
  const majority = Math.floor(sheets.length / 2) + 1;
  // A bid the committee found collusive is invalid (87号令第三十七条: 其投标无效), with that reason.
  const collusive = collusiveBidReasons(committee);
  const invalidBids = bids.flatMap((bid) => {
    const sheetReasons = sheets.map((s) => s.disqualify[bid.id]).filter((r): r is string => r !== undefined);
    const reasons = [
      ...(collusive.has(bid.id) ? [collusive.get(bid.id) as string] : []),
      ...(sheetReasons.length >= majority ? sheetReasons : []),
    ];
    return reasons.length > 0
      ? [{ bidId: bid.id, supplierName: bid.supplierName, reason: reasons.join('；') }]
      : [];
  });
  const invalid = new Set(invalidBids.map((b) => b.bidId));
  const qualified = bids.filter((bid) => !invalid.has(bid.id));
  const failed = qualified.length < minValidBids(tender);
  const { evaluation } = tender.content;
  const result: ScoringResult | null = failed
    ? null
    : scoreBids({
        method: evaluation.method,
        priceWeightPercent: evaluation.priceWeightPercent ?? 0,
        criteria: criteriaOf(tender),
        smallMicroDeductionPercent: smallMicroDeductionOf(tender).percent,
        bids: qualified.map((bid) => ({
          bidId: bid.id,
          supplierName: bid.supplierName,
          priceFen: bid.reveal?.priceFen ?? 0,
          scale: bid.supplierScale,
        })),
        sheets: sheets.map((sheet) => ({
          memberId: sheet.expertId,
          scores: Object.fromEntries(qualified.map((bid) => [bid.id, sheet.scores[bid.id] ?? {}])),
        })),
      });
  return { sheets, invalidBids, qualified, failed, result };
}

/**
 * Once every seated member has locked a sheet: if some scores are outliers not yet confirmed by the
 * members who gave them, flags them and waits; otherwise writes the report.
 *
 * Why wait: an outlier may be a slip of the keyboard; the member confirms it (with a note) before it
 * counts, and a locked sheet itself never changes.
 */
export async function finishIfReady(
  deps: Deps,
  tender: Tender,
  committee: Committee,
): Promise<Tender | undefined> {
  if (!allSheetsLocked(committee)) return undefined;
  const bids = await validBids(deps, tender);
  const outcome = await computeOutcome(deps, tender, committee, bids);
  const flagged = outcome.result?.outliers ?? [];
  const confirmed = new Set(committee.outlierReview?.confirmations.map((c) => c.expertId));
  const pending = flagged.filter((outlier) => !confirmed.has(outlier.memberId));
  if (pending.length > 0) {
    if (!committee.outlierReview) {
      await applyChange(deps, tender, {
        action: 'recordEvaluationStep',
        eventType: 'evaluation.outliersFlagged',
        actor: SYSTEM_ACTOR,
        // Only the count: who scored what stays in the committee until the report.
        data: { outliers: flagged.length },
        related: {
          committee: {
            value: {
              ...committee,
              outlierReview: { flagged, confirmations: [] },
              version: committee.version + 1,
            },
            expectedVersion: committee.version,
          },
        },
      });
    }
    return undefined;
  }
  return concludeEvaluation(deps, tender, committee, bids, outcome);
}

/** Whether every seat of the committee is filled by a member who has locked a sheet. */
function allSheetsLocked(committee: Committee): boolean {
  const active = committee.members.filter((m) => m.status !== 'recused');
  return active.length >= committee.size && active.every((m) => m.status === 'submitted');
}

/** Whether flagged outlier scores still wait for the confirmation of the members who gave them. */
function awaitsConfirmation(committee: Committee): boolean {
  const review = committee.outlierReview;
  if (!review) return false;
  const confirmed = new Set(review.confirmations.map((c) => c.expertId));
  return review.flagged.some((outlier) => !confirmed.has(outlier.memberId));
}

/**
 * The scheduler's retry of {@link finishIfReady}: concludes a tender in evaluation whose sheets are
 * all locked and whose outliers are all confirmed; undefined when it is not (or no longer) ready.
 *
 * Why: the last submission concludes in the same request, but if that step fails the member's
 * sheet stays locked and nothing else would ever conclude. Only the committee is read until the
 * tender is ready, and a tender already concluded is no longer evaluating, so repeating is harmless.
 */
export async function concludeIfReady(deps: Deps, listed: Tender): Promise<Tender | undefined> {
  if (listed.status !== 'evaluating') return undefined;
  const committee = await deps.evaluations.getCommittee(listed.id);
  if (!committee || !allSheetsLocked(committee) || awaitsConfirmation(committee)) return undefined;
  // The list may lag behind the table: decide on the tender as it is now.
  const tender = await deps.tenders.get(listed.id);
  if (tender?.status !== 'evaluating') return undefined;
  return finishIfReady(deps, tender, committee);
}

/**
 * A member confirms the outlier scores it gave, with a note; when every flagged member has, the
 * report follows.
 */
export async function confirmOutliers(
  input: { caller: Caller; tenderId: string; note: string },
  deps: Deps,
): Promise<{ confirmed: number; reportReady: boolean }> {
  const { tender, committee, member } = await loadSeat(deps, input.caller, input.tenderId);
  const review = committee.outlierReview;
  const mine = review?.flagged.filter((o) => o.memberId === member.expertId) ?? [];
  if (!review || mine.length === 0) {
    throw new NotFoundError({ zh: '需要您确认的异常评分', en: 'Outlier scores for you to confirm' });
  }
  if (review.confirmations.some((c) => c.expertId === member.expertId)) {
    throw new ConflictError({ zh: '您已确认', en: 'You have confirmed already' });
  }
  const next: Committee = {
    ...committee,
    outlierReview: {
      ...review,
      confirmations: [
        ...review.confirmations,
        { expertId: member.expertId, at: deps.clock.now().toISOString(), note: input.note },
      ],
    },
    version: committee.version + 1,
  };
  const updated = await applyChange(deps, tender, {
    action: 'recordEvaluationStep',
    eventType: 'evaluation.outliersConfirmed',
    actor: committeeActor(input.caller),
    data: { seat: seatOf(committee, member.expertId), count: mine.length },
    related: { committee: { value: next, expectedVersion: committee.version } },
  });
  const finished = await finishIfReady(deps, updated, next);
  return { confirmed: mine.length, reportReady: finished !== undefined };
}

/**
 * Builds the evaluation report (评标报告, 87号令第58条) from the locked sheets: bids a majority
 * disqualified are invalid with the reasons; the rest are ranked; with fewer than 3 qualified bids
 * the tender fails, otherwise it moves to awarding with 3 candidates.
 */
export async function concludeEvaluation(
  deps: Deps,
  tender: Tender,
  committee: Committee,
  bids: Bid[],
  outcome: Outcome,
): Promise<Tender> {
  const { sheets, invalidBids, qualified, failed, result } = outcome;
  const { evaluation } = tender.content;
  const confirmations = new Map(committee.outlierReview?.confirmations.map((c) => [c.expertId, c]));
  const byId = new Map(bids.map((bid) => [bid.id, bid]));
  const report: EvaluationReport = {
    tenderId: tender.id,
    method: evaluation.method,
    createdAt: deps.clock.now().toISOString(),
    members: committee.members.map((m) => ({ expertId: m.expertId, name: m.name, status: m.status })),
    sheets,
    invalidBids,
    base: result?.base ?? null,
    ranking: (result?.bids ?? []).map((scored) => ({
      ...scored,
      supplierOrgId: byId.get(scored.bidId)?.supplierOrgId ?? '',
      supplierScale: byId.get(scored.bidId)?.supplierScale ?? 'large',
    })),
    candidates: result?.candidates ?? [],
    outliers: (result?.outliers ?? []).map((outlier) => {
      const confirmation = confirmations.get(outlier.memberId);
      return confirmation ? { ...outlier, confirmedAt: confirmation.at, note: confirmation.note } : outlier;
    }),
    failed,
    failureReason: failed
      ? `合格投标不足${minValidBids(tender)}家（87号令第四十四条） / Fewer than ${minValidBids(tender)} qualified bids`
      : null,
  };
  return applyChange(deps, tender, {
    action: failed ? 'failEvaluation' : 'report',
    eventType: failed ? 'evaluation.failed' : 'evaluation.reported',
    actor: SYSTEM_ACTOR,
    // Digests and counts only: the ranking becomes public with the result notice (87号令第69条).
    data: {
      reportDigest: sha256Hex(canonicalJson(report)),
      candidateCount: report.candidates.length,
      invalidCount: invalidBids.length,
    },
    related: { report },
    mutate: (current, at) => ({ ...current, reportedAt: at }),
    notices: failed
      ? [
          failureNotice(tender, {
            zh: '合格投标',
            en: 'qualified',
            citation: '政府采购法第三十六条；87号令第四十四条',
            counts: { qualifiedCount: qualified.length },
          }),
        ]
      : [],
  });
}

/** The evaluation report: centre staff, the purchasing unit and the committee's members. */
export async function getReport(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<EvaluationReport> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  if (input.caller.role === 'purchaser' && tender.orgId !== input.caller.orgId) throw new ForbiddenError();
  if (input.caller.role === 'expert') await loadSeat(deps, input.caller, input.tenderId);
  const report = await deps.evaluations.getReport(tender.id);
  if (!report) throw new NotFoundError({ zh: '评标报告', en: 'Evaluation report' });
  if (input.caller.role === 'centre' || resultPublished(tender)) return report;
  // Before the result notice only centre staff learn who sat on the committee (87号令第47条).
  const seats = new Map(report.members.map((m, i) => [m.expertId, `seat-${i + 1}`]));
  const anonymous = (id: string) => seats.get(id) ?? 'seat';
  return {
    ...report,
    members: report.members.map((m) => ({ ...m, expertId: anonymous(m.expertId), name: '' })),
    sheets: report.sheets.map((sheet) => ({ ...sheet, expertId: anonymous(sheet.expertId) })),
    outliers: report.outliers.map((o) => ({ ...o, memberId: anonymous(o.memberId) })),
  };
}

/** Whether the result notice is out: the award has been made (it is published in the same step). */
function resultPublished(tender: Tender): boolean {
  return tender.status === 'awarded' || tender.status === 'complete';
}

/**
 * A bidder's own score and rank, and nothing of anyone else's (87号令第69条 tells losing bidders
 * their own score and rank).
 */
export async function getMyResult(input: { caller: Caller; tenderId: string }, deps: Deps) {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const report = resultPublished(tender) ? await deps.evaluations.getReport(tender.id) : null;
  if (!report) {
    throw new NotFoundError({
      zh: '评审结果（结果公告发布后可查）',
      en: 'Evaluation result (after the result notice)',
    });
  }
  const bids = await deps.bids.listBids(tender.id);
  const myBid = bids.find((bid) => bid.supplierOrgId === input.caller.orgId && bid.status === 'submitted');
  if (!myBid) throw new NotFoundError({ zh: '您的评审结果', en: 'Your evaluation result' });
  const line = report.ranking.find((entry) => entry.bidId === myBid.id);
  if (!line) {
    const invalid = report.invalidBids.find((entry) => entry.bidId === myBid.id);
    return {
      tenderId: tender.id,
      bidId: myBid.id,
      qualified: false,
      reason: invalid?.reason ?? '开标时无效 / invalid at the opening',
    };
  }
  return {
    tenderId: tender.id,
    bidId: myBid.id,
    qualified: true,
    total: line.total,
    priceScore: line.priceScore,
    criteriaScores: line.criteriaScores,
    rank: line.rank,
    tied: line.tied,
    of: report.ranking.length,
  };
}
