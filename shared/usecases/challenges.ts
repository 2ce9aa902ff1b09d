import type { z } from 'zod';
import { chinaDate } from '../domain/calendar';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import {
  type ChallengeStart,
  challengeStartDay,
  clockEndsAt,
  clockLastDay,
  clockLastDayFrom,
  refuseChallenge,
  rightsClockRule,
} from '../domain/rights';
import { findRule } from '../domain/rules';
import type { Deps } from '../ports/deps';
import type {
  AnswerChallengeBodySchema,
  Challenge,
  ChallengeView,
  FileChallengeBodySchema,
} from '../schemas/challenge';
import type { Tender } from '../schemas/tender';
import { countOnCalendar } from './calendar';
import { supplierRightActor, withFreshTender } from './enquiries';
import { requireProfile } from './suppliers';
import { applyChange, type Caller, loadOwnTender, loadPublishedTender } from './tender-change';

/** The rules-table row of the contract held while a challenge may affect the result. */
export const CONTRACT_HOLD_RULE = 'challenge.contract-hold';

/** Whether a challenge may still affect the result: unanswered, or upheld (实施条例第五十四条). */
export function blocksContract(challenge: Challenge): boolean {
  return challenge.answer === null || challenge.answer.outcome === 'upheld';
}

/** A challenge as its readers see it, by the server's clock. */
function toView(challenge: Challenge, now: Date): ChallengeView {
  return {
    ...challenge,
    status: challenge.answer ? 'answered' : 'pending',
    overdue: challenge.answer ? challenge.answer.late : now.getTime() > Date.parse(challenge.answerDueAt),
    blocksContract: blocksContract(challenge),
  };
}

/** A list with the counts of challenges waiting and overdue. */
function listOf(items: ChallengeView[]) {
  const waiting = items.filter((item) => item.status === 'pending');
  return { items, pending: waiting.length, overdue: waiting.filter((item) => item.overdue).length };
}

/** The instant a step of the procedure ended, if it has (实施条例第五十三条第二项). */
function stepEndedAt(tender: Tender, step: 'opening' | 'evaluation' | undefined): string | undefined {
  if (step === 'evaluation') return tender.reportedAt;
  if (step === 'opening') {
    // The opening ends when the confirmation window closes; the tender has then left `opening`
    const over = !['tendering', 'opening'].includes(tender.status);
    return over ? (tender.opening?.confirmationEndsAt ?? tender.opening?.recordPublishedAt) : undefined;
  }
  return undefined;
}

/**
 * A participating supplier files a challenge (质疑函, 94号令第十二条) about the documents, the process
 * or the result, within 7 working days of the day it knew or should have known (政府采购法第五十二条;
 * 实施条例第五十三条; 94号令第十条、第十一条): a late one is refused with its last day. The answer is
 * due 7 working days after it is received (94号令第十三条).
 *
 * Why the chain's actor carries no organisation: before the deadline the names of the suppliers who
 * obtained the documents are secret (87号令第二十八条), and the audit chain is public; the challenge
 * itself names its supplier to the purchasing unit and the centre.
 */
