import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cmsEnv } from '../src/env';

export default () => {
  const env = cmsEnv();
  // Uploaded attachments live in the data directory, not in the source tree.
  const publicDir = path.join(env.dataDir, 'public');
  mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });
  return {
    dirs: { public: publicDir },
    host: env.host,
    port: env.port,
    url: env.publicUrl ?? '',
    app: { keys: env.secrets.appKeys },
    // Outgoing calls from Strapi itself are disabled or bounded; telemetry is off (package.json strapi.telemetryDisabled too).
    cron: { enabled: false },
    // No update checks against the internet (there is none here, and production pins versions).
    logger: { updates: { enabled: false }, startup: { enabled: true } },
  };
};
