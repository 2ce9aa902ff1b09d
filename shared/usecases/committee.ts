import {
  COMMITTEE_RULES,
  committeeRequirement,
  drawCommittee as drawFromPool,
  filterEligible,
  generateSeed,
  validateCommitteePlan,
  verifyDraw,
} from '../domain/committee';
import { ForbiddenError, NotFoundError, RuleViolationError, UnprocessableError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import type { Deps } from '../ports/deps';
import type { Actor } from '../schemas/audit';
import type { Committee, CommitteeMember, CommitteeRequirement } from '../schemas/evaluation';
import type { Expert } from '../schemas/expert';
import type { Tender } from '../schemas/tender';

import { applyChange, type Caller, loadPublishedTender } from './tender-change';

/** What the body of a draw asks for. */
export interface DrawRequest {
  /** Members to draw. */
  size: number;
  /** Reserves to draw behind them. */
  reserveSize: number;
  /** Specialties (at least one must match). */
  specialties: string[];
  /** Regions whose pools take part (another city's included: 远程异地评审). */
  regions?: string[] | undefined;
}

/** Requires a tender in evaluation. */
function assertEvaluating(tender: Tender): void {
  if (tender.status !== 'evaluating') {
    throw new UnprocessableError('not-evaluating', {
      zh: '只有进入评审阶段的项目才能抽取评标委员会或评审',
      en: 'Only a tender in evaluation has a committee to draw or to score',
    });
  }
}

function toMember(expert: Expert, fromReserve: boolean): CommitteeMember {
  return {
    expertId: expert.id,
    userSub: expert.userSub,
    name: expert.name,
    region: expert.region,
    status: 'drawn',
    fromReserve,
  };
}

/**
 * Draws the committee at random from the pool (87号令第47–48条; 实施条例第39条): size checked
 * against the rules for the method and budget, everyone related to the purchasing unit or a bidder
 * excluded (实施条例第9条), suspended and removed experts excluded, plus reserves.
 *
 * Why a recorded seed and snapshot: anyone entitled can re-run the same deterministic algorithm
 * over the same eligible list and get the same committee; too few eligible experts is refused.
 */
export async function drawCommittee(
  input: { caller: Caller; tenderId: string; request: DrawRequest },
  deps: Deps,
): Promise<Committee> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  assertEvaluating(tender);
  if (await deps.evaluations.getCommittee(tender.id)) {
    throw new UnprocessableError('committee-exists', {
      zh: '评标委员会已抽取',
      en: 'The committee was drawn already',
    });
  }
  const { method, category, budgetFen } = tender.content;
  const budget = budgetFen ?? tender.content.reservePriceFen ?? 0;
  const issues = validateCommitteePlan({
    method,
    category,
    budgetFen: budget,
    size: input.request.size,
    purchaserRepresentatives: 0,
  });
  if (issues.length > 0)
    throw new RuleViolationError(issues.map((issue) => ({ ...issue, path: `body.${issue.path}` })));
  const requirement = committeeRequirement(method, category, budget);
  const record = await deps.bids.getOpeningRecord(tender.id);
  const conflictOrgIds = [tender.orgId, ...(record?.entries.map((entry) => entry.supplierOrgId) ?? [])];
  const at = deps.clock.now().toISOString();
  const pool = await deps.evaluations.listAllExperts();
  const { eligible, excluded } = filterEligible(pool, {
    specialties: input.request.specialties,
    ...(input.request.regions ? { regions: input.request.regions } : {}),
    conflictOrgIds,
    at,
  });
  // Always the server's own randomness: a caller-chosen seed could be tried offline until it drew
  // the experts the caller wanted, and the draw would still verify.
  const seed = generateSeed();
  const draw = drawFromPool({
    seed,
    eligible,
    size: input.request.size,
    reserveSize: input.request.reserveSize,
  });
  const byId = new Map(pool.map((expert) => [expert.id, expert]));
  const pick = (id: string) => {
    const expert = byId.get(id);
    if (!expert) throw new Error(`drawn expert ${id} is not in the pool`);
    return expert;
  };
  const committee: Committee = {
    tenderId: tender.id,
    seed,
    snapshot: { eligibleIds: eligible.map((expert) => expert.id).sort(), digest: draw.snapshotDigest },
    criteria: {
      specialties: input.request.specialties,
      ...(input.request.regions ? { regions: input.request.regions } : {}),
    },
    size: input.request.size,
    reserveSize: input.request.reserveSize,
    drawnMembers: draw.members,
    drawnReserves: draw.reserves,
    members: draw.members.map((id) => toMember(pick(id), false)),
    reserves: draw.reserves,
    excluded: excluded.map((exclusion) => ({ expertId: exclusion.expertId, reason: exclusion.reason })),
    rule: requirement.rule,
    drawnAt: at,
    drawnBy: input.caller.sub,
    version: 1,
  };
  await applyChange(deps, tender, {
    action: 'recordEvaluationStep',
    at,
    eventType: 'committee.drawn',
    actor: input.caller,
    // Ids and digests only: names stay secret until the result notice.
    data: {
      seed,
      snapshotDigest: draw.snapshotDigest,
      eligibleCount: eligible.length,
      size: committee.size,
      reserveSize: committee.reserveSize,
      committeeDigest: sha256Hex(canonicalJson({ members: draw.members, reserves: draw.reserves })),
      rule: requirement.rule,
    },
    related: { committee: { value: committee, expectedVersion: null }, assignments: draw.members },
  });
  return committee;
}

