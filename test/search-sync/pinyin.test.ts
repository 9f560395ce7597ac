// The pinyin search-sync puts in the index for callers who type a term as it sounds. Expected
// values are read off the characters by hand (Xinhua pronunciations, tones dropped).
import { describe, expect, it } from 'vitest';
import { termPinyin, titlePinyinTokens, withPinyinSynonyms } from '../../search-sync/src/documents/pinyin.ts';

describe('title pinyin', () => {
  it('holds every 2–4 character span of a title as one word, so fuhuaqi finds 孵化器', () => {
    // 孵 fu 化 hua 器 qi 奖 jiang 励 li
    expect(new Set(titlePinyinTokens('孵化器奖励'))).toEqual(
      new Set(['fuhua', 'fuhuaqi', 'fuhuaqijiang', 'huaqi', 'huaqijiang', 'huaqijiangli', 'qijiang', 'qijiangli', 'jiangli']),
    );
  });

  it('reads a polyphone in its word (重点 is zhong dian, not chong dian)', () => {
    expect(titlePinyinTokens('重点实验室')).toContain('zhongdian');
    expect(titlePinyinTokens('重点实验室')).not.toContain('chongdian');
  });

  it('takes only Chinese runs: brackets, digits and a lone character make no word', () => {
    // 稳 wen 岗 gang 返 fan 还 huan; （2023年） leaves 年 alone
    expect(new Set(titlePinyinTokens('稳岗返还（2023年）'))).toEqual(new Set(['wengang', 'wengangfan', 'wengangfanhuan', 'gangfan', 'gangfanhuan', 'fanhuan']));
    expect(titlePinyinTokens('Tax credit')).toEqual([]);
  });
});

describe('dictionary terms by their pinyin', () => {
  it('gives a Chinese term its pinyin key, and nothing to a latin one', () => {
    expect(termPinyin('小升规')).toBe('xiaoshenggui');
    expect(termPinyin('IPO')).toBeNull();
  });

  it('leads the pinyin to the term and to what the term already leads to', () => {
    expect(withPinyinSynonyms({ 小升规: ['升规'], 升规: ['小升规'], IPO: ['上市'] })).toEqual({
      IPO: ['上市'],
      shenggui: ['升规', '小升规'].sort(),
      xiaoshenggui: ['升规', '小升规'].sort(),
      小升规: ['升规'],
      升规: ['小升规'],
    });
  });
});
