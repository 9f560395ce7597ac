import { cmsEnv } from '../src/env';

export default () => {
  const env = cmsEnv();
  return {
    host: env.host,
    port: env.port,
    url: env.publicUrl ?? '',
    app: { keys: env.secrets.appKeys },
    // Outgoing calls from Strapi itself are disabled or bounded; telemetry is off (package.json strapi.telemetryDisabled too).
    cron: { enabled: false },
  };
};
