// The ranked search path's pure parts, with expected values worked out by hand: what a caller's
// question is reduced to, how two hit lists are fused, and when a read-out states an amount.
import { describe, expect, it } from 'vitest';
import { planQuery } from '../../api/src/search/ranking/query-plan.ts';
import { RRF_K, fuseByRank } from '../../api/src/search/ranking/fuse.ts';
import { ANSWER_CONFIDENCE_THRESHOLD, confidenceLevel, mentionsAmount } from '../../api/src/search/ranking/answer-confidence.ts';

describe('query plan', () => {
  it('keeps the subject of a colloquial amount question and marks the intent', () => {
    expect(planQuery('公司想上市政府给多少钱')).toEqual({ original: '公司想上市政府给多少钱', rewritten: '上市', intent: 'amount' });
  });

  it('turns 补多少 into 补助 and drops 我们/有没有', () => {
    expect(planQuery('我们买设备能补多少')).toMatchObject({ rewritten: '买设备 补助', intent: 'amount' });
  });

  it('marks a how-to-apply question and keeps its subject', () => {
    expect(planQuery('稳岗补贴怎么申请')).toEqual({ original: '稳岗补贴怎么申请', rewritten: '稳岗补贴', intent: 'apply' });
  });

  it('leaves a plain term alone (no rewrite, no intent)', () => {
    expect(planQuery('技改补助')).toEqual({ original: '技改补助', rewritten: null, intent: null });
  });

  it('takes a generic word out only where it stands as a word of its own', () => {
    // 能 (can) is generic, but not inside 智能 (smart); 了 is a particle, but not inside 了解 (learn about).
    expect(planQuery('智能工厂有什么补贴')).toMatchObject({ rewritten: '智能工厂 补贴' });
    expect(planQuery('了解一下稳岗返还')).toMatchObject({ rewritten: '了解 稳岗返还' });
    // Words of their own still go, alone or several in one pattern (有 没有, 政府 给 多少钱).
    expect(planQuery('有没有首台套奖励')).toMatchObject({ rewritten: '首台套奖励' });
  });

  it('normalizes a 文号 in any bracket style, as the index stores it', () => {
    expect(planQuery('嘉开管[2025]8号')).toMatchObject({ original: '嘉开管〔2025〕8号', intent: 'document' });
  });
});

describe('rank fusion', () => {
  it('adds 1/(k+rank) over the lists, so a hit found by both searches comes first', () => {
    // a: 1/61 (rank 1 in list 1) ; b: 1/62 + 1/61 ; c: 1/62 (rank 2 in list 2)
    const fused = fuseByRank([{ hits: ['a', 'b'], weight: 1 }, { hits: ['b', 'c'], weight: 1 }], (h) => h);
    expect(RRF_K).toBe(60);
    expect(fused).toEqual(['b', 'a', 'c']);
  });

  it('applies a boost after fusion (an item before a document of the same rank)', () => {
    const fused = fuseByRank([{ hits: ['policy', 'item'], weight: 1 }], (h) => h, (h) => (h === 'item' ? 1.5 : 1));
    // policy 1/61 = 0.0164 ; item 1.5/62 = 0.0242
    expect(fused).toEqual(['item', 'policy']);
  });
});

describe('answer confidence', () => {
  it('reads STRONG at or above the threshold, WEAK below', () => {
    expect(confidenceLevel(ANSWER_CONFIDENCE_THRESHOLD)).toBe('STRONG');
    expect(confidenceLevel(ANSWER_CONFIDENCE_THRESHOLD - 0.01)).toBe('WEAK');
  });

  it('finds the amount a read-out states, and not a longer number that ends with it', () => {
    expect(mentionsAmount('认定后奖励 30 万元。', 30)).toBe(true);
    expect(mentionsAmount('最高30万元', 30)).toBe(true);
    expect(mentionsAmount('最高130万元', 30)).toBe(false);
    expect(mentionsAmount('最高100万元', 30)).toBe(false);
    expect(mentionsAmount('每人１０００元', 0.1)).toBe(false);
  });
});
