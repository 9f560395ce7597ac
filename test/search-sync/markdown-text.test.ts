// Markdown → index text: the markdown-it conversion gives the very text the earlier remark (mdast)
// conversion gave, on every markdown field the project ships (demo content, the unseen relevance
// set, generated items) and on constructs chosen to differ between parsers. No Strapi, no Meilisearch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToText } from '@zone/schemas';
import { markdownToTextViaRemark } from '../../schemas/src/search/markdown.ts';
import { generatedItem } from '../helpers/generated-items.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

const CONSTRUCTS = [
  '## 要点\n\n<script>alert("x")</script>\n\n<div class="note">请<b>按时</b>申报</div>\n\n- [办理指南](https://example.org)\n- `代码` &lt;img src=x onerror=alert(1)&gt;',
  '第一行\n第二行  \n硬换行\\\n反斜杠换行',
  '1. 企业在线申报；\n2. 主管部门初审；\n   续行\n3) 公示',
  '- 外层\n  - 内层 **加粗** 与 *强调* 和 _下划线_\n\n  松散列表段落\n- 第二项',
  '> 引用 **一**\n> 继续\n\n> - 引用中的列表',
  '```js\nconst a = 1 < 2;\n```\n\n    缩进代码\n    第二行\n\n~~~\n波浪围栏\n~~~',
  '![替代 *文字*](a.png "标题") 和 [链接 `代码`][ref]\n\n[ref]: https://example.org',
  '<https://example.org> 与 <mailto:a@b.c> 与 a@b.c',
  '***\n---\n___\n\n标题\n===\n\n二级\n---',
  '&amp; &copy; &#x4E2D; &#20013; &nbsp;空格 &bogus;',
  '文本<span>内联</span>结束 <!-- 注释 --> 后\n\n<!-- 块注释 -->\n\n<style>p{}</style>后',
  '*未闭合 **强调 _混合* 与 [未闭合链接(x) 与 \\*转义\\*',
  '| 表 | 头 |\n|---|---|\n| 单 | 元 |',
  '\t制表 缩进\n\n  两空格 段落  \n\n\n\n多空行',
  '2024. 年份开头\n100) 数字开头\n+ 加号列表\n* 星号列表',
  '#不是标题\n####### 七个井号\n# 标题 #',
  '<div>\n块 *不解析* \n\n</div>\n\n*解析*',
];

describe('markdownToText (markdown-it) matches the remark conversion', () => {
  it('on constructs that differ between parsers', () => {
    for (const md of CONSTRUCTS) expect(markdownToText(md), md).toBe(markdownToTextViaRemark(md));
  });

  it('on the demo content, the unseen relevance set and generated items', () => {
    const demo = strings(JSON.parse(readFileSync(path.join(ROOT, 'cms/src/seed/demo/content.json'), 'utf8')));
    const tsv = ['items.tsv', 'policies.tsv'].flatMap((f) => readFileSync(path.join(ROOT, 'search-sync/relevance/unseen', f), 'utf8').split('\n').flatMap((l) => l.split('\t')));
    const generated = Array.from({ length: 50 }, (_, n) => strings(generatedItem(n))).flat();
    const texts = [...demo, ...tsv, ...generated].filter((t) => t.length > 1);
    expect(texts.length).toBeGreaterThan(1000);
    const differing = texts.filter((t) => markdownToText(t) !== markdownToTextViaRemark(t));
    expect(differing).toEqual([]);
  });
});
