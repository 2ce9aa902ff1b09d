import { provideApiGatewayLivePublisher } from '../shared/adapters/apigateway/provide';

// The close of a live transfer pushes to its room (the management client is loaded at the first push)
provideApiGatewayLivePublisher();

/**
 * The scheduler tick (EventBridge every minute): moves tenders whose deadlines have passed.
 *
 * Its work is imported at the first tick, as a context's routes are, so the cold import stays small.
 */
export async function handler(): Promise<{ moved: number; skipped: number; overdueAnswers: number }> {
  const [{ getDeps }, { logger }, { runTick }] = await Promise.all([
    import('../shared/adapters/deps'),
    import('../shared/adapters/logger'),
    import('../shared/usecases/tick'),
  ]);
  const result = await runTick(getDeps());
  if (result.moved.length > 0 || result.skipped.length > 0) logger.info('tick', { ...result });
  // Flagged to the centre in the logs (an alarm can follow it) and on its board of answer clocks
  if (result.overdueAnswers > 0) logger.warn('answers overdue', { overdueAnswers: result.overdueAnswers });
  return {
    moved: result.moved.length,
    skipped: result.skipped.length,
    overdueAnswers: result.overdueAnswers,
  };
}
