// 第十二条: every step is an append-only event; the current state can be rebuilt from the timeline
// alone and equals the projection the api serves.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadPetition, loadTimeline } from '../../api/src/petitions/store/petition-store.ts';
import { rebuildFromEvents } from '../../api/src/petitions/timeline/reduce.ts';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

describeEachDialect('timeline', (api) => {
  it('rebuilds every petition from its events, equal to the projection', async () => {
    const a = api();
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const econ = new PetitionClient(await a.as({ role: 'department', sub: 'd1', department: 'economy-commerce' }));
    const res = new PetitionClient(await a.as({ role: 'department', sub: 'd2', department: 'natural-resources' }));
    a.clock.set('2025-09-22T10:00:00+08:00');
    // A: paused, reclassified, assigned, urged, escalated, answered late, rated by the enterprise.
    const pa = await enterprise.submit(enterpriseInput({ title: 'A' }));
    must(await office.accept(pa.id, 'CONSULTATION'));
    must(await office.reclassify(pa.id, 'COMPREHENSIVE'));
    a.clock.set('2025-09-24T10:00:00+08:00');
    must(await office.requestMaterials(pa.id));
    a.clock.set('2025-09-26T10:00:00+08:00');
    must(await enterprise.supplyMaterials(pa.id));
    must(await office.assign(pa.id, 'economy-commerce', ['natural-resources']));
    must(await office.expertOpinion(pa.id));
    must(await office.note(pa.id));
    must(await res.departmentAnswer(pa.id));
    // B: refused. C: market matter. D: answered on time, never rated: 满意 by default (第十三条).
    const pb = await enterprise.submit(enterpriseInput({ title: 'B' }));
    must(await office.refuse(pb.id, 'OUT_OF_SCOPE'));
    const pc = await enterprise.submit(enterpriseInput({ title: 'C' }));
    must(await office.marketMatter(pc.id, '已对接行业协会', null));
    const pd = await enterprise.submit(enterpriseInput({ title: 'D' }));
    must(await office.accept(pd.id, 'PROFESSIONAL'));
    must(await office.assign(pd.id, 'economy-commerce'));
    must(await econ.departmentAnswer(pd.id));
    must(await office.finalAnswer(pd.id));
    // Let the sweeper urge and escalate A and default-rate D, then answer A late; the enterprise rates it.
    a.clock.set('2025-11-03T10:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 1 });
    expect((await office.view(pa.id)).status).toBe('ESCALATED');
    must(await econ.departmentAnswer(pa.id));
    must(await office.finalAnswer(pa.id));
    must(await enterprise.rate(pa.id));
    a.clock.set('2025-11-20T10:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 0 });

    const db = a.app.database.db;
    for (const id of [pa.id, pb.id, pc.id, pd.id]) {
      const events = await loadTimeline(db, id);
      const rebuilt = rebuildFromEvents(events);
      const projected = await loadPetition(db, id);
      expect(rebuilt, id).toEqual(projected);
    }
    const typesOfA = (await loadTimeline(db, pa.id)).map((e) => e.type);
    expect(typesOfA).toEqual([
      'submitted', 'accepted', 'reclassified', 'materials_requested', 'materials_supplied', 'assigned',
      'expert_opinion_recorded', 'note_added', 'department_answered',
      'urged', 'urged', 'urged', 'escalated', 'department_answered', 'answered', 'rated',
    ]);
  });

  it('the database refuses to change or delete a recorded event', async () => {
    const a = api();
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const p = await enterprise.submit(enterpriseInput());
    const db = a.app.database.db;
    await expect(sql`UPDATE petition_events SET payload = '{}' WHERE petition_id = ${p.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM petition_events WHERE petition_id = ${p.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect((await loadTimeline(db, p.id)).length).toBe(1);
  });
});
