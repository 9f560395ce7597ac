// Child process of ensureCmsTemplates: boots the CMS once on an empty database of the given kind
// (with or without the demo content), stops it, and publishes the database as the template.
// Usage: node --import tsx cms-template-build.ts <sqlite|postgres> <key> <bare|demo>
import { startCms } from './cms.ts';
import { templateBuildTarget, type TemplateVariant } from './cms-template.ts';
import type { DbKind } from './databases.ts';

const [kind, key, variant] = process.argv.slice(2) as [DbKind, string, TemplateVariant];
if (!['sqlite', 'postgres'].includes(kind) || !/^[a-z0-9]+$/.test(key ?? '') || !['bare', 'demo'].includes(variant)) {
  console.error('usage: cms-template-build.ts <sqlite|postgres> <key> <bare|demo>');
  process.exit(2);
}
const database = await templateBuildTarget(kind, key, variant);
const cms = await startCms(kind, `template-${variant}`, { seedDemo: variant === 'demo', database, fresh: true });
await cms.stop(); // publishes the template (its drop() renames the build target)
process.exit(0);
