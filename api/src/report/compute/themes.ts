// Top recurring themes in the petitions' titles and content: words segmented by jieba (@node-rs/jieba,
// a prebuilt native segmenter with its dictionary in the npm package: nothing is downloaded), kept
// when they are nouns or verbal nouns of two or more characters and not generic petition vocabulary.
// A theme's weight is the number of petitions that mention it (one petition, one vote).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/**
 * Parts of speech kept (jieba/ICTCLAS tags): nouns, place and organisation names, other proper nouns,
 * abbreviations (研发, 环评), verbs and verbal nouns (审批, 扣除), idioms, Latin words.
 */
const KEPT_TAGS = new Set(['n', 'ns', 'nt', 'nz', 'nw', 'j', 'v', 'vn', 'l', 'eng']);

/** Words every petition uses; they say nothing about its theme. */
const STOP_WORDS = new Set([
  '企业', '公司', '我司', '本司', '问题', '情况', '事项', '部门', '相关', '有关', '政策', '申请', '办理', '咨询', '请问', '希望',
  '需要', '要求', '诉求', '反映', '协调', '帮助', '解决', '时间', '目前', '现在', '今年', '方面', '工作', '单位', '材料', '规定',
  '请问', '是否', '能否', '可以', '进行', '提供', '如何', '怎么', '多长时间', '是不是', '没有', '已经', '表示', '告知', '答复',
]);

/** The distinct theme words of one text. */
export function themeWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const { word, tag } of segmenter().tag(text, true)) {
    const w = word.trim().toLowerCase();
    if ([...w].length < 2 || STOP_WORDS.has(w) || /^[\d.%]+$/.test(w)) continue;
    if (KEPT_TAGS.has(tag)) out.add(w);
  }
  return out;
}

export interface ThemeCount {
  keyword: string;
  petitions: number;
}

/** Document frequency of each theme word over the texts, most frequent first (ties by word). */
export function countThemes(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of themeWords(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

export function topThemes(counts: Map<string, number>, limit: number): ThemeCount[] {
  return [...counts]
    .map(([keyword, petitions]) => ({ keyword, petitions }))
    .sort((a, b) => b.petitions - a.petitions || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0))
    .slice(0, limit);
}
