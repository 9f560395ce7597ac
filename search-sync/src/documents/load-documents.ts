// The search documents of given CMS documents, per type: what to upsert, which ids to delete (a
// locale or type that is not published, or no longer), and which documents could not be built.
import { SEARCH_LOCALES, searchDocumentId, type SearchDocument } from '@zone/schemas';
import { CONTENT_TYPES, type CmsDb, type IndexedUid } from '../cms-db/index.ts';
import { enrichEntries, publishedRowsOf } from '../cms-db/content-reader.ts';
import { buildSearchDocument } from './build-document.ts';

export interface DocumentSet {
  upserts: SearchDocument[];
  deletes: string[];
  /** documentId → the error that kept it from being built. */
  failures: Map<string, unknown>;
}

export async function loadDocuments(db: CmsDb, uid: IndexedUid, documentIds: string[], today: string): Promise<DocumentSet> {
  const type = CONTENT_TYPES[uid].type;
  const entries = await enrichEntries(db, uid, await publishedRowsOf(db, uid, documentIds));
  const upserts: SearchDocument[] = [];
  const failures = new Map<string, unknown>();
  for (const entry of entries) {
    try {
      upserts.push(buildSearchDocument(entry, today));
    } catch (error) {
      failures.set(entry.row.document_id, error);
    }
  }
  const kept = new Set(upserts.map((d) => d.id));
  const deletes: string[] = [];
  for (const documentId of new Set(documentIds)) {
    if (failures.has(documentId)) continue;
    for (const locale of SEARCH_LOCALES) {
      const id = searchDocumentId(type, documentId, locale);
      if (!kept.has(id)) deletes.push(id);
    }
  }
  return { upserts: upserts.filter((d) => !failures.has(d.documentId)), deletes, failures };
}
