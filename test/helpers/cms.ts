// The harness is shared with the root benchmarks; see harness/src/testing/.
export { AdminClient, createAdminUser, startCms, type CmsUnderTest, type StartCmsOptions } from '@zone/harness/testing';
