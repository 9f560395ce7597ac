// What a search document looks like to a client: a hit with its highlighted title and snippet, the
// links to its sources, the facet counts with their Chinese labels, and the detail reads with their
// markdown rendered. Pure: the resolvers fetch, these shape.
import { SUBJECTS, TOPICS, VALIDITY, type SearchDocument, type SearchDocumentType } from '@zone/schemas';
import type { DepartmentRef } from './department-directory.ts';
import { HIGHLIGHT_PARAMS, MATCH_START, toSafeHighlight } from './highlight.ts';
import { renderMarkdown } from './rich-text.ts';
import type { SearchDocumentHit } from './search-index.ts';

const TYPE_LABELS: Record<SearchDocumentType, string> = {
  policy_item: '政策条目',
  interpretation: '政策解读',
  hotline_answer: '热线口径',
  policy: '政策文件',
};

/** What a list of linked entries needs (a policy's items, an interpretation's items). */
export const LIST_FIELDS = ['type', 'documentId', 'title', 'itemCode', 'order'] as const;

/**
 * What a search hit shows (toHit reads these): not the summary and the long text, whose cropped
 * snippets Meilisearch returns in `_formatted` whether or not they are retrieved (test/search-api:
 * the snippet), so their full text does not travel with every hit; not the markdown sources.
 */
export const HIT_FIELDS: Array<keyof SearchDocument> = [
  'id', 'documentId', 'type', 'locale', 'title', 'shortAnswer', 'itemCode',
  'departmentCode', 'departmentName', 'departmentShortName', 'departmentPhone', 'validity', 'maxAmount',
  'applicationStart', 'applicationEnd', 'docNumber', 'policyTitle', 'policyDocumentId',
];

/** How the `search` resolver asks Meilisearch for its hits (also what bench:search sends raw Meilisearch). */
export const HIT_PARAMS = {
  attributesToRetrieve: HIT_FIELDS,
  attributesToHighlight: ['title', 'summary', 'shortAnswer', 'body'],
  attributesToCrop: ['summary', 'body', 'shortAnswer'],
  cropLength: 40,
  ...HIGHLIGHT_PARAMS,
};

export function department(doc: SearchDocument): DepartmentRef | null {
  if (!doc.departmentCode) return null;
  return { code: doc.departmentCode, name: doc.departmentName ?? doc.departmentCode, shortName: doc.departmentShortName, phone: doc.departmentPhone };
}

