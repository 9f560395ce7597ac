// Change capture for search-sync: every write through the Document Service (create, update, clone,
// publish, unpublish, delete, discardDraft; per locale) adds a row to the search outbox in the SAME
// database transaction as the change. Strapi's `strapi.db.transaction` joins an outer transaction
// (transactionCtx, AsyncLocalStorage), so the repository's own transaction inside `next()` runs on
// our `trx`: either the change and its outbox row commit together, or neither does. Measured in
// test/search-sync/sync.suite.ts, "the outbox" (a failure after the write rolls the write back, and a
// failing outbox insert rolls the change back). Webhooks are not used: they have no retry.
// The CMS never talks to Meilisearch, so a slow or hanging Meilisearch cannot slow publishing.
import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../access/department-guard';
import { OUTBOX_UIDS, isOutboxAction, recordedOutboxAction } from '@zone/schemas/cms-contract';
import { cmsEnv } from '../env';
import { outboxQuery } from './outbox-table';
import { signalOnCommit } from './wake-signal';

function localeOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (Array.isArray(value)) return value.join(',').slice(0, 20) || null;
  return null;
}

/** The documentId a write touched: from the params, or from the result of a create/clone. */
function documentIdOf(params: { documentId?: unknown }, result: unknown): string | null {
  if (typeof params.documentId === 'string' && params.documentId) return params.documentId;
  const r = result as { documentId?: unknown } | null | undefined;
  return typeof r?.documentId === 'string' ? r.documentId : null;
}

export function searchOutbox(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const action = context.action;
    if (!OUTBOX_UIDS.includes(context.uid) || !isOutboxAction(action)) return next();
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      // The outbox row is written FIRST: on SQLite that takes the write lock at the start of the
      // transaction (waiting politely for search-sync's short writes), instead of reading first and
      // failing with SQLITE_BUSY when the read snapshot must be upgraded to a write.
      const documentId = typeof context.params.documentId === 'string' && context.params.documentId ? context.params.documentId : null;
      const [inserted] = (await outboxQuery(strapi, trx).insert(
        { uid: context.uid, document_id: documentId, locale: localeOf(context.params.locale), action: recordedOutboxAction(context.uid, action, context.params.status), created_at: Date.now() },
        ['id'],
      )) as Array<{ id: number } | number>;
      const result = await next();
      const created = documentIdOf(context.params, result);
      if (!documentId && created && inserted !== undefined) {
        // A create learns its documentId only now.
        await outboxQuery(strapi, trx).where({ id: typeof inserted === 'number' ? inserted : inserted.id }).update({ document_id: created });
      }
      // search-sync claims the row the moment it is committed, not at its next poll.
      await signalOnCommit(strapi, trx, onCommit, cmsEnv().syncWakePort);
      return result;
    });
  };
}
