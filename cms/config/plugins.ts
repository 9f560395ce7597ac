export default {
  // Only the admin, content-manager, i18n and upload are used. No GraphQL plugin: it returns drafts
  // to the public role, and the platform's API is api/ anyway.
  // 工作台: the staff workbench (local admin plugin; its api token comes from cms/src/identity).
  workbench: { enabled: true, resolve: './src/plugins/workbench' },
};
