// A published CMS entry → its search document (one per entry and locale). Markdown becomes plain
// text, the department and policy are flattened in, and the content hash lets reconcile find
// stale documents without comparing every field.
import { createHash } from 'node:crypto';
import {
  SUBJECTS,
  TOPICS,
  docNumberTokens,
  markdownToText,
  normalizeDocNumber,
  searchDocumentId,
  type SearchDocument,
  type SearchDocumentType,
  type SearchLocale,
} from '@zone/schemas';
import { CONTENT_TYPES } from '../cms-db/index.ts';
import { dateOnly, epochMs, type PublishedEntry } from '../cms-db/content-reader.ts';
import { UnrecoverableError } from '../errors/index.ts';
import { titlePinyinTokens } from './pinyin.ts';
import { dateTs, effectiveValidity } from './validity.ts';

type Unhashed = Omit<SearchDocument, 'contentHash'>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function keywordsOf(v: unknown): string[] {
  const s = str(v);
  return s ? [...new Set(s.split(/[,，、;；\s]+/).map((k) => k.trim()).filter(Boolean))] : [];
}

function jsonList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      return [];
    }
  }
  return [];
}

function amount(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function contentHash(doc: Unhashed): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 32);
}

function joinText(parts: Array<string | null>): string {
  return parts.filter((p): p is string => Boolean(p)).join('\n');
}

/** Builds the search document; `today` (YYYY-MM-DD, Asia/Shanghai) decides expiry. */
export function buildSearchDocument(entry: PublishedEntry, today: string): SearchDocument {
  const { row, uid } = entry;
  const type = CONTENT_TYPES[uid].type;
  if (entry.locale !== 'zh-Hans' && entry.locale !== 'en') {
    throw new UnrecoverableError('DOCUMENT_INVALID', `${uid} ${row.document_id}: locale ${entry.locale} is not indexed`);
  }
  const locale: SearchLocale = entry.locale;
  const dept = entry.department;
  const policy = entry.policy;
  const subjects = type === 'policy_item' ? jsonList(row.subjects) : [];
  const topics = type === 'policy_item' ? jsonList(row.topics) : [];

  let title: string | null;
  let summary = '';
  let shortAnswer: string | null = null;
  let body: string;
  let docNumber: string | null = policy?.docNumber ?? null;
  let stated: string | null | undefined = policy?.validity;
  let effectiveUntil: string | null = policy?.effectiveUntil ?? null;
  let issueDate: string | null = null;
  let effectiveFrom: string | null = null;

  switch (type) {
    case 'policy_item':
      title = str(row.title);
      summary = markdownToText(str(row.summary));
      body = joinText([row.eligibility, row.support_standard, row.required_materials, row.procedure].map((m) => markdownToText(str(m)) || null));
      effectiveUntil = dateOnly(row.effective_until) ?? effectiveUntil;
      break;
    case 'interpretation':
      title = str(row.title);
      body = markdownToText(str(row.body));
      break;
    case 'hotline_answer':
      title = str(row.question);
      shortAnswer = markdownToText(str(row.short_answer));
      summary = shortAnswer;
      body = markdownToText(str(row.full_answer));
      // A hotline answer has no validity of its own.
      stated = 'valid';
      effectiveUntil = null;
      docNumber = null;
      break;
    case 'policy':
      title = str(row.title);
      summary = markdownToText(str(row.summary));
      body = joinText([markdownToText(str(row.body)) || null, str(row.repeal_reason)]);
      docNumber = str(row.doc_number);
      stated = str(row.validity);
      effectiveUntil = dateOnly(row.effective_until);
      issueDate = dateOnly(row.issue_date);
      effectiveFrom = dateOnly(row.effective_from);
      break;
  }
  if (!title) throw new UnrecoverableError('DOCUMENT_INVALID', `${uid} ${row.document_id} (${locale}) has no title`);

  const applicationStart = type === 'policy_item' ? dateOnly(row.application_start) : null;
  const applicationEnd = type === 'policy_item' ? dateOnly(row.application_end) : null;
  const normalized = docNumber ? normalizeDocNumber(docNumber) : null;
  const doc: Unhashed = {
    id: searchDocumentId(type, row.document_id, locale),
    type,
    documentId: row.document_id,
    locale,
    title,
    summary,
    shortAnswer,
    body,
    keywords: keywordsOf(row.keywords),
    titlePinyin: locale === 'zh-Hans' ? titlePinyinTokens(title) : [],
    itemCode: type === 'policy_item' ? str(row.item_code) : null,
    departmentCode: dept?.code ?? null,
    departmentName: dept?.name ?? null,
    departmentShortName: dept?.shortName ?? null,
    departmentPhone: dept?.phone ?? null,
    coDepartmentCodes: entry.coDepartmentCodes,
    policyDocumentId: type === 'policy' ? row.document_id : (policy?.documentId ?? null),
    policyTitle: type === 'policy' ? title : (policy?.title ?? null),
    docNumber,
    docNumberNormalized: normalized,
    ownDocNumber: type === 'policy' ? normalized : null,
    docNumberTokens: docNumber ? docNumberTokens(docNumber) : [],
    validity: effectiveValidity(stated, effectiveUntil, today),
    issueDate,
    effectiveFrom,
    effectiveUntil,
    applicationStart,
    applicationEnd,
    issueDateTs: dateTs(issueDate),
    effectiveUntilTs: dateTs(effectiveUntil),
    applicationStartTs: dateTs(applicationStart),
    applicationEndTs: dateTs(applicationEnd),
    maxAmount: type === 'policy_item' ? amount(row.max_amount) : null,
    subjects,
    subjectLabels: subjects.map((s) => (SUBJECTS as Record<string, string>)[s] ?? s),
    topics,
    topicLabels: topics.map((t) => (TOPICS as Record<string, string>)[t] ?? t),
    industries: type === 'policy_item' ? str(row.industries) : null,
    contact: type === 'policy_item' ? str(row.contact) : null,
    relatedItemDocumentIds: entry.relatedItems.map((i) => i.documentId),
    relatedItemCodes: entry.relatedItems.flatMap((i) => (i.itemCode ? [i.itemCode] : [])),
    sections: sectionsOf(type, row),
    conditions: type === 'policy_item' ? entry.conditions : [],
    ...reviewOf(type, row),
    publishedAtTs: epochMs(row.published_at),
    updatedAtTs: epochMs(row.updated_at),
  };
  return { ...doc, contentHash: contentHash(doc) };
}

