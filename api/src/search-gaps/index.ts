// The public surface of the knowledge-base gap records, for the policy search API and the 第十二条 report.
export { recordZeroResultQuery, rememberQueryForCaller, linkQueryToPetition, type QueryPetitionLink } from './gap-store.ts';
export { createSearchGapRecorder, type SearchGapRecorder } from './recorder.ts';
export { callerKeyFromSession, CLIENT_SESSION_HEADER, CALLER_MEMORY_HOURS } from './caller-key.ts';
export { normalizeQuery, MAX_STORED_QUERY_CHARS } from './normalize-query.ts';
