// Markdown from the CMS, for display: sanitized HTML and plain text. Raw HTML in the markdown is
// dropped (remark-rehype without allowDangerousHtml) and the result passes rehype-sanitize's
// GitHub-style allow-list, so no script, style or event handler reaches a page.
// The plain text is the same text the index holds (markdownToText in @zone/schemas).
// Rendering is pure, so results are cached by the markdown itself (bounded, least recently used).
import { remark } from 'remark';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { markdownToText } from '@zone/schemas';

export interface RichText {
  html: string;
  text: string;
}

const toHtml = remark().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

const CACHE_SIZE = 2000;
const cache = new Map<string, RichText>();

export function renderMarkdown(markdown: string | null | undefined): RichText | null {
  if (markdown == null || markdown.trim() === '') return null;
  const hit = cache.get(markdown);
  if (hit) {
    cache.delete(markdown);
    cache.set(markdown, hit);
    return hit;
  }
  const rendered: RichText = {
    html: String(toHtml.processSync(markdown)).trim(),
    text: markdownToText(markdown),
  };
  cache.set(markdown, rendered);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return rendered;
}