function citedVersionsOf(v: unknown): Record<string, string> {
  let value = v;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      value = JSON.parse(v) as unknown;
    } catch {
      return {};
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** 待复核 state of a 口径 or interpretation (cms/src/citations): null for policies and items. */
function reviewOf(type: SearchDocumentType, row: Record<string, unknown>): Pick<Unhashed, 'reviewStatus' | 'reviewReason' | 'flaggedAtTs' | 'reviewedAtTs' | 'reviewedBy' | 'citedVersions'> {
  if (type !== 'hotline_answer' && type !== 'interpretation') {
    return { reviewStatus: null, reviewReason: null, flaggedAtTs: null, reviewedAtTs: null, reviewedBy: null, citedVersions: {} };
  }
  const ts = (v: unknown) => (v === null || v === undefined || v === '' ? null : epochMs(v));
  return {
    reviewStatus: row.review_status === 'pending' ? 'pending' : 'current',
    reviewReason: str(row.review_reason),
    flaggedAtTs: ts(row.flagged_at),
    reviewedAtTs: ts(row.reviewed_at),
    reviewedBy: str(row.reviewed_by),
    citedVersions: citedVersionsOf(row.cited_versions),
  };
}

/** The markdown of the long fields, kept for the api's detail reads (the CMS is never read on that path). */
const SECTION_COLUMNS: Record<SearchDocumentType, Record<string, string>> = {
  policy_item: { eligibility: 'eligibility', supportStandard: 'support_standard', requiredMaterials: 'required_materials', procedure: 'procedure' },
  interpretation: { body: 'body' },
  hotline_answer: { fullAnswer: 'full_answer' },
  policy: { body: 'body' },
};

function sectionsOf(type: SearchDocumentType, row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, column] of Object.entries(SECTION_COLUMNS[type] ?? {})) {
    const markdown = str(row[column]);
    if (markdown) out[key] = markdown;
  }
  return out;
}
