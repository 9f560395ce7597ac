// The harness is shared with the root benchmarks; see harness/src/testing/.
export { TestClock } from '@zone/harness/testing';
