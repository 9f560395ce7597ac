// When an answer card is good enough to read out to a caller. The score is Meilisearch's ranking
// score (0–1) of the card's best matching search; the threshold is set on the dev half of the unseen
// relevance set (search-sync/relevance/unseen, `npm run eval:relevance -- --half dev`), never on test.
export const ANSWER_CONFIDENCE_THRESHOLD = 0.5;

export type AnswerConfidence = 'STRONG' | 'WEAK';
export type AnswerState = 'ANSWERED' | 'NO_GOOD_ANSWER';

export function confidenceLevel(score: number): AnswerConfidence {
  return score >= ANSWER_CONFIDENCE_THRESHOLD ? 'STRONG' : 'WEAK';
}

/** Whether a read-out text states this amount (万元): "30万", "30 万元", "最高30万元". */
export function mentionsAmount(text: string, amountWan: number): boolean {
  const n = String(amountWan).replace(/\.0+$/, '').replace('.', '\\.');
  return new RegExp(`(^|[^\\d.])${n}(\\.0+)?\\s*万`, 'u').test(text.normalize('NFKC'));
}
