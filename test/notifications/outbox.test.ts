// The notification outbox end to end: urges (第十一条) reach the department's workbench inbox and its
// e-mail through a real SMTP server; material requests (第八条) reach the platform's webhook; failures
// retry with backoff, park after NOTIFY_MAX_ATTEMPTS and are requeued by the office.
// Fixture (as test/petitions/urging.test.ts): a 专业类 petition received Fri 2025-09-26, due Fri
// 2025-10-10; urge 1 on Sat 10/11 (调休 working day), urge 2 Mon 10/13, urge 3 Tue 10/14,
// escalation Wed 10/15.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Claims } from '../../api/src/auth/actor.ts';
import { loadEnv } from '../../api/src/env.ts';
import { createNotificationService } from '../../api/src/notifications/notification-service.ts';
import { startTestApi, stopTestApi, type TestApi } from '../helpers/api/test-api.ts';
import { DIALECTS } from '../helpers/api/test-database.ts';
import { TestClock } from '../helpers/api/test-clock.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';
import { SmtpSink } from '../helpers/notifications/smtp-sink.ts';
import { WebhookReceiver } from '../helpers/notifications/webhook-receiver.ts';

const WEBHOOK_SECRET = 'platform-webhook-secret-for-tests-0123456789';
const ECONOMY_MAIL = 'jingxinju@example.cn';
/** NOTIFY_TIMEOUT_MS in these tests; an attempt's lease is four of them (8 s). */
const TIMEOUT_MS = 2000;
/** Longer than any first backoff (30 s base, equal jitter: 15–30 s). */
const AFTER_FIRST_BACKOFF_MS = 31_000;

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

interface InboxItem {
  id: string;
  petitionId: string;
  kind: string;
  title: string;
  body: string;
  readAt: string | null;
}
const INBOX = `query($unreadOnly: Boolean) { myInbox(unreadOnly: $unreadOnly) { id petitionId kind title body readAt } }`;

