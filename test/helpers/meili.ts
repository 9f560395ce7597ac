// The harness is shared with the root benchmarks; see harness/src/testing/.
export { freePort, startHangingServer, startMeili, type MeiliUnderTest } from '@zone/harness/testing';
