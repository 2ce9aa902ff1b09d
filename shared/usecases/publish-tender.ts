import type { Deps } from '../adapters/deps';
import { UnprocessableError } from '../domain/errors';
import { nextStatus } from '../domain/lifecycle';
import { formatWanYuan } from '../domain/money';
import { assertPublishable } from '../domain/rules';
import type { Tender } from '../schemas/tender';
import { countOnCalendar } from './calendar';
import { applyChange, type Caller, checkIfMatch, loadOwnTender, verifyDocuments } from './tender-change';

/** Input of {@link publishTender}. */
export interface PublishTenderInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** The If-Match header, if sent. */
  ifMatch?: string | undefined;
}

/**
 * Publishes a draft: checks the state, the rules of its method and every document, then puts out
 * the procurement notice (采购公告) in the same transaction.
 *
 * Why this order: the cheap checks fail first, and nothing is written unless all pass.
 */
export async function publishTender(input: PublishTenderInput, deps: Deps): Promise<Tender> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  checkIfMatch(tender, input.ifMatch);
  nextStatus(tender.status, 'publish');
  const now = deps.clock.now();
  await countOnCalendar(deps, (calendar) => assertPublishable(tender.content, now, calendar));
  const active = tender.documents.filter((doc) => doc.active);
  if (active.length === 0) {
    throw new UnprocessableError('documents-required', {
      zh: '发布前须上传至少一份招标（采购）文件',
      en: 'Upload at least one tender document before publishing',
    });
  }
  const verified = await verifyDocuments(deps, tender.id, active, now.toISOString());
  const byId = new Map(verified.map((doc) => [doc.id, doc]));
  const { content } = tender;
  return applyChange(deps, tender, {
    action: 'publish',
    eventType: 'tender.published',
    actor: input.caller,
    data: { documents: verified.map(({ id, sha256 }) => ({ id, sha256 })) },
    mutate: (current, at) => ({
      ...current,
      publishedAt: at,
      documents: current.documents.map((doc) => byId.get(doc.id) ?? doc),
    }),
    notices: [
      {
        type: 'procurement',
        title: `${content.title}采购公告`,
        body: {
          budgetFen: content.budgetFen ?? null,
          budget: content.budgetFen === undefined ? null : formatWanYuan(content.budgetFen),
          reservePriceFen: content.reservePriceFen ?? null,
          qualifications: content.qualifications,
          sme: content.sme,
          evaluationMethod: content.evaluation.method,
          timeline: content.timeline,
          documents: verified.map(({ id, fileName, sha256, size }) => ({ id, fileName, sha256, size })),
        },
      },
    ],
  });
}
