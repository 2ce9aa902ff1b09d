import type { Deps } from '../ports/deps';
import type { Tender } from '../schemas/tender';
import { applyChange, type Caller, checkExpectedVersion, loadOwnTender } from './tender-change';
import { pushSaved } from './transfers';

/** Input of {@link cancelTender}. */
export interface CancelTenderInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** Why; published in the termination notice. */
  reason: string;
  /** The version the caller edited from (its If-Match), if it sent one. */
  expectedVersion?: number | undefined;
}

/**
 * Cancels a draft or a tendering tender; a published one gets a termination notice (终止公告).
 *
 * Why a draft gets none: it was never public, so there is nothing to announce.
 */
export async function cancelTender(input: CancelTenderInput, deps: Deps): Promise<Tender> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  checkExpectedVersion(tender, input.expectedVersion);
  const wasPublic = tender.publishedAt !== undefined;
  const saved = await applyChange(deps, tender, {
    action: 'cancel',
    eventType: 'tender.cancelled',
    actor: input.caller,
    data: { reason: input.reason },
    mutate: (current, at) => ({ ...current, cancelledAt: at, cancelReason: input.reason }),
    notices: wasPublic
      ? [{ type: 'termination', title: `${tender.content.title}终止公告`, body: { reason: input.reason } }]
      : [],
  });
  // A live transfer's room learns at once that it has ended (终止)
  await pushSaved(deps, 'closed', saved);
  return saved;
}
