import type { Deps } from '../adapters/deps';
import { SYSTEM_ACTOR } from '../domain/audit';
import { ConflictError } from '../domain/errors';
import { nextDueAt } from '../domain/tender';
import type { Tender } from '../schemas/tender';
import { applyChange } from './tender-change';

/** Most tenders one tick moves; the rest wait for the next tick. */
const TICK_BATCH = 100;

/** What one tick did. */
export interface TickResult {
  /** Tenders moved, with their new status. */
  moved: { tenderId: string; status: string }[];
  /** Tenders another worker moved first. */
  skipped: string[];
}

/** Moves one due tender to its next state; undefined when it is not (or no longer) due. */
async function advance(deps: Deps, tender: Tender): Promise<Tender | undefined> {
  if (tender.status === 'tendering') {
    return applyChange(deps, tender, {
      action: 'open',
      eventType: 'tender.opened',
      actor: SYSTEM_ACTOR,
      data: { bidDeadline: tender.content.timeline.bidDeadline },
    });
  }
  return undefined;
}

/**
 * The scheduler tick: moves every tender whose timed step is due (EventBridge each minute in AWS,
 * a timer locally).
 *
 * Why conflicts are skipped: two overlapping ticks may race; the optimistic lock lets one win.
 */
export async function runTick(deps: Deps): Promise<TickResult> {
  const now = deps.clock.now().toISOString();
  const result: TickResult = { moved: [], skipped: [] };
  const due = await deps.tenders.listDue(now, TICK_BATCH);
  for (const stale of due) {
    const tender = await deps.tenders.get(stale.id);
    const dueAt = tender ? nextDueAt(tender) : undefined;
    // The index is eventually consistent and a correction may have moved the deadline: re-check.
    if (!tender || !dueAt || new Date(dueAt).getTime() > new Date(now).getTime()) continue;
    try {
      const moved = await advance(deps, tender);
      if (moved) result.moved.push({ tenderId: moved.id, status: moved.status });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      result.skipped.push(tender.id);
    }
  }
  return result;
}
