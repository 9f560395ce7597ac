// `npm run -w @zone/search-sync parked`: lists the parked changes (those that could not be indexed)
// with their errors; `-- --retry` puts them back in the queue once the cause is fixed.
import { openCmsDatabase } from '../cms-db/index.ts';
import { syncEnv } from '../env.ts';
import { openOutbox } from '../outbox/open-outbox.ts';

const env = syncEnv();
const cms = openCmsDatabase(env.database);
try {
  const outbox = openOutbox(cms, 'parked-cli', env);
  const parked = await outbox.parked();
  if (parked.length === 0) console.log('No parked changes.');
  for (const p of parked) {
    console.log(`#${p.id} ${p.uid} ${p.document_id ?? '(no documentId)'} ${p.locale ?? ''} ${p.action}, parked ${new Date(p.parked_at ?? 0).toISOString()} after ${p.attempts} attempt(s): ${p.last_error ?? ''}`);
  }
  if (parked.length && process.argv.includes('--retry')) console.log(`${await outbox.unpark()} changes queued again.`);
} finally {
  await cms.destroy();
}
