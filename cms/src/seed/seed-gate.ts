// The demo set goes only into a database that holds nothing a person made: no policies, items,
// interpretations, hotline answers (any locale, drafts included) and no admin users. A data directory
// with real content never receives demo content, even on `npm start`.
import type { Core } from '@strapi/strapi';
import { DEPARTMENT_SCOPED_UIDS } from '../content/uids';

export async function holdsNoContent(strapi: Core.Strapi): Promise<boolean> {
  for (const uid of [...DEPARTMENT_SCOPED_UIDS, 'admin::user'] as const) {
    if ((await strapi.db.query(uid).count({})) > 0) return false;
  }
  return true;
}
