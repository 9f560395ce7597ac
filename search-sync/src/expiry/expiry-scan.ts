// Expiry: an entry whose effective-until date has passed becomes 失效 without anyone touching it.
// The index knows each document's effectiveUntilTs and validity, so one filtered query finds the
// documents still shown as valid after their last day (Asia/Shanghai), and they are queued for
// re-indexing like any other change (the document builder decides `expired` from the date).
import { CONTENT_TYPES, type IndexedUid } from '../cms-db/index.ts';
import { dateTs } from '../documents/validity.ts';
import type { SearchIndex } from '../meili/search-index.ts';
import type { Outbox } from '../outbox/outbox.ts';

const UID_OF_TYPE = Object.fromEntries(Object.entries(CONTENT_TYPES).map(([uid, t]) => [t.type, uid as IndexedUid]));

export async function queueExpired(index: SearchIndex, outbox: Outbox, today: string): Promise<number> {
  const todayTs = dateTs(today)!;
  const found = new Map<string, { uid: string; documentId: string; action: string }>();
  for (let offset = 0; ; offset += 1000) {
    const res = await index.meili.call('expiry scan', (c) =>
      c.index(index.uid).getDocuments<{ type: string; documentId: string }>({ filter: `validity = "valid" AND effectiveUntilTs < ${todayTs}`, fields: ['type', 'documentId'], limit: 1000, offset }),
    );
    for (const d of res.results) {
      const uid = UID_OF_TYPE[d.type];
      if (uid) found.set(`${uid}:${d.documentId}`, { uid, documentId: d.documentId, action: 'expire' });
    }
    if (res.results.length < 1000) break;
  }
  await outbox.enqueue([...found.values()]);
  return found.size;
}
