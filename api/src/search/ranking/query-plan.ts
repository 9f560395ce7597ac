// Query understanding for callers' questions: what the engine is sent besides the words typed.
// A caller says "公司想上市政府给多少钱": the subject is 上市, the intent is an amount. Meilisearch keeps
// at most 10 query words and drops words from the end, so generic words (公司, 政府, 多少钱) would
// crowd the subject out. The plan keeps the original query (normalized as the index expects) and adds
// a rewrite with the generic question words removed; both are searched and fused by rank.
import { looksLikeDocNumber, normalizeSearchQuery } from '@zone/schemas';

export type QueryIntent = 'amount' | 'apply' | 'document';

export interface QueryPlan {
  /** The query as typed, normalized as the index expects (文号 brackets and digits). */
  original: string;
  /** The subject words only, or null when the rewrite would be the same or empty. */
  rewritten: string | null;
  /** "How much" or "how to apply": the caller wants an item (条目); a 文号: the caller wants the document. */
  intent: QueryIntent | null;
}

// Questions about an amount: 多少钱, 补多少, 奖多少, 给多少, 能拿多少, 金额, 标准是多少.
const AMOUNT = /(多少|几万|金额|标准是|能拿|能补|能奖|补贴多少|奖励多少)/u;
// Questions about applying: 怎么申请, 如何申报, 去哪办, 流程, 材料, 什么时候截止.
const APPLY = /(怎么|如何|怎样|哪里|去哪)(申请|申报|办理|办|报|领|拿)|申报流程|办理流程|申请流程|要什么材料|需要什么材料|什么时候(截止|申报|开始)/u;

// Words that carry no subject in a caller's question. Longest first, so 有什么政策 goes before 什么.
// `补`/`奖` followed by 多少 keep their meaning as 补助/奖励.
const REWRITES: Array<[RegExp, string]> = [
  [/(能|可以)?补(贴|助)?多少(钱)?/gu, ' 补助 '],
  [/(能|可以)?奖(励)?多少(钱)?/gu, ' 奖励 '],
  [/(政府)?(能|会)?给多少(钱)?/gu, ' '],
  [/(有没有|有什么|有哪些|是什么|有啥|什么样的?|什么)/gu, ' '],
  [/(相关)?政策/gu, ' '],
  [/(怎么|如何|怎样)(申请|申报|办理|办|报)/gu, ' '],
  [/(我们|我司|我们的|本公司|我公司|公司|单位|咱们|请问|你好|您好|想问一下|想问|问一下|一下)/gu, ' '],
  [/(能不能|可不可以|可以|能否|是不是|还能|还有|能|想要|想|要|打算|准备)/gu, ' '],
  [/(政府|国家|这边|那边|这个|那个|现在|今年|目前)/gu, ' '],
  [/(吗|呢|啊|呀|吧|嘛|么|了|的|过来|一下子)/gu, ' '],
  // Punctuation, but not the point or colon inside a number (1:1.5 配套, 1.5 亿): they are the subject there.
  [/[？?！!，,。、；;]|(?<!\d)[．.：:]|[．.：:](?!\d)/gu, ' '],
];

// Word boundaries by ICU's dictionary segmentation (Node's Intl.Segmenter): a generic word is taken out
// only where it stands as a word (or words) of its own, so 能 stays in 智能工厂, 公司 in 公司法, 了 in 了解.
const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

function boundaries(text: string): Set<number> {
  const at = new Set<number>([0, text.length]);
  for (const { index, segment } of SEGMENTER.segment(text)) at.add(index).add(index + segment.length);
  return at;
}

/** `text` with the pattern's matches replaced where each starts and ends on a word boundary. */
function replaceWholeWords(text: string, pattern: RegExp, replacement: string): string {
  // Segmented only when the pattern matches (most do not, and this runs for every search).
  let at: Set<number> | undefined;
  return text.replace(pattern, (match: string, ...rest: unknown[]) => {
    const offset = rest.find((r): r is number => typeof r === 'number')!;
    at ??= boundaries(text);
    return at.has(offset) && at.has(offset + match.length) ? replacement : match;
  });
}

export function planQuery(raw: string): QueryPlan {
  const original = normalizeSearchQuery(raw);
  const intent: QueryIntent | null = looksLikeDocNumber(raw) ? 'document' : APPLY.test(original) ? 'apply' : AMOUNT.test(original) ? 'amount' : null;
  let rest = original;
  for (const [pattern, replacement] of REWRITES) rest = replaceWholeWords(rest, pattern, replacement);
  const rewritten = rest.replace(/\s+/gu, ' ').trim();
  return { original, rewritten: rewritten !== '' && rewritten !== original ? rewritten : null, intent };
}
