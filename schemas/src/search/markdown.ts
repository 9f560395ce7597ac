// Markdown → plain text: search-sync indexes it and the api serves the same text beside the rendered
// HTML, so it lives here. Nothing that looks like markup survives: raw HTML keeps only
// its text (script and style bodies are dropped), and a final pass removes any tag-shaped text, so a
// snippet can never carry markup into the api or a browser.
// Parsed by markdown-it (CommonMark, HTML on): the same CommonMark as remark's parser, at about a
// fifteenth of its CPU (0.06 against 0.8 ms per generated item measured here). Building documents is
// the CPU a reindex adds to Meilisearch's own, on the same two cores. `markdownToTextViaRemark` is
// the earlier mdast walk, kept as the reference the two are checked against (test/search-sync).
import MarkdownIt from 'markdown-it';
import type { Nodes, Root } from 'mdast';
import { remark } from 'remark';

type Token = ReturnType<MarkdownIt['parse']>[number];

const parser = remark();
const fast = new MarkdownIt('commonmark');

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

// Closing a block ends a line, as a block node does in the mdast walk.
const BLOCK_CLOSE = new Set(['paragraph_close', 'heading_close', 'list_item_close', 'blockquote_close']);

function collectTokens(tokens: Token[], out: string[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'inline':
        collectTokens(t.children ?? [], out);
        break;
      case 'text':
      case 'code_inline':
        out.push(t.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        out.push('\n');
        break;
      case 'code_block':
      case 'fence':
        out.push(t.content.replace(/\n$/, ''), '\n');
        break;
      // Block and inline HTML alike (mdast has one `html` node for both).
      case 'html_block':
      case 'html_inline':
        out.push(htmlToText(t.content), '\n');
        break;
      case 'image':
        // The alt text as plain text (its own markup dropped).
        collectTokens(t.children ?? [], out);
        break;
      case 'hr':
        out.push('\n');
        break;
      default:
        if (BLOCK_CLOSE.has(t.type)) out.push('\n');
    }
  }
}

function convert(markdown: string): string {
  const out: string[] = [];
  collectTokens(fast.parse(markdown, {}), out);
  return clean(out);
}

/** The earlier conversion (remark's mdast), the reference for the markdown-it one. */
export function markdownToTextViaRemark(markdown: string | null | undefined): string {
  if (!markdown) return '';
  const out: string[] = [];
  collect(parser.parse(markdown) as Root, out);
  return clean(out);
}

function clean(out: string[]): string {
  return out
    .join('')
    // Whatever looked like a tag after entity decoding (e.g. &lt;script&gt;) is removed too.
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
