import type { Core } from '@strapi/strapi';
import { departmentGuard } from './access/department-guard';
import { relationGuard } from './access/relation-guard';
import { registerRouteGuards } from './access/route-coverage';
import { installChineseRefusals } from './access/chinese-refusals';
import { addDepartmentFieldCheck } from './access/department-field';
import { ensureEditorRoles, ensureWorkbenchRoles, registerDepartmentCondition } from './access/roles';
import { registerIdentityRoutes } from './identity/identity-routes';
import { loadDepartmentForConditions } from './access/condition-entities';
import { contentRules } from './validation/content-rules';
import { cmsEnv } from './env';
import { ensureLocales } from './seed/locales';
import { ensureDepartments } from './seed/departments';
import { demoAccounts, demoPassword, ensureDemoAccounts } from './seed/accounts';
import { loadDemoContent } from './seed/demo-loader';
import { holdsNoContent } from './seed/seed-gate';
import { applyAdminLayouts } from './admin-ui/field-labels';
import { registerVocabularyField } from './admin-ui/vocabulary-field';
import { searchOutbox } from './outbox/outbox-middleware';
import { citationFlags } from './citations/change-flags';
import { registerReviewRoutes } from './citations/review-routes';
import { ensureOutboxTable, schedulePruning } from './outbox/outbox-table';
import { ensureSearchSynonyms } from './outbox/search-synonyms';
import { ensureExpiryFlagsTable, scheduleExpiryFlags } from './citations/expiry-flags';

const SEED_STORE = { type: 'plugin' as const, name: 'zone-seed' };

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Before Strapi swaps custom fields for their storage type (subjects/topics are JSON).
    registerVocabularyField(strapi);
    // A specialist's department is read-only (roles.ts); an explicit other department is still refused.
    addDepartmentFieldCheck(strapi);
    // Order matters: the guard decides who may write, then the content rules check what is written.
    strapi.documents.use(departmentGuard(strapi) as never);
    // Relations and media of department content, both sides, and what reads populate through them.
    strapi.documents.use(relationGuard(strapi) as never);
    // Admin routes that reach past the Document Service: media, folders, home page figures, i18n reads.
    registerRouteGuards(strapi);
    // Strapi's own 403 on delete and bulk actions for another department's entries, said in Chinese.
    installChineseRefusals(strapi);
    strapi.documents.use(contentRules(strapi) as never);
    // Last: the search outbox row is written in the same transaction as the change that passed both.
    strapi.documents.use(searchOutbox(strapi) as never);
    // Inside the outbox's transaction: a substantive change to an item or policy flags what cites it (待复核).
    strapi.documents.use(citationFlags(strapi) as never);
    // The staff identity provider: api tokens for the logged-in staff member, and the JWKS.
    registerIdentityRoutes(strapi);
    // 待复核: a specialist (own department) or the office confirms a flagged 口径 or interpretation.
    registerReviewRoutes(strapi);
    // Bulk unpublish checks the department condition on entries it loads itself.
    loadDepartmentForConditions(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const env = cmsEnv();
    // First: every later seed write goes through the outbox middleware, which needs its table.
    await ensureOutboxTable(strapi);
    schedulePruning(strapi);
    await registerDepartmentCondition(strapi);
    await ensureLocales(strapi);
    await ensureDepartments(strapi);
    await ensureEditorRoles(strapi);
    await ensureWorkbenchRoles(strapi);
    await applyAdminLayouts(strapi);
    await ensureSearchSynonyms(strapi);
    await ensureExpiryFlagsTable(strapi);

    // Demo content and accounts: only when `npm start` asks (SEED_DEMO=1) and the database holds no
    // content at all. Commands (import --dry-run, export, ...) boot without it and never seed.
    const store = strapi.store(SEED_STORE);
    if (env.seedDemo && !(await store.get({ key: 'demo' })) && (await holdsNoContent(strapi))) {
      const { password, generated } = demoPassword(env.dataDir, env.demoPassword);
      const counts = await loadDemoContent(strapi);
      await ensureDemoAccounts(strapi, password);
      await store.set({ key: 'demo', value: { seededAt: new Date().toISOString(), counts } });
      strapi.log.info(
        `Demo content seeded: ${counts.policies} policies, ${counts.items} items, ${counts.interpretations} interpretations, ${counts.answers} hotline answers.`,
      );
      strapi.log.info(
        `Demo accounts (password ${generated ? `generated, kept in ${env.dataDir}/demo-password.txt` : 'from DEMO_PASSWORD'}): ${demoAccounts()
          .map((a) => a.email)
          .join(', ')}`,
      );
    }

    // After the seed: an item whose 有效期 has passed flags the 口径 citing it (citations/expiry-flags.ts).
    scheduleExpiryFlags(strapi);
  },
};
