import { it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';
import { fetchMonthlyReport } from '../helpers/report/report-query.ts';

describeEachDialect('probe', (api) => {
  it('probe', async () => {
    const a = api();
    if (a.dialect !== 'sqlite') return;
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const hotline = new PetitionClient(await a.as({ role: 'hotline', sub: 'h' }));
    a.clock.set('2026-10-12T10:00:00+08:00');
    const c = await hotline.submit(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: '2026-10-12T09:00:00+08:00', title: '咨询' }));
    must(await office.accept(c.id, 'CONSULTATION'));
    const d = await hotline.submit(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: '2026-10-12T09:00:00+08:00', title: '专业' }));
    must(await office.accept(d.id, 'PROFESSIONAL'));
    must(await office.assign(d.id, 'tax'));
    for (const day of ['2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-26']) { a.clock.set(`${day}T09:00:00+08:00`); await a.sweep(); }
    console.log('view', JSON.stringify(await office.view(c.id)));
    console.log('overdue list', JSON.stringify((await office.list({ overdue: true })).data?.r.edges.map((e) => [e.node.title, e.node.overdue])));
    console.log('mine', JSON.stringify((await office.list({ queue: 'MINE' })).data?.r.edges.map((e) => [e.node.title, e.node.overdue])));
    a.clock.set('2026-11-02T09:00:00+08:00');
    const r = await fetchMonthlyReport(await a.as({ role: 'office', sub: 'o' }), '2026-10');
    console.log(JSON.stringify({ res: r.resolution, esc: r.escalatedPetitions, od: r.overduePetitions, list: r.petitions }, null, 1));
  });
});
