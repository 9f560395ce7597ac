// The injected clock. Domain code asks a Clock for the time; tests move a TestClock.

export interface Clock {
  now(): Date;
}

/** The only place the api reads the wall clock. */
export const systemClock: Clock = { now: () => new Date() };
