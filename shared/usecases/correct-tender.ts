import { RuleViolationError, ValidationError } from '../domain/errors';
import { nextStatus } from '../domain/lifecycle';
import { procedureOf } from '../domain/procedures';
import { assertPublishable, planCorrection } from '../domain/rules';
import type { Deps } from '../ports/deps';
import type { Correction, Tender, TenderDocument } from '../schemas/tender';
import { countOnCalendar } from './calendar';
import {
  applyChange,
  type Caller,
  checkExpectedVersion,
  loadOwnTender,
  verifyDocuments,
} from './tender-change';
import { openingAuctionState } from './transfers';

/** Input of {@link correctTender}. */
export interface CorrectTenderInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** What the correction changes. */
  correction: Correction;
  /** The version the caller edited from (its If-Match), if it sent one. */
  expectedVersion?: number | undefined;
}

/** Splits the correction's document changes into verified additions and removals, or fails. */
function pickDocuments(
  tender: Tender,
  correction: Correction,
): { add: TenderDocument[]; remove: Set<string> } {
  const problems: { path: string; message: { zh: string; en: string } }[] = [];
  const add = correction.addDocumentIds.flatMap((id, i) => {
    const doc = tender.documents.find((d) => d.id === id && !d.active);
    if (!doc) {
      problems.push({
        path: `body.addDocumentIds.${i}`,
        message: { zh: '不是本项目待加入的文件', en: 'Not a pending document of this tender' },
      });
    }
    return doc ? [doc] : [];
  });
  correction.removeDocumentIds.forEach((id, i) => {
    if (!tender.documents.some((d) => d.id === id && d.active)) {
      problems.push({
        path: `body.removeDocumentIds.${i}`,
        message: { zh: '不是本项目的现行文件', en: 'Not an active document of this tender' },
      });
    }
  });
  if (problems.length > 0) {
    throw new ValidationError(
      { zh: '更正所列文件无效', en: 'The correction lists invalid documents' },
      problems,
    );
  }
  return { add, remove: new Set(correction.removeDocumentIds) };
}

/**
 * Issues a correction notice (更正公告) on a tendering tender.
 *
 * Why the deadline may move by itself: a change that can affect bid preparation made fewer than
 * 15 days before the deadline must push the deadline out (87号令第27条); the notice says so.
 */
export async function correctTender(input: CorrectTenderInput, deps: Deps): Promise<Tender> {
  const { correction } = input;
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  checkExpectedVersion(tender, input.expectedVersion);
  nextStatus(tender.status, 'correct');
  const now = deps.clock.now();
  if (correction.bidDeadline && new Date(correction.bidDeadline).getTime() <= now.getTime()) {
    throw new ValidationError(
      { zh: '新的投标截止时间须晚于当前时间', en: 'The new bid deadline must be in the future' },
      [{ path: 'body.bidDeadline', message: { zh: '截止时间已过', en: 'This instant has passed' } }],
    );
  }
  // A live transfer is corrected by a supplementary notice before its listing starts (福建网上交易规则第十一条)
  const live = procedureOf(tender.content).liveQuotes;
  if (live && now.getTime() >= Date.parse(tender.content.timeline.documentsFrom)) {
    throw new RuleViolationError([
      {
        path: 'tenderId',
        rule: 'transfer.supplementary-notice',
        citation: '福建省国有建设用地使用权出让网上交易规则（试行）第十一条',
        message: {
          zh: '挂牌出让公告只能在挂牌交易起始前以补充公告变更',
          en: 'A transfer notice can be changed only by a supplementary notice before the listing starts',
        },
      },
    ]);
  }
  const docs = pickDocuments(tender, correction);
  const documentsChanged = docs.add.length > 0 || docs.remove.size > 0;
  const affectsBidPreparation =
    correction.affectsBidPreparation ?? (documentsChanged || correction.evaluation !== undefined);
  // The roll-over and the re-check count on the package's years, or with the loaded ones past them.
  const { plan, content } = await countOnCalendar(deps, (calendar) => {
    const plan = planCorrection({
      currentDeadline: tender.content.timeline.bidDeadline,
      requestedDeadline: correction.bidDeadline,
      affectsBidPreparation,
      correctionAt: now,
      calendar,
    });
    const content = {
      ...tender.content,
      description: correction.description ?? tender.content.description,
      evaluation: correction.evaluation ?? tender.content.evaluation,
      timeline: {
        ...tender.content.timeline,
        bidDeadline: plan.bidDeadline,
        documentsUntil: correction.documentsUntil ?? tender.content.timeline.documentsUntil,
      },
    };
    assertPublishable(content, new Date(tender.publishedAt ?? now), calendar);
    return { plan, content };
  });
  const added = await verifyDocuments(
    deps,
    tender.id,
    docs.add,
    now.toISOString(),
    (i) => `body.addDocumentIds.${i}`,
  );
  const addedById = new Map(added.map((doc) => [doc.id, { ...doc, active: true }]));
  const deadlineChange = { from: tender.content.timeline.bidDeadline, to: plan.bidDeadline };
  const summary = {
    summary: correction.summary,
    affectsBidPreparation,
    bidDeadline: deadlineChange,
    deadlineExtended: plan.extended,
    rule: plan.rule ?? null,
    addedDocuments: added.map(({ id, fileName, sha256 }) => ({ id, fileName, sha256 })),
    removedDocumentIds: [...docs.remove],
    evaluationChanged: correction.evaluation !== undefined,
    documentsUntil: correction.documentsUntil ?? null,
  };
  return applyChange(deps, tender, {
    action: 'correct',
    eventType: 'tender.corrected',
    actor: input.caller,
    data: summary,
    mutate: (current) => ({
      ...current,
      content,
      // The quoting windows follow the corrected timeline (no quote can exist before the listing)
      ...(live ? { auction: openingAuctionState({ ...current, content }) } : {}),
      correctionCount: current.correctionCount + 1,
      ...(affectsBidPreparation ? { lastAffectingCorrectionAt: now.toISOString() } : {}),
      documents: current.documents.map((doc) =>
        docs.remove.has(doc.id) ? { ...doc, active: false } : (addedById.get(doc.id) ?? doc),
      ),
    }),
    notices: [{ type: 'correction', title: `${tender.content.title}更正公告`, body: summary }],
  });
}
