import { RuleViolationError, UnprocessableError } from '../domain/errors';
import { nextStatus } from '../domain/lifecycle';
import { formatWanYuan } from '../domain/money';
import { procedureOf } from '../domain/procedures';
import type { Deps } from '../ports/deps';
import type { Tender } from '../schemas/tender';
import {
  DOCUMENTS_REQUIRED,
  DOCUMENTS_REQUIRED_RULE,
  findPublicationViolations,
  hasActiveDocument,
} from './publication-checks';
import {
  applyChange,
  type Caller,
  checkExpectedVersion,
  loadOwnTender,
  verifyDocuments,
} from './tender-change';
import { auctionRulesOf, openingAuctionState } from './transfers';

/** Input of {@link publishTender}. */
export interface PublishTenderInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** The version the caller edited from (its If-Match), if it sent one. */
  expectedVersion?: number | undefined;
}

/**
 * Publishes a draft: checks the state, the rules of its method and every document, then puts out
 * the procurement notice (采购公告) in the same transaction.
 *
 * Why this order: the cheap checks fail first, and nothing is written unless all pass. The rules
 * and the document check are those the dry run (`checkTenderDraft`) answers the form with.
 */
export async function publishTender(input: PublishTenderInput, deps: Deps): Promise<Tender> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  checkExpectedVersion(tender, input.expectedVersion);
  nextStatus(tender.status, 'publish');
  const now = deps.clock.now();
  const violations = await findPublicationViolations(deps, tender.content, now);
  if (violations.length > 0) throw new RuleViolationError(violations);
  if (!hasActiveDocument(tender)) throw new UnprocessableError(DOCUMENTS_REQUIRED_RULE, DOCUMENTS_REQUIRED);
  const active = tender.documents.filter((doc) => doc.active);
  const verified = await verifyDocuments(deps, tender.id, active, now.toISOString());
  const byId = new Map(verified.map((doc) => [doc.id, doc]));
  const { content } = tender;
  const procedure = procedureOf(content);
  const auction = procedure.liveQuotes ? openingAuctionState(tender) : undefined;
  return applyChange(deps, tender, {
    action: 'publish',
    eventType: 'tender.published',
    actor: input.caller,
    data: {
      documents: verified.map(({ id, sha256 }) => ({ id, sha256 })),
      // The reserve's commitment enters the chain with the notice: it can never change afterwards
      ...(content.transfer ? { reserveCommitment: content.transfer.reserveCommitment ?? null } : {}),
    },
    mutate: (current, at) => ({
      ...current,
      publishedAt: at,
      documents: current.documents.map((doc) => byId.get(doc.id) ?? doc),
      ...(auction ? { auction } : {}),
    }),
    notices: [
      {
        type: 'procurement',
        title: `${content.title}${procedure.noticeLabel.zh}`,
        body: {
          budgetFen: content.budgetFen ?? null,
          budget: content.budgetFen === undefined ? null : formatWanYuan(content.budgetFen),
          ...(content.transfer
            ? {
                transfer: content.transfer,
                startPrice: formatWanYuan(content.transfer.startPriceFen),
                deposit: formatWanYuan(content.transfer.depositFen),
                biddingRules: auction ? auctionRulesOf(tender) : null,
              }
            : {}),
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