/** What a caller may see of a committee: centre staff everything; others sizes and statuses only. */
export type CommitteeView =
  | Committee
  | (Omit<
      Committee,
      | 'members'
      | 'reserves'
      | 'drawnMembers'
      | 'drawnReserves'
      | 'excluded'
      | 'outlierReview'
      | 'collusionFindings'
      | 'drawnBy'
    > & {
      members: { status: string; fromReserve: boolean }[];
    });

/**
 * Reads a tender's committee. Member names stay hidden from everyone but centre staff until the
 * result notice (87号令第47条 and the confidentiality of 第48条).
 *
 * Before the draw the 404 carries the committee the rules require (`requirement`, null for a method
 * that draws none), so staff see the size before they choose it.
 */
export async function getCommittee(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<CommitteeView> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  if (input.caller.role === 'purchaser' && tender.orgId !== input.caller.orgId) throw new ForbiddenError();
  const committee = await deps.evaluations.getCommittee(tender.id);
  if (!committee) {
    const { method, category, budgetFen } = tender.content;
    let requirement: CommitteeRequirement | null = null;
    try {
      // The same budget the draw checks its size against
      const found = committeeRequirement(method, category, budgetFen ?? tender.content.reservePriceFen ?? 0);
      const row = COMMITTEE_RULES.find((rule) => rule.id === found.rule.id);
      if (row?.kind === 'committeeSize') {
        requirement = {
          minSize: found.minSize,
          odd: row.odd,
          minExperts: found.minExperts(found.minSize),
          rule: found.rule,
          title: { zh: row.title.zh, en: row.title.en },
        };
      }
    } catch (error) {
      if (!(error instanceof UnprocessableError && error.type === 'committee-not-drawn')) throw error;
    }
    throw new NotFoundError({ zh: '评标委员会', en: 'Committee' }, { extensions: { requirement } });
  }
  if (input.caller.role === 'centre') return committee;
  const {
    members,
    reserves: _r,
    drawnMembers: _m,
    drawnReserves: _d,
    excluded: _e,
    outlierReview: _o,
    collusionFindings: _c,
    drawnBy: _b,
    snapshot,
    ...rest
  } = committee;
  // Who was eligible, drawn or flagged, and which staff member drew, stays with centre staff;
  // others see sizes, statuses and digests.
  return {
    ...rest,
    snapshot: { eligibleIds: [], digest: snapshot.digest },
    members: members.map(({ status, fromReserve }) => ({ status, fromReserve })),
  };
}

/**
 * Re-runs the draw over the recorded snapshot and seed and compares it with the recorded committee.
 *
 * Why: the platform's promise that the draw was random is checkable, not a matter of trust.
 */
export async function verifyCommitteeDraw(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<{
  valid: boolean;
  reason: string | null;
  seed: string;
  snapshotDigest: string;
  eligibleCount: number;
}> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  if (input.caller.role === 'purchaser' && tender.orgId !== input.caller.orgId) throw new ForbiddenError();
  const committee = await deps.evaluations.getCommittee(tender.id);
  if (!committee) throw new NotFoundError({ zh: '评标委员会', en: 'Committee' });
  const result = verifyDraw({
    seed: committee.seed,
    eligibleIds: committee.snapshot.eligibleIds,
    size: committee.size,
    reserveSize: committee.reserveSize,
    members: committee.drawnMembers,
    reserves: committee.drawnReserves,
    snapshotDigest: committee.snapshot.digest,
  });
  return {
    valid: result.valid,
    reason: result.reason ?? null,
    seed: committee.seed,
    snapshotDigest: committee.snapshot.digest,
    eligibleCount: committee.snapshot.eligibleIds.length,
  };
}

