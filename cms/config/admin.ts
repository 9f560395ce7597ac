import { cmsEnv } from '../src/env';

export default () => {
  const env = cmsEnv();
  return {
    auth: { secret: env.secrets.adminJwtSecret },
    apiToken: { salt: env.secrets.apiTokenSalt },
    transfer: { token: { salt: env.secrets.transferTokenSalt } },
    secrets: { encryptionKey: env.secrets.encryptionKey },
    flags: { nps: false, promoteEE: false },
    // No site to preview (the platform renders from the search index), so no "set up preview" panel.
    preview: { enabled: false },
    // The interface language (zh-Hans by default, English offered) is set in src/admin/app.tsx.
  };
};
