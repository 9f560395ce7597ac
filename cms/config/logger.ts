import { cmsEnv } from '../src/env';
import { winston, formats } from '@strapi/logger';

export default () => ({
  transports: [
    new winston.transports.Console({
      level: cmsEnv().logLevel,
      format: winston.format.combine(formats.levelFilterFormat(cmsEnv().logLevel), formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' })),
    }),
  ],
});
