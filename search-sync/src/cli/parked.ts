// `npm run -w @zone/search-sync parked`: lists the parked changes (those that could not be indexed)
// with their errors; `-- --retry` puts them back in the queue once the cause is fixed.
// The options are parsed before search-sync's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

const { values } = parseCommandLine({
  command: 'npm run -w @zone/search-sync parked',
  usage: '用法：npm run -w @zone/search-sync parked -- [--retry]   列出无法索引而暂停的变更；--retry 在原因修好后把它们放回队列',
  options: { retry: { type: 'boolean', default: false } },
});
const { openCmsDatabase } = await import('../cms-db/index.ts');
const { syncEnv } = await import('../env.ts');
const { openOutbox } = await import('../outbox/open-outbox.ts');
const env = syncEnv();
const cms = openCmsDatabase(env.database);
try {
  const outbox = openOutbox(cms, 'parked-cli', env);
  const parked = await outbox.parked();
  if (parked.length === 0) console.log('No parked changes.');
  for (const p of parked) {
    console.log(`#${p.id} ${p.uid} ${p.document_id ?? '(no documentId)'} ${p.locale ?? ''} ${p.action}, parked ${new Date(p.parked_at ?? 0).toISOString()} after ${p.attempts} attempt(s): ${p.last_error ?? ''}`);
  }
  if (parked.length && values.retry) console.log(`${await outbox.unpark()} changes queued again.`);
} finally {
  await cms.destroy();
}
