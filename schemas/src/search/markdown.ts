// Markdown → plain text, through remark's parser (mdast): search-sync indexes it and the api serves
// the same text beside the rendered HTML, so it lives here. Nothing that looks like markup survives: raw HTML keeps only
// its text (script and style bodies are dropped), and a final pass removes any tag-shaped text, so
// a snippet can never carry markup into the api or a browser.
import type { Nodes, Root } from 'mdast';
import { remark } from 'remark';

const parser = remark();

const BLOCK = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'code', 'table', 'tableRow', 'thematicBreak', 'html']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(script|style)\b[\s\S]*$/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/&(#39|[a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m);
}

function collect(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      out.push(node.value);
      return;
    case 'code':
      out.push(node.value, '\n');
      return;
    case 'html':
      out.push(htmlToText(node.value));
      if (BLOCK.has(node.type)) out.push('\n');
      return;
    case 'break':
      out.push('\n');
      return;
    case 'image':
      out.push(node.alt ?? '');
      return;
    case 'tableCell':
      for (const child of node.children) collect(child, out);
      out.push(' ');
      return;
    default:
      if ('children' in node) for (const child of node.children) collect(child as Nodes, out);
      if (BLOCK.has(node.type)) out.push('\n');
  }
}

// Text with none of these can hold no markdown construct (no emphasis, code, links, headings, lists,
// quotes, tables, HTML or entities): remark would return it unchanged, so it skips the parser.
const MARKDOWN_SIGNS = /[\\`*_[\]#+\-!|<>&~=]|^\s*\d+[.)]|^ {4}|\n\s*\n/m;

// Policy texts repeat a lot of boilerplate (materials lists, procedures); a bounded memo of recent
// conversions saves most of the parsing in a 100,000-item reindex.
const MEMO_LIMIT = 5_000;
const memo = new Map<string, string>();

export function markdownToText(markdown: string | null | undefined): string {
  if (!markdown) return '';
  if (!MARKDOWN_SIGNS.test(markdown)) return markdown.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n\s*/g, '\n').trim();
  const cached = memo.get(markdown);
  if (cached !== undefined) return cached;
  const text = convert(markdown);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(markdown, text);
  return text;
}

function convert(markdown: string): string {
  const tree = parser.parse(markdown) as Root;
  const out: string[] = [];
  collect(tree, out);
  return out
    .join('')
    // Whatever looked like a tag after entity decoding (e.g. &lt;script&gt;) is removed too.
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
