// The search inputs, validated (zod) with the path of a wrong field (search-filters.ts turns them
// into Meilisearch filters).
import { z } from 'zod';
import { SEARCH_DOCUMENT_TYPES, SEARCH_LOCALES, SUBJECT_KEYS, TOPIC_KEYS, VALIDITY_KEYS, type SearchLocale } from '@zone/schemas';
import { BadUserInputError } from '../errors/index.ts';

/** Protection limits: a maximum page size and query-string length, so one request cannot cost more than a page of the index. */
export const SEARCH_LIMITS = {
  maxQueryLength: 200,
  maxPageSize: 50,
  maxSuggest: 10,
  maxAnswers: 5,
  /** Deepest offset a cursor may reach (Meilisearch pagination.maxTotalHits is 5000). */
  maxOffset: 5000,
} as const;

export function localeOf(value: SearchLocale | null | undefined): SearchLocale {
  return value ?? 'zh-Hans';
}

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);

// A lone surrogate cannot be sent to Meilisearch as UTF-8 (it would answer 400, seen as an outage).
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

// Built once per length limit: resolvers call this on every search and keystroke, and building a
// zod schema costs more CPU than using it.
const queryTextSchemas = new Map<number, z.ZodType<string, string>>();
export const queryText = (max: number = SEARCH_LIMITS.maxQueryLength): z.ZodType<string, string> => {
  let schema = queryTextSchemas.get(max);
  if (!schema) {
    schema = z
      .string()
      .max(max, `查询过长，最多 ${max} 个字符 (query longer than ${max} characters)`)
      .refine(noControl, '查询含有控制字符 (control characters are not allowed)')
      .refine(wellFormed, '含有无效的 Unicode 字符 (lone UTF-16 surrogate; text must be valid Unicode)')
      .transform((s) => s.trim());
    queryTextSchemas.set(max, schema);
  }
  return schema;
};

const departmentCode = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '部门代码格式不正确 (department code such as economy-commerce)');

// GraphQL enums arrive as the snake_case keys of @zone/schemas (enum resolvers map them).
export const filterSchema = z
  .object({
    types: z.array(z.enum(SEARCH_DOCUMENT_TYPES)).max(4).nullish(),
    departments: z.array(departmentCode).max(20).nullish(),
    topics: z.array(z.enum(TOPIC_KEYS)).max(4).nullish(),
    subjects: z.array(z.enum(SUBJECT_KEYS)).max(3).nullish(),
    validity: z.array(z.enum(VALIDITY_KEYS)).max(3).nullish(),
    includeExpired: z.boolean().nullish(),
    minAmount: z.number().min(0, '金额不能为负 (amount must be ≥ 0)').max(1e9).nullish(),
    maxAmount: z.number().min(0, '金额不能为负 (amount must be ≥ 0)').max(1e9).nullish(),
    openOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
    locale: z.enum(SEARCH_LOCALES).nullish(),
  })
  .refine((f) => f.minAmount == null || f.maxAmount == null || f.minAmount <= f.maxAmount, {
    message: '最低金额不能大于最高金额 (minAmount must not exceed maxAmount)',
    path: ['minAmount'],
  });
export type SearchFilterInput = z.infer<typeof filterSchema>;

export function pageSize(value: number | null | undefined, max: number, field: string, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw BadUserInputError.single([field], 'too_big', `${field} 必须在 1 到 ${max} 之间 (${field} must be between 1 and ${max})`);
  }
  return n;
}

export const SORTS: Record<string, string[] | undefined> = {
  RELEVANCE: undefined,
  NEWEST: ['issueDateTs:desc', 'publishedAtTs:desc'],
  APPLICATION_DEADLINE: ['applicationEndTs:asc'],
  AMOUNT_DESC: ['maxAmount:desc'],
};
