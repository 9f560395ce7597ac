// The live index this deployment writes (`${prefix}documents`), with the calls search-sync makes on
// it. Every write waits for its Meilisearch task to succeed.
import type { SearchDocument } from '@zone/schemas';
import type { MeiliConnection } from './client.ts';

export class SearchIndex {
  constructor(
    readonly meili: MeiliConnection,
    readonly uid: string,
  ) {}

  async upsert(docs: SearchDocument[], indexUid = this.uid): Promise<void> {
    if (docs.length === 0) return;
    await this.meili.waitSucceeded(this.meili.client.index(indexUid).addDocuments(docs, { primaryKey: 'id' }));
  }

  async remove(ids: string[], indexUid = this.uid): Promise<void> {
    if (ids.length === 0) return;
    await this.meili.waitSucceeded(this.meili.client.index(indexUid).deleteDocuments(ids));
  }
}