export async function fileChallenge(
  input: { caller: Caller; tenderId: string; body: z.output<typeof FileChallengeBodySchema> },
  deps: Deps,
): Promise<ChallengeView> {
  const [tender, registration, profile] = await Promise.all([
    loadPublishedTender(deps, input.tenderId),
    deps.bids.getRegistration(input.tenderId, input.caller.orgId),
    requireProfile(deps, input.caller),
  ]);
  if (tender.content.tradeType !== 'governmentProcurement') {
    refuseChallenge('tenderId', {
      zh: '质疑与投诉程序适用于政府采购项目；土地、矿业权出让请按出让公告所列方式提出异议',
      en: 'Challenges apply to government procurement; object to a transfer as its notice says',
    });
  }
  if (!registration) {
    throw new ForbiddenError({
      zh: '只有参与该项目采购活动（已报名获取采购文件）的供应商可以提出质疑（94号令第十一条）',
      en: 'Only a supplier that took part (registered and obtained the documents) may challenge (94号令第十一条)',
    });
  }
  const { body } = input;
  const notices = body.subject === 'result' ? await deps.tenders.listTenderNotices(tender.id) : [];
  const resultPublishedAt = notices.filter((n) => n.type === 'result').at(-1)?.publishedAt;
  if (body.subject === 'result' && !resultPublishedAt) {
    refuseChallenge('body.subject', {
      zh: '本项目尚未公告中标（成交）结果，无结果可质疑',
      en: 'No result has been published for this tender yet',
    });
  }
  const filedAt = deps.clock.now().toISOString();
  const today = chinaDate(new Date(filedAt));
  const { start, lastDay, answerDueOn, answerDueAt } = await countOnCalendar(deps, (calendar) => {
    const counted: ChallengeStart | null = challengeStartDay(
      body.subject,
      {
        documentsUntil: tender.content.timeline.documentsUntil,
        obtainedAt: registration.registeredAt,
        stepEndedAt: stepEndedAt(tender, body.step),
        resultPublishedAt,
      },
      calendar,
    );
    return {
      start: counted,
      lastDay: counted ? clockLastDayFrom('challengeWindow', counted.day, calendar) : null,
      answerDueOn: clockLastDay('challengeAnswer', filedAt, calendar),
      answerDueAt: clockEndsAt('challengeAnswer', filedAt, calendar),
    };
  });
  if (start && lastDay && today > lastDay) {
    refuseChallenge('body.subject', {
      zh: `质疑期已于 ${lastDay} 届满（自${start.basis.zh} ${start.day} 起7个工作日）`,
      en: `The challenge period ended on ${lastDay} (7 working days from ${start.basis.en}, ${start.day})`,
    });
  }
  const challenge: Challenge = {
    id: deps.newId(),
    tenderId: tender.id,
    tenderTitle: tender.content.title,
    supplierOrgId: input.caller.orgId,
    supplierName: profile.name,
    subject: body.subject,
    step: body.subject === 'process' ? (body.step ?? null) : null,
    matters: body.matters,
    facts: body.facts,
    legalBasis: body.legalBasis,
    contact: body.contact,
    filedAt,
    window: start && lastDay ? { startDay: start.day, basis: start.basis.zh, lastDay } : null,
    answerDueOn,
    answerDueAt,
    answer: null,
    version: 1,
  };
  await withFreshTender(
    deps,
    tender,
    () => loadPublishedTender(deps, input.tenderId),
    (current) =>
      applyChange(deps, current, {
        action: 'supplierRight',
        eventType: 'challenge.filed',
        actor: supplierRightActor(input.caller),
        at: filedAt,
        data: {
          challengeId: challenge.id,
          subject: challenge.subject,
          step: challenge.step,
          letterSha256: sha256Hex(
            canonicalJson({ matters: body.matters, facts: body.facts, legalBasis: body.legalBasis }),
          ),
          answerDueAt,
          rule: rightsClockRule('challengeWindow').id,
        },
        related: { challenge: { value: challenge, expectedVersion: null } },
      }),
  );
  return toView(challenge, deps.clock.now());
}

/**
 * The purchasing unit answers a challenge (质疑答复, 94号令第十五条): rejected, upheld without effect
 * on the result, or upheld with its remedy (94号令第十六条); a late answer is recorded and marked.
 */
