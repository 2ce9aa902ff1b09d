import type { Deps } from '../adapters/deps';
import type { Tender } from '../schemas/tender';
import { applyChange, type Caller, checkIfMatch, loadOwnTender } from './tender-change';

/** Input of {@link cancelTender}. */
export interface CancelTenderInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** Why; published in the termination notice. */
  reason: string;
  /** The If-Match header, if sent. */
  ifMatch?: string | undefined;
}

/**
 * Cancels a draft or a tendering tender; a published one gets a termination notice (终止公告).
 *
 * Why a draft gets none: it was never public, so there is nothing to announce.
 */
export async function cancelTender(input: CancelTenderInput, deps: Deps): Promise<Tender> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  checkIfMatch(tender, input.ifMatch);
  const wasPublic = tender.publishedAt !== undefined;
  return applyChange(deps, tender, {
    action: 'cancel',
    eventType: 'tender.cancelled',
    actor: input.caller,
    data: { reason: input.reason },
    mutate: (current, at) => ({ ...current, cancelledAt: at, cancelReason: input.reason }),
    notices: wasPublic
      ? [{ type: 'termination', title: `${tender.content.title}终止公告`, body: { reason: input.reason } }]
      : [],
  });
}