/** Loads the committee and the caller's own seat in it, or 404 (nobody learns of other seats). */
export async function loadSeat(
  deps: Deps,
  caller: Caller,
  tenderId: string,
): Promise<{ tender: Tender; committee: Committee; member: CommitteeMember }> {
  const tender = await loadPublishedTender(deps, tenderId);
  const committee = await deps.evaluations.getCommittee(tender.id);
  const member = committee?.members.find((m) => m.userSub === caller.sub && m.status !== 'recused');
  if (!committee || !member)
    throw new NotFoundError({ zh: '您的评审任务', en: 'Your evaluation assignment' });
  return { tender, committee, member };
}

/**
 * A member's conflict-of-interest declaration (回避声明). No conflict: the member may score. A
 * declared conflict: the member is replaced by the first reserve, and nothing else is voided
 * (87号令第49条).
 */
export async function declareConflict(
  input: { caller: Caller; tenderId: string; conflict: boolean; detail?: string | undefined },
  deps: Deps,
): Promise<{ status: CommitteeMember['status']; replacedBy: string | null }> {
  const { tender, committee, member } = await loadSeat(deps, input.caller, input.tenderId);
  assertEvaluating(tender);
  if (member.status !== 'drawn') {
    throw new UnprocessableError('already-declared', {
      zh: '您已作出回避声明',
      en: 'You have declared already',
    });
  }
  const at = deps.clock.now().toISOString();
  if (!input.conflict) {
    const next = replaceMember(committee, member.expertId, { ...member, status: 'declared', declaredAt: at });
    await applyChange(deps, tender, {
      action: 'recordEvaluationStep',
      at,
      eventType: 'committee.declared',
      actor: committeeActor(input.caller),
      data: { seat: seatOf(committee, member.expertId), conflict: false },
      related: { committee: { value: next, expectedVersion: committee.version } },
    });
    return { status: 'declared', replacedBy: null };
  }
  const reserveId = committee.reserves[0];
  if (!reserveId) {
    throw new UnprocessableError('no-reserve', {
      zh: '没有候补专家可替换，请中心工作人员补抽（87号令第四十九条）',
      en: 'No reserve expert is left; centre staff must draw a replacement (87号令第四十九条)',
    });
  }
  const reserve = await deps.evaluations.getExpert(reserveId);
  if (!reserve) throw new Error(`reserve expert ${reserveId} is missing`);
  const recused: CommitteeMember = {
    ...member,
    status: 'recused',
    recusedAt: at,
    recusalReason: input.detail ?? '',
    replacedBy: reserve.id,
  };
  const next: Committee = {
    ...replaceMember(committee, member.expertId, recused),
    reserves: committee.reserves.slice(1),
  };
  next.members = [...next.members, toMember(reserve, true)];
  await applyChange(deps, tender, {
    action: 'recordEvaluationStep',
    at,
    eventType: 'committee.memberReplaced',
    actor: committeeActor(input.caller),
    data: {
      seat: seatOf(committee, member.expertId),
      replacement: seatOf(committee, reserve.id),
      citation: '87号令第四十九条',
    },
    related: { committee: { value: next, expectedVersion: committee.version }, assignments: [reserve.id] },
  });
  return { status: 'recused', replacedBy: reserve.id };
}

/**
 * How the public audit log names a committee member: a digest of the draw's seed and the expert's
 * id, so the log stays checkable without telling anyone who sits on the committee (87号令第47条).
 */
export function seatOf(committee: Committee, expertId: string): string {
  return sha256Hex(`${committee.seed}|seat|${expertId}`).slice(0, 16);
}

/** The actor recorded for committee members' steps in the public audit log. */
export const COMMITTEE_ACTOR = { sub: 'committee-member', role: 'expert' } as const;

/**
 * A committee member's step as an actor: the public sees only {@link COMMITTEE_ACTOR}'s role (no
 * organisation), the restricted record keeps the member's subject and network address.
 *
 * Why both: the public log must not tell who sits on the committee (87号令第47条), and the
 * platform must still record who did each step and from where (电子招标投标办法第四十九条).
 */
export function committeeActor(caller: Caller): Actor {
  return {
    sub: caller.sub,
    role: COMMITTEE_ACTOR.role,
    ...(caller.sourceIp !== undefined ? { sourceIp: caller.sourceIp } : {}),
  };
}

/** The committee with one member's seat replaced and the version moved on. */
export function replaceMember(committee: Committee, expertId: string, seat: CommitteeMember): Committee {
  return {
    ...committee,
    members: committee.members.map((m) => (m.expertId === expertId && m.status !== 'recused' ? seat : m)),
    version: committee.version + 1,
  };
}
