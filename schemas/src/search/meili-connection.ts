// How every component talks to Meilisearch over HTTP. Measured here: on a kept-alive connection a
// response larger than one TCP segment waits ~40 ms for the delayed ACK (Meilisearch does not set
// TCP_NODELAY), so a 10-hit search took 48 ms instead of 4 ms. A connection per request avoids the
// stall; its handshake costs far less on loopback or a data-centre network. Used on the api's read
// path, where it was measured; search-sync keeps its connections (its requests and task polls are
// small; in one bench:sync run with a connection per request, freshness p50 went from 100 to 192 ms).
// Uncompressed: fetch asks for gzip/br by default and Meilisearch obliges; on this path it is CPU on
// both sides for nothing (a CPU profile of the api under bench:search: decompression was its
// largest single cost, 6.5% of samples, more than GraphQL execution).
export const MEILI_REQUEST_INIT = { headers: { connection: 'close', 'accept-encoding': 'identity' } } as const;
