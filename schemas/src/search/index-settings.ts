// The index settings as data (search-sync applies them; the api relies on them for filters,
// sorting, highlighting and cropping). Order of searchableAttributes is deliberate: Meilisearch's
// `attribute` ranking rule prefers matches in earlier attributes.
import type { SearchDocument } from './search-document.ts';

type Attribute = keyof SearchDocument;

export interface SearchIndexSettings {
  searchableAttributes: Attribute[];
  filterableAttributes: Attribute[];
  sortableAttributes: Attribute[];
  displayedAttributes: ['*'];
  rankingRules: string[];
  distinctAttribute: null;
  typoTolerance: {
    enabled: boolean;
    minWordSizeForTypos: { oneTypo: number; twoTypos: number };
    disableOnAttributes: Attribute[];
    disableOnNumbers: boolean;
  };
  pagination: { maxTotalHits: number };
  faceting: { maxValuesPerFacet: number; sortFacetValuesBy: Record<string, 'alpha' | 'count'> };
  separatorTokens: string[];
  nonSeparatorTokens: string[];
  proximityPrecision: 'byWord' | 'byAttribute';
  localizedAttributes: Array<{ attributePatterns: string[]; locales: string[] }>;
  facetSearch: boolean;
}

export const SEARCH_INDEX_SETTINGS: SearchIndexSettings = {
  searchableAttributes: [
    'title',
    'itemCode',
    'ownDocNumber',
    'keywords',
    'shortAnswer',
    'summary',
    'docNumberNormalized',
    'docNumber',
    'docNumberTokens',
    'policyTitle',
    'departmentName',
    'departmentShortName',
    'topicLabels',
    'subjectLabels',
    'industries',
    'body',
    'contact',
    'relatedItemCodes',
    // Last: only a latin query can match it, and then it is the title's pinyin.
    'titlePinyin',
  ],
  filterableAttributes: [
    'id',
    'type',
    'locale',
    'documentId',
    'departmentCode',
    'coDepartmentCodes',
    'policyDocumentId',
    'itemCode',
    'docNumberNormalized',
    'topics',
    'subjects',
    'validity',
    'maxAmount',
    'issueDateTs',
    'effectiveUntilTs',
    'applicationStartTs',
    'applicationEndTs',
    'relatedItemDocumentIds',
    // 待复核: the review queue and the monthly report.
    'reviewStatus',
    'flaggedAtTs',
    'reviewedAtTs',
  ],
  sortableAttributes: ['issueDateTs', 'effectiveUntilTs', 'applicationStartTs', 'applicationEndTs', 'publishedAtTs', 'updatedAtTs', 'maxAmount', 'title'],
  displayedAttributes: ['*'],
  // Default order, with `exactness` moved before `attribute`: a query typed exactly as a title or
  // code (专精特新, JX-2025-003) beats a longer document that only mentions it.
  rankingRules: ['words', 'typo', 'proximity', 'exactness', 'attribute', 'sort'],
  distinctAttribute: null,
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    // 文号 and item codes are identifiers: JX-2025-001 must not match JX-2025-007.
    disableOnAttributes: ['itemCode', 'ownDocNumber', 'docNumber', 'docNumberNormalized', 'docNumberTokens', 'relatedItemCodes'],
    disableOnNumbers: true,
  },
  pagination: { maxTotalHits: 5000 },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  separatorTokens: ['〔', '〕', '（', '）', '【', '】', '、', '，', '；'],
  nonSeparatorTokens: [],
  proximityPrecision: 'byWord',
  localizedAttributes: [],
  // Nothing searches within facet values (the facets are counts of fixed codes), so Meilisearch is
  // spared building that structure on every write: indexing time is publish→searchable time.
  facetSearch: false,
};

/** What the api asks Meilisearch to highlight and crop (search parameters, not index settings). */
export const SEARCH_HIGHLIGHT = {
  attributesToHighlight: ['title', 'summary', 'shortAnswer', 'body', 'policyTitle'],
  attributesToCrop: ['summary:60', 'body:60', 'shortAnswer:80'],
  cropLength: 60,
  cropMarker: '…',
  highlightPreTag: '<mark>',
  highlightPostTag: '</mark>',
} as const;

/** The facets the api requests. */
export const SEARCH_FACETS = ['type', 'departmentCode', 'topics', 'subjects', 'validity'] as const satisfies readonly Attribute[];
