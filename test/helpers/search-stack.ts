// The harness is shared with the root benchmarks; see harness/src/testing/.
export { startSearchApi, startSearchStack, type ApiUnderTest, type GraphqlResult, type SearchStack } from '@zone/harness/testing';
