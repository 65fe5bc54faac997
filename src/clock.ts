/** The source of "now" for every rule that depends on time, injectable so tests need no sleeps. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const toEpochSeconds = (milliseconds: number): number => Math.floor(milliseconds / 1000);
