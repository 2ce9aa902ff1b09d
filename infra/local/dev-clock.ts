import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../shared/domain/clock';

/** A clock the local runtime can move forward; never part of a deployed stack. */
export interface DevClock extends Clock {
  /** How far ahead of real time it runs, in milliseconds. */
  offsetMs(): number;
  /** Moves it forward by `ms` (never back: tenders do not un-happen). */
  advance(ms: number): Date;
  /** Sets it to an instant at or after its current time. */
  set(instant: Date): Date;
}

/**
 * Creates the dev clock, keeping its offset in the data folder so a restart does not turn time back.
 *
 * Why forward only: moving back would let the tick and the audit log disagree about the order of events.
 */
export function createDevClock(dataDir?: string, now: () => number = Date.now): DevClock {
  const file = dataDir ? join(dataDir, 'dev-clock.json') : undefined;
  let offset =
    file && existsSync(file)
      ? Number((JSON.parse(readFileSync(file, 'utf8')) as { offsetMs: number }).offsetMs) || 0
      : 0;
  const persist = () => {
    if (file) writeFileSync(file, JSON.stringify({ offsetMs: offset }));
  };
  return {
    now: () => new Date(now() + offset),
    offsetMs: () => offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The dev clock only moves forward');
      offset += Math.round(ms);
      persist();
      return new Date(now() + offset);
    },
    set(instant) {
      const target = instant.getTime() - now();
      if (target < offset) throw new RangeError('The dev clock only moves forward');
      offset = target;
      persist();
      return new Date(now() + offset);
    },
  };
}
