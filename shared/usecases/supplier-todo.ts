/**
 * What a supplier still has to do in a tender it registered for, computed from the tender, the
 * supplier's current bid and the clock alone (no storage), so the project list and its tests agree.
 */

import { SUPPLIER_TODO_LABELS, type SupplierTodo, type SupplierTodoCode } from '../schemas/supplier-tender';
import type { Tender } from '../schemas/tender';

/** Where one supplier stands in one tender. */
export interface SupplierStanding {
  /** The tender as stored. */
  tender: Tender;
  /** The supplier's current (submitted) bid, or null when it has none (none yet, or withdrawn). */
  currentBid: {
    /** A correction that may affect bid preparation came after the bid was last confirmed. */
    needsReconfirmation: boolean;
    /** A reveal matched both commitments. */
    revealed: boolean;
  } | null;
  /** The supplier has confirmed or objected to the opening record. */
  respondedToOpening: boolean;
}

/** A to-do with its label and deadline. */
function todo(code: SupplierTodoCode, until: string | null): SupplierTodo {
  return { code, label: SUPPLIER_TODO_LABELS[code], until };
}

/** Whether `now` is strictly before `instant` (each step closes at its instant, as the server refuses). */
function before(now: Date, instant: string | undefined): instant is string {
  return instant !== undefined && now.getTime() < Date.parse(instant);
}

/**
 * The supplier's to-dos in a tender at `now`, in order; `[none]` when there is nothing to do.
 *
 * - `submit-bid` (递交投标文件): tendering, before the bid deadline, and no current bid;
 * - `reconfirm` (重新确认投标): tendering, before the deadline, and the current bid needs it;
 * - `reveal` (解密投标): opening, inside the decryption window (the record not yet published), the
 *   current bid not yet revealed — unless it still needed re-confirmation at the deadline, which
 *   makes it invalid at the opening whatever is revealed (未重新确认);
 * - `respond-opening` (确认开标记录): the opening record is published, its confirmation window is
 *   open, the supplier had a current bid (so it is in the record) and has not answered yet.
 *
 * Why these conditions: they are exactly the ones the server checks when the supplier acts, so the
 * list never offers a step the API would refuse. Between the deadline and the tick that opens the
 * tender (status still `tendering`) nothing can be done, and nothing is listed.
 */
export function supplierTodos(standing: SupplierStanding, now: Date): SupplierTodo[] {
  const { tender, currentBid } = standing;
  const deadline = tender.content.timeline.bidDeadline;
  const opening = tender.opening;
  const todos: SupplierTodo[] = [];
  if (tender.status === 'tendering' && before(now, deadline)) {
    if (!currentBid) todos.push(todo('submit-bid', deadline));
    else if (currentBid.needsReconfirmation) todos.push(todo('reconfirm', deadline));
  }
  if (tender.status === 'opening' && opening && currentBid) {
    if (
      !opening.recordPublishedAt &&
      before(now, opening.decryptionEndsAt) &&
      !currentBid.revealed &&
      !currentBid.needsReconfirmation
    ) {
      todos.push(todo('reveal', opening.decryptionEndsAt));
    }
    if (
      opening.recordPublishedAt &&
      before(now, opening.confirmationEndsAt) &&
      !standing.respondedToOpening
    ) {
      todos.push(todo('respond-opening', opening.confirmationEndsAt ?? null));
    }
  }
  return todos.length > 0 ? todos : [todo('none', null)];
}
