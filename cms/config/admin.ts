import { cmsEnv } from '../src/env';

export default () => {
  const env = cmsEnv();
  return {
    auth: { secret: env.secrets.adminJwtSecret },
    apiToken: { salt: env.secrets.apiTokenSalt },
    transfer: { token: { salt: env.secrets.transferTokenSalt } },
    secrets: { encryptionKey: env.secrets.encryptionKey },
    flags: { nps: false, promoteEE: false },
    // The specialists work in Chinese; the admin offers zh-Hans first.
    locales: ['zh-Hans', 'en'],
  };
};
