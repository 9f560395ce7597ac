// Reciprocal rank fusion of the ranked legs' hit lists (the query as typed, and its subject words with
// the frequency strategy; Cormack et al., SIGIR 2009: score = Σ weight / (k + rank)). Rank fusion, not
// score fusion: the two lists come from different queries, so their ranking scores are not comparable.
export interface Ranked<T> { hits: T[]; weight: number }

export const RRF_K = 60;

export function fuseByRank<T>(lists: Array<Ranked<T>>, keyOf: (hit: T) => string, boost: (hit: T) => number = () => 1): T[] {
  const scores = new Map<string, { hit: T; score: number; first: number }>();
  let seq = 0;
  for (const list of lists) {
    list.hits.forEach((hit, rank) => {
      const key = keyOf(hit);
      const entry = scores.get(key) ?? { hit, score: 0, first: seq++ };
      entry.score += list.weight / (RRF_K + rank + 1);
      scores.set(key, entry);
    });
  }
  return [...scores.values()]
    .map((e) => ({ ...e, score: e.score * boost(e.hit) }))
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .map((e) => e.hit);
}
