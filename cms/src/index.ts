import type { Core } from '@strapi/strapi';
import { departmentGuard } from './access/department-guard';
import { loadDepartmentForConditions } from './access/condition-entities';
import { ensureEditorRoles, registerDepartmentCondition } from './access/roles';
import { contentRules } from './validation/content-rules';
import { cmsEnv } from './env';
import { ensureLocales } from './seed/locales';
import { ensureDepartments } from './seed/departments';
import { demoAccounts, demoPassword, ensureDemoAccounts } from './seed/accounts';
import { loadDemoContent } from './seed/demo-loader';
import { applyAdminLayouts } from './admin-ui/field-labels';
import { searchOutbox } from './outbox/outbox-middleware';
import { ensureOutboxTable, schedulePruning } from './outbox/outbox-table';
import { ensureSearchSynonyms } from './outbox/search-synonyms';

const SEED_STORE = { type: 'plugin' as const, name: 'zone-seed' };

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Order matters: the guard decides who may write, then the content rules check what is written.
    strapi.documents.use(departmentGuard(strapi) as never);
    strapi.documents.use(contentRules(strapi) as never);
    // Last: the search outbox row is written in the same transaction as the change that passed both.
    strapi.documents.use(searchOutbox(strapi) as never);
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
    await applyAdminLayouts(strapi);
    await ensureSearchSynonyms(strapi);

    // Demo content and accounts on the first start of an empty data directory only.
    const store = strapi.store(SEED_STORE);
    if (env.seedDemo === 'auto' && !(await store.get({ key: 'demo' }))) {
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
  },
};
