// Compiles the CMS (TypeScript → cms/dist) the way `strapi build` does, after rebuilding the CommonJS
// contract it require()s from @zone/schemas, so tests and benchmarks run the sources as they are.
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCmsContract } from '@zone/schemas/build';

const require = createRequire(import.meta.url);
export const CMS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'cms');

export async function compileCms(): Promise<void> {
  buildCmsContract();
  // Strapi's ESM build cannot be imported by plain Node; its CommonJS build can.
  const { compileStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  await compileStrapi({ appDir: CMS_DIR });
}
