// Admin routes (/import-export/...): an admin JWT, then the staff check. None is a content-API route.
const policies = ['admin::isAuthenticatedAdmin', 'plugin::import-export.is-department-staff'];

const route = (method: string, path: string, handler: string) => ({ method, path, handler: `import-export.${handler}`, config: { policies } });

export default {
  admin: {
    type: 'admin',
    routes: [
      route('GET', '/context', 'context'),
      route('POST', '/imports', 'preview'),
      route('POST', '/imports/:id/preview', 'repreview'),
      route('POST', '/imports/:id/confirm', 'confirm'),
      route('GET', '/export', 'export'),
    ],
  },
};
