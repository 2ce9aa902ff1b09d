import { getDeps } from '../shared/adapters/deps';
import { logger } from '../shared/adapters/logger';
import { runTick } from '../shared/usecases/tick';

/** The scheduler tick (EventBridge every minute): moves tenders whose deadlines have passed. */
export async function handler(): Promise<{ moved: number; skipped: number }> {
  const result = await runTick(getDeps());
  if (result.moved.length > 0 || result.skipped.length > 0) logger.info('tick', { ...result });
  return { moved: result.moved.length, skipped: result.skipped.length };
}
