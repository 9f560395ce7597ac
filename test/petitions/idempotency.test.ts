// 第六条 intake with an idempotency key: the same key never creates two petitions.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, freshKey } from '../helpers/api/petition-client.ts';

describeEachDialect('idempotent submission', (api) => {
  const count = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM petitions`.execute(api().app.database.db)).rows[0]?.n);

  it('a retried submission returns the same petition', async () => {
    const enterprise = new PetitionClient(await api().as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const key = freshKey();
    const first = await enterprise.submit(enterpriseInput(), key);
    const again = await enterprise.submit(enterpriseInput(), key);
    expect(again.id).toBe(first.id);
    expect(await count()).toBe(1);
  });

  it('the same key with different content is a CONFLICT, not a second petition', async () => {
    const enterprise = new PetitionClient(await api().as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const key = freshKey();
    await enterprise.submit(enterpriseInput(), key);
    const r = await enterprise.submitRaw(enterpriseInput({ title: '另一件事' }), key);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await count()).toBe(1);
  });

  it('concurrent submissions with one key create one petition', async () => {
    const enterprise = new PetitionClient(await api().as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const key = freshKey();
    const results = await Promise.all(Array.from({ length: 6 }, () => enterprise.submit(enterpriseInput(), key)));
    expect(new Set(results.map((p) => p.id)).size).toBe(1);
    expect(await count()).toBe(1);
  });

  it('keys are per account: two staff members may use the same key', async () => {
    const h1 = new PetitionClient(await api().as({ role: 'hotline', sub: 'h1' }));
    const h2 = new PetitionClient(await api().as({ role: 'hotline', sub: 'h2' }));
    const key = freshKey();
    const a = await h1.submit(enterpriseInput({ channel: 'SERVICE_WINDOW' }), key);
    const b = await h2.submit(enterpriseInput({ channel: 'SERVICE_WINDOW' }), key);
    expect(a.id).not.toBe(b.id);
  });
});
