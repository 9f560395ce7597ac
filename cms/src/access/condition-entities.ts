// The "belongs to my department" condition is checked by the content manager against the entry it
// loaded. For bulk unpublish, Strapi 5.54 loads the entries without any relation, so the condition
// never sees a department and every department editor got 403 on their own entries (the office,
// which has no condition, got 200). Loading the department there lets the condition decide; it
// still refuses another department's entries, and the department guard checks each one again.
import type { Core } from '@strapi/strapi';
import { isScopedUid } from '../content/uids';

const DOCUMENT_MANAGER = 'plugin::content-manager.document-manager';

interface FindLocalesOptions { populate?: unknown; locale?: unknown; isPublished?: boolean }
interface DocumentManager { findLocales(id: unknown, uid: string, opts: FindLocalesOptions): Promise<unknown> }

export function loadDepartmentForConditions(strapi: Core.Strapi): void {
  strapi.get('services').extend(DOCUMENT_MANAGER, (service: DocumentManager) => {
    const findLocales = service.findLocales.bind(service);
    service.findLocales = (id, uid, opts) =>
      findLocales(id, uid, isScopedUid(uid) && opts.populate === undefined ? { ...opts, populate: { department: { select: ['code'] } } } : opts);
    return service;
  });
}