/** A field as Meilisearch formatted it (highlight markers, crop), when it did. */
export function formatted(hit: SearchDocumentHit, field: keyof SearchDocument): string | undefined {
  const value = hit._formatted?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** The passage to show under a hit: where the query matched, else the summary's start. */
function snippet(hit: SearchDocumentHit): string {
  const order: Array<keyof SearchDocument> = hit.type === 'hotline_answer' ? ['shortAnswer', 'summary', 'body'] : ['summary', 'body', 'shortAnswer'];
  const texts = order.map((f) => formatted(hit, f)).filter((t): t is string => Boolean(t));
  const matched = texts.find((t) => t.includes(MATCH_START));
  return toSafeHighlight(matched ?? texts[0] ?? '');
}

export function toHit(hit: SearchDocumentHit) {
  return {
    id: hit.id,
    documentId: hit.documentId,
    type: hit.type,
    locale: hit.locale,
    title: hit.title,
    highlightedTitle: toSafeHighlight(formatted(hit, 'title') ?? hit.title),
    snippet: snippet(hit),
    department: department(hit),
    validity: hit.validity,
    maxAmount: hit.maxAmount,
    applicationStart: hit.applicationStart,
    applicationEnd: hit.applicationEnd,
    itemCode: hit.itemCode,
    docNumber: hit.docNumber,
    policyTitle: hit.policyTitle,
    policyDocumentId: hit.policyDocumentId,
    shortAnswer: hit.shortAnswer,
  };
}

/** A suggestion under the hotline's search box. */
export function toSuggestion(hit: SearchDocumentHit) {
  return {
    text: hit.title,
    highlighted: toSafeHighlight(formatted(hit, 'title') ?? hit.title),
    type: hit.type,
    documentId: hit.documentId,
    shortAnswer: hit.shortAnswer ?? null,
    departmentName: hit.departmentName ?? null,
  };
}

export function sourceLink(doc: Pick<SearchDocument, 'type' | 'documentId' | 'title' | 'itemCode'>) {
  return { type: doc.type, documentId: doc.documentId, title: doc.title, itemCode: doc.itemCode };
}

/** The policy an entry belongs to, as a link (none for a policy itself). */
export function policyLink(doc: SearchDocument) {
  return doc.policyDocumentId && doc.policyTitle && doc.type !== 'policy'
    ? { type: 'policy' as const, documentId: doc.policyDocumentId, title: doc.policyTitle, itemCode: null }
    : null;
}

export const byItemCode = (a: { itemCode?: string | null }, b: { itemCode?: string | null }) => (a.itemCode ?? '').localeCompare(b.itemCode ?? '');

/** Markdown source of a section, as search-sync stores it (`sections`), rendered for display. */
function section(doc: SearchDocument, key: string) {
  const sections = (doc as SearchDocument & { sections?: Record<string, string> }).sections;
  return renderMarkdown(sections?.[key]);
}

/**
 * Facet counts with the labels people read. Values are what the filter takes back: enum names
 * (POLICY_ITEM, VALID …), department codes as they are.
 */
export function presentFacets(distribution: Record<string, Record<string, number>>, departments: readonly DepartmentRef[]) {
  const facet = (attribute: string, label: (value: string) => string, asEnum = true) =>
    Object.entries(distribution[attribute] ?? {})
      .map(([value, count]) => ({ value: asEnum ? value.toUpperCase() : value, label: label(value), count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    type: facet('type', (v) => TYPE_LABELS[v as SearchDocumentType] ?? v),
    department: facet('departmentCode', (v) => departments.find((d) => d.code === v)?.name ?? v, false),
    topic: facet('topics', (v) => TOPICS[v as keyof typeof TOPICS] ?? v),
    subject: facet('subjects', (v) => SUBJECTS[v as keyof typeof SUBJECTS] ?? v),
    validity: facet('validity', (v) => VALIDITY[v as keyof typeof VALIDITY] ?? v),
  };
}

export function presentPolicyItem(doc: SearchDocument) {
  return {
    documentId: doc.documentId,
    locale: doc.locale,
    itemCode: doc.itemCode ?? '',
    title: doc.title,
    summary: doc.summary || null,
    department: department(doc),
    policy: policyLink(doc),
    validity: doc.validity,
    eligibility: section(doc, 'eligibility'),
    supportStandard: section(doc, 'supportStandard'),
    maxAmount: doc.maxAmount,
    requiredMaterials: section(doc, 'requiredMaterials'),
    procedure: section(doc, 'procedure'),
    applicationStart: doc.applicationStart,
    applicationEnd: doc.applicationEnd,
    effectiveUntil: doc.effectiveUntil,
    contact: doc.contact,
    subjects: doc.subjects as Array<keyof typeof SUBJECTS>,
    topics: doc.topics as Array<keyof typeof TOPICS>,
    industries: doc.industries,
    keywords: doc.keywords,
  };
}

export function presentPolicy(doc: SearchDocument, items: readonly SearchDocument[], interpretations: readonly SearchDocument[]) {
  return {
    documentId: doc.documentId,
    locale: doc.locale,
    title: doc.title,
    docNumber: doc.docNumber,
    department: department(doc),
    coIssuingDepartments: doc.coDepartmentCodes,
    issueDate: doc.issueDate,
    effectiveFrom: doc.effectiveFrom,
    effectiveUntil: doc.effectiveUntil,
    validity: doc.validity,
    summary: doc.summary || null,
    body: section(doc, 'body'),
    items: items.map(sourceLink).sort(byItemCode),
    interpretations: interpretations.map(sourceLink),
  };
}

export function presentInterpretation(doc: SearchDocument, items: readonly SearchDocument[]) {
  return {
    documentId: doc.documentId,
    locale: doc.locale,
    title: doc.title,
    department: department(doc),
    policy: policyLink(doc),
    items: items.map(sourceLink),
    body: section(doc, 'body'),
  };
}
