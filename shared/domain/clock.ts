/**
 * The one source of "now" for the domain.
 *
 * Deadlines, notice periods and correction rules all depend on the current instant; injecting a clock
 * lets tests pin it and lets the local stack fast-forward without touching the system time.
 */

import { ValidationError } from './errors';

/** Something that tells the current instant. */
export interface Clock {
  /** The current instant, as a fresh `Date` the caller may keep. */
  now(): Date;
}

/**
 * The real clock, reading the system time.
 *
 * Production adapters inject this one; everything else should take a {@link Clock} parameter.
 */
export const systemClock: Clock = {
  now: () => new Date(),
};

/**
 * A clock stopped at one instant.
 *
 * Tests and replays need every call to agree on "now"; each call returns a new `Date` so a caller
 * mutating it cannot move the clock.
 */
export function fixedClock(at: Date | string): Clock {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) {
    throw new ValidationError({
      zh: `无效的时间：${String(at)}`,
      en: `Invalid instant: ${String(at)}`,
    });
  }
  return { now: () => new Date(ms) };
}
