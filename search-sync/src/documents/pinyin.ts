// Pinyin for callers who type a term the way it sounds (fuhuaqi, shangshi jiangli): the index holds
// the toneless pinyin of every title, and the synonym dictionary's terms are reachable by theirs.
// pinyin-pro reads each character in its word's context (重点 → zhong dian), so polyphones follow
// the text. Nothing here comes from queries: the pinyin is computed from the indexed titles and the
// office's dictionary only.
import { pinyin } from 'pinyin-pro';

const HAN_RUN = /\p{Script=Han}+/gu;

/** Toneless pinyin syllables of a run of Chinese characters, read in context. */
function syllables(run: string): string[] {
  return pinyin(run, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
}

/** The longest span a title token covers: four-character terms (专精特新, 加计扣除) are the common case. */
export const PINYIN_MAX_SPAN = 4;

/**
 * The pinyin tokens of a title: every span of 2–4 consecutive characters of a Chinese run, as one
 * latin word (孵化器 → fuhua, huaqi, fuhuaqi). Spans instead of word segmentation, because a caller
 * joins syllables where the title's words happen to end (jiajikouchu for 加计扣除, which a segmenter
 * may cut in two) and Meilisearch only splits a query word in two.
 */
export function titlePinyinTokens(text: string): string[] {
  const out = new Set<string>();
  for (const [run] of text.matchAll(HAN_RUN)) {
    const syl = syllables(run);
    for (let i = 0; i < syl.length; i++) {
      for (let n = 2; n <= PINYIN_MAX_SPAN && i + n <= syl.length; n++) out.add(syl.slice(i, i + n).join(''));
    }
  }
  return [...out];
}

/** The pinyin key of a dictionary term written in Chinese only (小升规 → xiaoshenggui), else null. */
export function termPinyin(term: string): string | null {
  const t = term.trim();
  if (!/^\p{Script=Han}{2,}$/u.test(t)) return null;
  return syllables(t).join('');
}

/**
 * Meilisearch synonyms plus the pinyin of every Chinese term, leading to that term and what it
 * already leads to (xiaoshenggui → 小升规, 升规 …): the glossary's terms are found by their sound.
 */
export function withPinyinSynonyms(synonyms: Record<string, string[]>): Record<string, string[]> {
  const out = new Map<string, Set<string>>(Object.entries(synonyms).map(([k, v]) => [k, new Set(v)]));
  for (const [term, targets] of Object.entries(synonyms)) {
    const key = termPinyin(term);
    if (!key || key === term) continue;
    const set = out.get(key) ?? new Set<string>();
    set.add(term);
    for (const t of targets) if (t !== key) set.add(t);
    out.set(key, set);
  }
  return Object.fromEntries([...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}