export async function answerChallenge(
  input: {
    caller: Caller;
    tenderId: string;
    challengeId: string;
    body: z.output<typeof AnswerChallengeBodySchema>;
  },
  deps: Deps,
): Promise<ChallengeView> {
  const first = await loadOwnTender(deps, input.caller, input.tenderId);
  const saved = await withFreshTender(
    deps,
    first,
    () => loadOwnTender(deps, input.caller, input.tenderId),
    async (tender): Promise<Challenge> => {
      const challenge = await deps.rights.getChallenge(tender.id, input.challengeId);
      if (!challenge) throw new NotFoundError({ zh: '质疑', en: 'Challenge' });
      if (challenge.answer)
        throw new ConflictError({ zh: '该质疑已答复', en: 'This challenge has been answered' });
      const answeredAt = deps.clock.now().toISOString();
      const next: Challenge = {
        ...challenge,
        answer: {
          outcome: input.body.outcome,
          reply: input.body.reply,
          remedy: input.body.remedy ?? null,
          committeeAssisted: input.body.committeeAssisted,
          answeredAt,
          answeredBy: tender.content.purchasingUnitName,
          late: Date.parse(answeredAt) > Date.parse(challenge.answerDueAt),
        },
        version: challenge.version + 1,
      };
      await applyChange(deps, tender, {
        action: 'supplierRight',
        eventType: 'challenge.answered',
        actor: input.caller,
        at: answeredAt,
        data: {
          challengeId: challenge.id,
          outcome: input.body.outcome,
          remedy: input.body.remedy ?? null,
          late: next.answer?.late ?? false,
          answerSha256: sha256Hex(canonicalJson(next.answer)),
        },
        related: { challenge: { value: next, expectedVersion: challenge.version } },
      });
      return next;
    },
  );
  return toView(saved, deps.clock.now());
}

/**
 * The challenges of a tender its caller may read: the purchasing unit (owner) and the centre all of
 * them; a supplier its own, and after the deadline the answered ones of the tender it took part in
 * (the answer goes to the other suppliers concerned, 94号令第十三条; before the deadline their names
 * stay secret, 87号令第二十八条).
 */
export async function listChallenges(input: { caller: Caller; tenderId: string }, deps: Deps) {
  const { caller } = input;
  const tender =
    caller.role === 'purchaser'
      ? await loadOwnTender(deps, caller, input.tenderId)
      : await loadPublishedTender(deps, input.tenderId);
  const [challenges, registration] = await Promise.all([
    deps.rights.listChallenges(tender.id),
    caller.role === 'supplier' ? deps.bids.getRegistration(tender.id, caller.orgId) : Promise.resolve(null),
  ]);
  const now = deps.clock.now();
  const afterDeadline = now.getTime() >= Date.parse(tender.content.timeline.bidDeadline);
  const visible =
    caller.role === 'supplier'
      ? challenges.filter(
          (c) => c.supplierOrgId === caller.orgId || (registration && afterDeadline && c.answer !== null),
        )
      : challenges;
  return listOf(visible.map((challenge) => toView(challenge, now)));
}

/**
 * Refuses to record the contract while a challenge may still affect the result (实施条例第五十四条):
 * one not yet answered, or one upheld (its remedy redoes the award or the procurement).
 */
export async function assertNoChallengeHoldsContract(deps: Deps, tender: Tender): Promise<void> {
  const holding = (await deps.rights.listChallenges(tender.id)).filter(blocksContract);
  if (holding.length === 0) return;
  const first = holding[0] as Challenge;
  throw new RuleViolationError([
    {
      path: 'tenderId',
      rule: CONTRACT_HOLD_RULE,
      citation: findRule(CONTRACT_HOLD_RULE)?.citation ?? '实施条例第五十四条',
      message: first.answer
        ? {
            zh: `质疑已成立且影响结果（${first.supplierName}，${first.filedAt.slice(0, 10)}），须依法处理后方可签订合同`,
            en: 'A challenge was upheld and affects the result: the remedy comes before the contract',
          }
        : {
            zh: `有 ${holding.length} 件质疑尚未答复，暂停签订合同（答复期限 ${first.answerDueOn}）`,
            en: `${holding.length} challenge(s) not yet answered: the contract waits (answer due ${first.answerDueOn})`,
          },
    },
  ]);
}
