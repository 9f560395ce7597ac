export * from './search-document.ts';
export * from './index-settings.ts';
export * from './synonyms.ts';
export * from './doc-number.ts';
export * from './meili-connection.ts';
export * from './latest-only.ts';
export * from './markdown.ts';
