// The search document: one per (published entry, locale) of a policy item, interpretation, hotline
// answer or policy. search-sync writes it, the api reads it. Related entries (department, policy) are
// flattened in so a hit is readable without another lookup. Markdown fields arrive as plain text.
import { z } from 'zod';
import { storedConditionSchema } from '../matching/conditions.ts';

export const SEARCH_DOCUMENT_TYPES = ['policy_item', 'interpretation', 'hotline_answer', 'policy'] as const;
export type SearchDocumentType = (typeof SEARCH_DOCUMENT_TYPES)[number];

export const SEARCH_LOCALES = ['zh-Hans', 'en'] as const;
export type SearchLocale = (typeof SEARCH_LOCALES)[number];

/** The index every type shares (filtered by `type`), named `${prefix}documents`. */
export const SEARCH_INDEX_UID = 'documents';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const searchDocumentSchema = z.object({
  /** `${type}-${documentId}-${locale}`: Meilisearch ids allow [A-Za-z0-9_-]. */
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  type: z.enum(SEARCH_DOCUMENT_TYPES),
  documentId: z.string(),
  locale: z.enum(SEARCH_LOCALES),

  /** Item / interpretation / policy title; for a hotline answer, its question. */
  title: z.string(),
  /** Plain-text summary (item, policy) or the 口径 short answer (hotline answer). */
  summary: z.string(),
  /** The hotline answer's short line to read out (hotline_answer only, else null). */
  shortAnswer: z.string().nullable(),
  /** All long text (eligibility, support standard, materials, procedure, body, full answer) as plain text. */
  body: z.string(),
  keywords: z.array(z.string()),
  /** The title's toneless pinyin, every 2–4 character span as one word (zh-Hans only, else empty):
   * a caller who types fuhuaqi finds 孵化器. Built by search-sync from the title, never from queries. */
  titlePinyin: z.array(z.string()),

  /** Policy item code, e.g. JX-2025-001 (policy_item only). */
  itemCode: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  departmentShortName: z.string().nullable(),
  departmentPhone: z.string().nullable(),
  /** Co-issuing departments (policy only; empty otherwise). */
  coDepartmentCodes: z.array(z.string()),

  /** The policy the entry belongs to (for a policy: itself). */
  policyDocumentId: z.string().nullable(),
  policyTitle: z.string().nullable(),
  /** 文号 as written, e.g. 嘉开管〔2025〕8号. */
  docNumber: z.string().nullable(),
  /** 文号 with 〔〕 brackets, ASCII digits, no spaces: every spelling matches. */
  docNumberNormalized: z.string().nullable(),
  /** A policy's own 文号 (normalized), searched right after the title so the policy outranks the
   * items that carry its 文号 (null for every other type). */
  ownDocNumber: z.string().nullable(),
  /** 文号 split into searchable tokens: issuer prefix, year, number (嘉开管 2025 8). */
  docNumberTokens: z.array(z.string()),

  /** 有效 / 失效 / 废止 as keys of VALIDITY; an item past its effective-until date is `expired`. */
  validity: z.enum(['valid', 'expired', 'repealed']),
  issueDate: isoDate.nullable(),
  effectiveFrom: isoDate.nullable(),
  effectiveUntil: isoDate.nullable(),
  applicationStart: isoDate.nullable(),
  applicationEnd: isoDate.nullable(),
  /** The same dates as epoch milliseconds (UTC midnight) for range filters and sorting; null when unset. */
  issueDateTs: z.number().nullable(),
  effectiveUntilTs: z.number().nullable(),
  applicationStartTs: z.number().nullable(),
  applicationEndTs: z.number().nullable(),
  /** Maximum support in 万元 (policy_item only). */
  maxAmount: z.number().nullable(),
  /** Keys of SUBJECTS and TOPICS, and their Chinese labels (searchable). */
  subjects: z.array(z.string()),
  subjectLabels: z.array(z.string()),
  topics: z.array(z.string()),
  topicLabels: z.array(z.string()),
  industries: z.string().nullable(),
  contact: z.string().nullable(),
  /** Items an interpretation or hotline answer points at (documentIds and codes). */
  relatedItemDocumentIds: z.array(z.string()),
  relatedItemCodes: z.array(z.string()),
  /**
   * The markdown sources of the long fields, for display (the api renders them to sanitized HTML):
   * eligibility, supportStandard, requiredMaterials, procedure (items); body (policies,
   * interpretations); fullAnswer (hotline answers). Stored, not searched: `body` holds their text.
   */
  sections: z.record(z.string(), z.string()),
  /** Eligibility conditions (policy_item only, else empty), stored, not searched: the api's
   * 政策找企业 matching reads them from here, never from the CMS. */
  conditions: z.array(storedConditionSchema),

  /**
   * 口径 and interpretations (null for other types): 'pending' (待复核) once an item they cite, or its
   * policy, changed in substance, until a specialist confirms them; with what changed and who last reviewed.
   */
  reviewStatus: z.enum(['current', 'pending']).nullable().default(null),
  reviewReason: z.string().nullable().default(null),
  flaggedAtTs: z.number().nullable().default(null),
  reviewedAtTs: z.number().nullable().default(null),
  reviewedBy: z.string().nullable().default(null),
  /** The published revision (ISO time) of each cited item the entry was last checked against, by documentId. */
  citedVersions: z.record(z.string(), z.string()).default({}),

  publishedAtTs: z.number(),
  updatedAtTs: z.number(),
  /** sha256 of the document without this field: reconcile compares it to find stale documents. */
  contentHash: z.string(),
});

export type SearchDocument = z.infer<typeof searchDocumentSchema>;

export function searchDocumentId(type: SearchDocumentType, documentId: string, locale: string): string {
  return `${type}-${documentId}-${locale}`;
}
