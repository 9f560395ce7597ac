// The one builder of Meilisearch filter expressions. Every value becomes a quoted filter literal,
// never raw filter syntax, and the attributes, document types and validity values are the
// vocabularies of @zone/schemas, so a filter cannot name what the index does not hold.
import { VALIDITY_KEYS, type SearchDocumentType, type SearchIndexSettings, type SearchLocale, type Validity } from '@zone/schemas';
import type { SearchFilterInput } from './search-input.ts';

/** An attribute the index settings declare filterable or sortable (SEARCH_INDEX_SETTINGS). */
type FilterAttribute = SearchIndexSettings['filterableAttributes'][number];

/** A filter literal: backslashes and quotes escaped, so a value cannot end the string. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Clauses ANDed, in the order they were added (Meilisearch takes an array as AND). */
export class SearchFilter {
  private readonly clauses: string[] = [];

  private constructor(locale: SearchLocale) {
    this.is('locale', locale);
  }

  /** Every search and read is within one locale: an English entry never answers a Chinese query. */
  static inLocale(locale: SearchLocale): SearchFilter {
    return new SearchFilter(locale);
  }

  is(attribute: FilterAttribute, value: string): this {
    this.clauses.push(`${attribute} = ${quote(value)}`);
    return this;
  }

  oneOf(attribute: FilterAttribute, values: readonly string[]): this {
    this.clauses.push(`${attribute} IN [${values.map(quote).join(', ')}]`);
    return this;
  }

  /** One document type, or any of several. */
  ofType(type: SearchDocumentType | readonly SearchDocumentType[]): this {
    return typeof type === 'string' ? this.is('type', type) : this.oneOf('type', type);
  }

  /** Only entries in force: expired and repealed ones are left out. */
  current(): this {
    return this.is('validity', 'valid' satisfies Validity);
  }

  /** The given validities; all of them when `includeExpired`. */
  validity(values: readonly Validity[] | 'any'): this {
    return this.oneOf('validity', values === 'any' ? VALIDITY_KEYS : values);
  }

  atLeast(attribute: FilterAttribute, value: number): this {
    this.clauses.push(`${attribute} >= ${value}`);
    return this;
  }

  atMost(attribute: FilterAttribute, value: number): this {
    this.clauses.push(`${attribute} <= ${value}`);
    return this;
  }

  build(): string[] {
    return [...this.clauses];
  }
}

/** Epoch ms of a Shanghai calendar date at UTC midnight, as search-sync stores dates. */
export function dateTs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The `search` filter input as Meilisearch filters. Expired and repealed entries are excluded unless asked for. */
export function buildFilter(filter: SearchFilterInput | undefined, locale: SearchLocale): string[] {
  const f = filter ?? {};
  const out = SearchFilter.inLocale(locale);
  if (f.types?.length) out.ofType(f.types);
  if (f.departments?.length) out.oneOf('departmentCode', f.departments);
  if (f.topics?.length) out.oneOf('topics', f.topics);
  if (f.subjects?.length) out.oneOf('subjects', f.subjects);
  out.validity(f.includeExpired ? 'any' : f.validity?.length ? f.validity : ['valid']);
  if (f.minAmount != null) out.atLeast('maxAmount', f.minAmount);
  if (f.maxAmount != null) out.atMost('maxAmount', f.maxAmount);
  if (f.openOn) {
    const ts = dateTs(f.openOn);
    out.atMost('applicationStartTs', ts).atLeast('applicationEndTs', ts);
  }
  return out.build();
}
