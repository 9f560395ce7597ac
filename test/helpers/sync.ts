// The harness is shared with the root benchmarks; see harness/src/testing/.
export { newPrefix, startSync, syncEnvFor, type SyncUnderTest } from '@zone/harness/testing';
