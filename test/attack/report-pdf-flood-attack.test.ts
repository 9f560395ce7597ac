// One request, many PDFs: monthlyReportFile(format: PDF) under several aliases launched one Chromium per
// alias at once (the query limits allow some two thousand fields, and the field costs no lookups). Here
// CHROMIUM_PATH is a wrapper that records each browser's start and end around the system's Chromium; the
// browsers must not overlap.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, stopTestApi, type TestApi } from '../helpers/api/test-api.ts';

const ALIASES = 3;

describe('PDF renders of one request', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdf-flood-'));
    const wrapper = join(dir, 'chromium');
    // Each line: +<ns> at start, -<ns> at exit. The browser runs as a child so its exit is seen.
    await writeFile(wrapper, `#!/bin/bash\necho "+$(date +%s%N)" >> '${dir}/log'\n/usr/bin/chromium "$@"\nrc=$?\necho "-$(date +%s%N)" >> '${dir}/log'\nexit $rc\n`);
    await chmod(wrapper, 0o755);
    api = await startTestApi('sqlite', undefined, { CHROMIUM_PATH: wrapper, REPORT_PDF_TIMEOUT_MS: '240000' });
    api.clock.set('2026-10-12T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    if (api) await stopTestApi(api);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders them one after another, never several browsers at once', async () => {
    const office = await api.as({ role: 'office', sub: 'pdf-office' });
    const fields = Array.from({ length: ALIASES }, (_, i) => `p${i}: monthlyReportFile(month: "2026-10", format: PDF) { mimeType byteLength }`).join('\n');
    const r = await office.request<Record<string, { mimeType: string; byteLength: number }>>(`{ ${fields} }`);
    expect(r.errors).toBeUndefined();
    for (let i = 0; i < ALIASES; i++) expect(r.data?.[`p${i}`]).toMatchObject({ mimeType: 'application/pdf' });
    const events = (await readFile(join(dir, 'log'), 'utf8')).trim().split('\n').map((l) => ({ start: l.startsWith('+'), at: BigInt(l.slice(1)) }));
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    let running = 0;
    let most = 0;
    for (const e of events) {
      running += e.start ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(events.filter((e) => e.start)).toHaveLength(ALIASES);
    expect(most).toBe(1);
  }, 300_000);
});
