import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../shared/domain/clock';

/** A clock the local runtime can move forward and stop; never part of a deployed stack. */
export interface DevClock extends Clock {
  /** How far ahead of real time it runs, in milliseconds. */
  offsetMs(): number;
  /** Whether it is stopped at an instant. */
  frozen(): boolean;
  /** Moves it forward by `ms` (never back: tenders do not un-happen). */
  advance(ms: number): Date;
  /** Sets it to an instant at or after its current time; `freeze` stops it there until the next move. */
  set(instant: Date, options?: { freeze?: boolean }): Date;
}

interface ClockState {
  offsetMs: number;
  frozenAt: number | null;
}

function loadState(file: string | undefined): ClockState {
  if (!file || !existsSync(file)) return { offsetMs: 0, frozenAt: null };
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ClockState>;
  return {
    offsetMs: Number(raw.offsetMs) || 0,
    frozenAt: typeof raw.frozenAt === 'number' ? raw.frozenAt : null,
  };
}

/**
 * Creates the dev clock, keeping its state in the data folder so a restart does not turn time back.
 *
 * Why forward only: moving back would let the tick and the audit log disagree about the order of
 * events. Why it can stop: "refused at the exact deadline instant" can only be shown on a clock
 * that is not ticking on between two requests.
 */
export function createDevClock(dataDir?: string, realNow: () => number = Date.now): DevClock {
  const file = dataDir ? join(dataDir, 'dev-clock.json') : undefined;
  const state = loadState(file);
  const persist = () => {
    if (file) writeFileSync(file, JSON.stringify(state));
  };
  const current = () => state.frozenAt ?? realNow() + state.offsetMs;
  return {
    now: () => new Date(current()),
    offsetMs: () => current() - realNow(),
    frozen: () => state.frozenAt !== null,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The dev clock only moves forward');
      if (state.frozenAt !== null) state.frozenAt += Math.round(ms);
      else state.offsetMs += Math.round(ms);
      persist();
      return new Date(current());
    },
    set(instant, options = {}) {
      const target = instant.getTime();
      if (!Number.isFinite(target) || target < current())
        throw new RangeError('The dev clock only moves forward');
      state.offsetMs = target - realNow();
      state.frozenAt = options.freeze ? target : null;
      persist();
      return new Date(current());
    },
  };
}