describe('notification settings', () => {
  const base = { NODE_ENV: 'test', LOG_LEVEL: 'silent' } as const;
  it('refuses e-mail addresses without an SMTP server, a webhook without its secret, and malformed recipients', () => {
    expect(() => loadEnv({ ...base, NOTIFY_EMAIL_TO: '{"office":"qfb@example.cn"}' })).toThrow(/NOTIFY_SMTP_URL/);
    expect(() => loadEnv({ ...base, NOTIFY_WEBHOOK_URL: 'https://platform.example/hook' })).toThrow(/NOTIFY_WEBHOOK_SECRET/);
    expect(() => loadEnv({ ...base, NOTIFY_SMTP_URL: 'smtp://127.0.0.1:25', NOTIFY_EMAIL_TO: '{"boss":"x@example.cn"}' })).toThrow(/NOTIFY_EMAIL_TO/);
    expect(() => loadEnv({ ...base, NOTIFY_SMTP_URL: 'http://mail.example' })).toThrow(/NOTIFY_SMTP_URL/);
    expect(loadEnv({ ...base, NOTIFY_SMTP_URL: 'smtp://127.0.0.1:25', NOTIFY_EMAIL_TO: '{"department:tax":"tax@example.cn"}' }).NOTIFY_EMAIL_TO).toEqual({ 'department:tax': 'tax@example.cn' });
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.enabled)(`notification outbox [${dialect.name}]`, () => {
    let api: TestApi;
    let sink: SmtpSink;
    let receiver: WebhookReceiver;
    let envValues: Record<string, string>;

    async function boot(extra: Record<string, string> = {}) {
      envValues = {
        NOTIFY_SMTP_URL: sink.url,
        NOTIFY_EMAIL_TO: JSON.stringify({ 'department:economy-commerce': ECONOMY_MAIL }),
        NOTIFY_WEBHOOK_URL: receiver.url,
        NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
        NOTIFY_TIMEOUT_MS: String(TIMEOUT_MS),
        ...extra,
      };
      api = await startTestApi(dialect.name, new TestClock(), envValues);
    }

    beforeEach(async () => {
      sink = new SmtpSink();
      await sink.start();
      receiver = new WebhookReceiver(WEBHOOK_SECRET);
      await receiver.start();
    });
    afterEach(async () => {
      api.app.notifications.close();
      await stopTestApi(api);
      await sink.stop();
      await receiver.stop();
    });

    const client = async (claims: Claims) => api.as(claims);
    const inboxOf = async (claims: Claims) => (await (await client(claims)).ok<{ myInbox: InboxItem[] }>(INBOX)).myInbox;
    const ECONOMY: Claims = { role: 'department', sub: 'd-eco', department: 'economy-commerce' };
    const RESOURCES: Claims = { role: 'department', sub: 'd-res', department: 'natural-resources' };

    async function overduePetition(): Promise<string> {
      const office = new PetitionClient(await client({ role: 'office', sub: 'office-1' }));
      const enterprise = new PetitionClient(await client({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
      api.clock.set('2025-09-26T16:00:00+08:00');
      const p = await enterprise.submit(enterpriseInput());
      expect(must(await office.accept(p.id, 'PROFESSIONAL')).dueDate).toBe('2025-10-10');
      must(await office.assign(p.id, 'economy-commerce', ['natural-resources']));
      return p.id;
    }

    async function deliveryCount(): Promise<number> {
      const r = await api.app.services.db.selectFrom('notification_deliveries').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    }

    it('an urge reaches the inbox and the e-mail exactly once, even after a crash between sending and recording', async () => {
      await boot();
      const id = await overduePetition();
      api.clock.set('2025-10-11T09:00:00+08:00');
      expect(await api.sweep()).toMatchObject({ urgesRecorded: 2 });
      // Two urges: economy-commerce (inbox + e-mail: it has an address) and natural-resources (inbox only).
      expect(await deliveryCount()).toBe(3);

      // The first dispatcher sends the e-mail and dies before recording it.
      const crashing = createNotificationService(loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...envValues }), {
        db: api.app.services.db,
        clock: api.clock,
        logger: api.app.services.logger,
      }, {
        afterSend: () => Promise.reject(new SimulatedCrash('process killed')),
      });
      await expect(crashing.dispatcher.runOnce()).rejects.toThrow(SimulatedCrash);
      crashing.close();
      expect(sink.received).toHaveLength(1);

      // After the restart: the inboxes are delivered; the e-mail's attempt is still within its lease.
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 2, retrying: 0, parked: 0 });
      expect(sink.received).toHaveLength(1);
      // The lease runs out: the e-mail goes again, with the same Message-ID, and is recorded once.
      api.clock.advanceMs(4 * TIMEOUT_MS + 1000);
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 1, retrying: 0, parked: 0 });
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 0, parked: 0 });
      expect(sink.received).toHaveLength(2);
      expect(sink.received.map((m) => m.to)).toEqual([[ECONOMY_MAIL], [ECONOMY_MAIL]]);
      const ids = new Set(sink.received.map((m) => m.messageId));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toMatch(/^<[0-9a-f]{32}@notify\.zone-enterprise-service>$/);

      // A second sweep the same day records nothing new and enqueues nothing.
      expect(await api.sweep()).toMatchObject({ urgesRecorded: 0 });
      expect(await deliveryCount()).toBe(3);

      const economy = await inboxOf(ECONOMY);
      expect(economy).toEqual([
        expect.objectContaining({ petitionId: id, kind: 'URGED', title: `催办：诉求 ${id}（第1次）`, readAt: null }),
      ]);
      expect(economy[0]?.body).toContain('经信商务局尚未答复');
      expect(await inboxOf(RESOURCES)).toHaveLength(1);
      expect(await inboxOf({ role: 'office', sub: 'office-1' })).toEqual([]);
    });

    it('SMTP down, then up: the e-mail is delivered once, nothing lost', async () => {
      await boot();
      await overduePetition();
      await sink.stop();
      api.clock.set('2025-10-11T09:00:00+08:00');
      await api.sweep();
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 2, retrying: 1, parked: 0 });
      api.clock.advanceMs(AFTER_FIRST_BACKOFF_MS);
      await sink.start(); // the same port
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 1, retrying: 0, parked: 0 });
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 0, parked: 0 });
      expect(sink.received.map((m) => m.to)).toEqual([[ECONOMY_MAIL]]);
    });

    it('a material request (第八条) reaches the platform webhook, signed, after the platform fails twice', async () => {
      await boot();
      const office = new PetitionClient(await client({ role: 'office', sub: 'office-1' }));
      const enterprise = new PetitionClient(await client({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
      api.clock.set('2025-09-26T16:00:00+08:00');
      const p = await enterprise.submit(enterpriseInput());
      must(await office.requestMaterials(p.id, '请补充近三年用电记录。'));
      receiver.failFirst = 2;
      const dispatcher = api.app.notifications.dispatcher;
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 1, parked: 0 });
      api.clock.advanceMs(AFTER_FIRST_BACKOFF_MS);
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 1, parked: 0 });
      // The second backoff is 30–60 s: not due after 31 s, due after 61 s.
      api.clock.advanceMs(AFTER_FIRST_BACKOFF_MS);
      api.clock.advanceMs(30_000);
      expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retrying: 0, parked: 0 });

      expect(receiver.requests.map((r) => r.answered)).toEqual([503, 503, 200]);
      expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
      expect(new Set(receiver.requests.map((r) => r.idempotencyKey)).size).toBe(1);
      expect([...receiver.processed.values()]).toEqual([
        expect.objectContaining({ event: 'petition.materials_requested', petitionId: p.id, kind: 'materials_requested', data: { note: '请补充近三年用电记录。' } }),
      ]);

      // 第十条: the final answer goes the same way, with its text and cited items.
      must(await enterprise.supplyMaterials(p.id));
      must(await office.accept(p.id, 'CONSULTATION'));
      must(await office.finalAnswer(p.id, '可申请技术改造补助。'));
      expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retrying: 0, parked: 0 });
      expect([...receiver.processed.values()].map((b) => b['event'])).toEqual(['petition.materials_requested', 'petition.answered']);
      expect([...receiver.processed.values()][1]).toMatchObject({ petitionId: p.id, data: { text: '可申请技术改造补助。', policyIds: [] } });
    });

    it('parks after NOTIFY_MAX_ATTEMPTS failures, visible to the office only, and the office requeues it', async () => {
      await boot({ NOTIFY_MAX_ATTEMPTS: '2' });
      const officeGql = await client({ role: 'office', sub: 'office-1' });
      const office = new PetitionClient(officeGql);
      const enterprise = new PetitionClient(await client({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
      api.clock.set('2025-09-26T16:00:00+08:00');
      const p = await enterprise.submit(enterpriseInput());
      must(await office.requestMaterials(p.id));
      receiver.alwaysStatus = 503;
      const dispatcher = api.app.notifications.dispatcher;
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 1, parked: 0 });
      api.clock.advanceMs(AFTER_FIRST_BACKOFF_MS);
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 0, parked: 1 });
      api.clock.advanceMs(3_600_000);
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 0, parked: 0 }); // parked stays parked

      const PARKED = `{ parkedNotifications { id petitionId kind recipient channel attempts lastError parkedAt } }`;
      const parked = (await officeGql.ok<{ parkedNotifications: { id: string; attempts: number }[] }>(PARKED)).parkedNotifications;
      expect(parked).toEqual([
        expect.objectContaining({ petitionId: p.id, kind: 'MATERIALS_REQUESTED', recipient: 'platform', channel: 'WEBHOOK', attempts: 2, lastError: 'webhook: HTTP 503' }),
      ]);
      for (const role of ROLES.filter((r) => r !== 'office')) {
        const claims = (role === 'department' ? ECONOMY : role === 'enterprise' ? { role, sub: 'e', uscc: ENTERPRISE_USCC } : { role, sub: `${role}-1` }) as Claims;
        expect(await (await client(claims)).errorCode(PARKED), role).toBe('FORBIDDEN');
      }

      // 第十二条: the monthly report shows it parked (the clock is still on 2025-09-26, Shanghai).
      const REPORT = `{ monthlyReport(month: "2025-09") { notifications { delivered { value previous } parked { value previous } } } }`;
      type Counts = { monthlyReport: { notifications: { delivered: { value: number }; parked: { value: number } } } };
      expect((await officeGql.ok<Counts>(REPORT)).monthlyReport.notifications).toEqual({ delivered: { value: 0, previous: 0 }, parked: { value: 1, previous: 0 } });

      receiver.alwaysStatus = null;
      const REQUEUE = `mutation($id: ID!) { requeueNotification(id: $id) { attempts } }`;
      const parkedId = parked[0]?.id ?? '';
      expect((await officeGql.ok<{ requeueNotification: { attempts: number } }>(REQUEUE, { id: parkedId })).requeueNotification.attempts).toBe(0);
      expect(await officeGql.errorCode(REQUEUE, { id: parkedId })).toBe('CONFLICT'); // no longer parked
      expect(await officeGql.errorCode(REQUEUE, { id: 'nope' })).toBe('NOT_FOUND');
      expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retrying: 0, parked: 0 });
      expect(receiver.processed.size).toBe(1);
      expect((await officeGql.ok<{ parkedNotifications: unknown[] }>(PARKED)).parkedNotifications).toEqual([]);
      expect((await officeGql.ok<Counts>(REPORT)).monthlyReport.notifications).toEqual({ delivered: { value: 1, previous: 0 }, parked: { value: 0, previous: 0 } });
    });

    it('a platform refusal (4xx) parks at once instead of retrying', async () => {
      await boot();
      const office = new PetitionClient(await client({ role: 'office', sub: 'office-1' }));
      const enterprise = new PetitionClient(await client({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
      api.clock.set('2025-09-26T16:00:00+08:00');
      const p = await enterprise.submit(enterpriseInput());
      must(await office.requestMaterials(p.id));
      receiver.alwaysStatus = 400;
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 0, retrying: 0, parked: 1 });
    });

    it('inbox by role: each staff member reads only their own; escalation reaches the leader and the office', async () => {
      await boot({ NOTIFY_EMAIL_TO: '{}' });
      const id = await overduePetition();
      for (const day of ['2025-10-11', '2025-10-13', '2025-10-14', '2025-10-15']) {
        api.clock.set(`${day}T09:00:00+08:00`);
        await api.sweep();
      }
      expect(await api.app.notifications.dispatcher.runOnce()).toEqual({ delivered: 8, retrying: 0, parked: 0 });
      // 3 urges to each of the two departments, then one escalation to the leader and one to the office.
      const economy = await inboxOf(ECONOMY);
      expect(economy.map((m) => m.title).sort()).toEqual([1, 2, 3].map((n) => `催办：诉求 ${id}（第${n}次）`));
      const leader = await inboxOf({ role: 'leader', sub: 'leader-1' });
      expect(leader).toEqual([expect.objectContaining({ kind: 'ESCALATED', title: `提请协调：诉求 ${id}` })]);
      expect(await inboxOf({ role: 'office', sub: 'office-1' })).toEqual([expect.objectContaining({ kind: 'ESCALATED' })]);

      // Roles without an inbox are refused; an anonymous caller must log in.
      for (const role of ROLES) {
        if (role === 'office' || role === 'department' || role === 'leader') continue;
        const claims = (role === 'enterprise' ? { role, sub: 'e', uscc: ENTERPRISE_USCC } : { role, sub: `${role}-1` }) as Claims;
        expect(await (await client(claims)).errorCode(INBOX), role).toBe('FORBIDDEN');
      }
      expect(await api.anonymous().errorCode(INBOX)).toBe('UNAUTHENTICATED');

      // Another department cannot mark economy-commerce's messages read; economy-commerce can.
      const MARK = `mutation($ids: [ID!]!) { markInboxRead(ids: $ids) }`;
      const ids = economy.map((m) => m.id);
      expect((await (await client(RESOURCES)).ok<{ markInboxRead: number }>(MARK, { ids })).markInboxRead).toBe(0);
      expect((await (await client(ECONOMY)).ok<{ markInboxRead: number }>(MARK, { ids })).markInboxRead).toBe(3);
      expect((await (await client(ECONOMY)).ok<{ myInbox: unknown[] }>(INBOX, { unreadOnly: true })).myInbox).toEqual([]);
      expect(await inboxOf(RESOURCES)).toHaveLength(3);
      expect((await (await client(RESOURCES)).ok<{ myInbox: unknown[] }>(INBOX, { unreadOnly: true })).myInbox).toHaveLength(3);
    });
  });
}
