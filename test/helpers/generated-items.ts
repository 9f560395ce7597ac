// The harness is shared with the root benchmarks; see harness/src/testing/.
export { generatedItem, insertGeneratedItems } from '@zone/harness/testing';
