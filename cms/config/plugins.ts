export default {
  // Only the admin, content-manager, i18n and upload are used. No GraphQL plugin: it returns drafts
  // to the public role, and the platform's API is api/ anyway.

  // 导入导出: a department's itemized list from and to XLSX/CSV/JSON in the admin (第四条).
  'import-export': { enabled: true, resolve: './src/plugins/import-export' },
  // 工作台: the staff workbench (local admin plugin; its api token comes from cms/src/identity).
  workbench: { enabled: true, resolve: './src/plugins/workbench' },
};
