// The plugin's limits in one place: the server enforces them, the page shows them, the tests read them.
export const LIMITS = {
  /** A department's list is tens to a few hundred items (a few hundred KB as XLSX); 5 MB leaves room for 10,000 rows. */
  maxUploadBytes: 5 * 1024 * 1024,
  /** More rows than any department keeps: a file this long is almost certainly the wrong file. */
  maxRows: 10_000,
  /** How long a previewed upload waits for its confirmation. */
  previewTtlMs: 30 * 60 * 1000,
  /** Previews a user may have open at once; the oldest is dropped first. */
  maxPendingPerUser: 5,
} as const;
