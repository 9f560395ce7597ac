// The live index this deployment writes (`${prefix}documents`), with the calls search-sync makes on
// it. Every write waits for its Meilisearch task to succeed.
import type { SearchDocument } from '@zone/schemas';
import type { Task } from 'meilisearch';
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

  /**
   * Upserts and deletes in one go, and only ids that are actually in the index are deleted (a zh-only
   * item has no en document to delete: no task for it). The upsert is enqueued first and the
   * existence check runs while Meilisearch already has it (the check used to delay every publish by
   * a round trip); the delete follows, usually while the upsert is still queued, so Meilisearch can
   * batch them. Resolves when every task succeeded.
   */
  async apply(upserts: SearchDocument[], deletes: string[]): Promise<{ deleted: number; tasks: Task[] }> {
    const upserted = upserts.length ? this.meili.waitSucceeded(this.meili.client.index(this.uid).addDocuments(upserts, { primaryKey: 'id' })) : undefined;
    let deleted = 0;
    const removed = this.existing(deletes).then((existing) => {
      deleted = existing.length;
      return existing.length ? this.meili.waitSucceeded(this.meili.client.index(this.uid).deleteDocuments(existing)) : undefined;
    });
    const settled = await Promise.allSettled([upserted, removed]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const tasks = settled.flatMap((r) => ((r as PromiseFulfilledResult<Task | undefined>).value ? [(r as PromiseFulfilledResult<Task>).value] : []));
    return { deleted, tasks };
  }

  /** Which of these ids are in the index (one filtered read per 500 ids). */
  async existing(ids: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const filter = `id IN [${chunk.map((id) => JSON.stringify(id)).join(',')}]`;
      const res = await this.meili.call('read ids', (c) => c.index(this.uid).getDocuments<{ id: string }>({ filter, fields: ['id'], limit: chunk.length }));
      found.push(...res.results.map((d) => d.id));
    }
    return found;
  }

  async remove(ids: string[], indexUid = this.uid): Promise<void> {
    if (ids.length === 0) return;
    await this.meili.waitSucceeded(this.meili.client.index(indexUid).deleteDocuments(ids));
  }
}
