// Who is told about what, and through which channels. Recipients are keys: `office`, `leader`,
// `department:<code>` (staff, by their token's role and department) and `platform` (the enterprise
// service platform, which tells the enterprise or individual who filed the petition).
import type { Actor } from '../auth/actor.ts';
import type { Channel, NotificationKind } from './policy.ts';

export interface NotificationTargets {
  /** E-mail addresses per staff recipient key (NOTIFY_EMAIL_TO); a recipient without one gets no e-mail. */
  emails: Readonly<Record<string, string>>;
  /** Whether the platform webhook is configured (NOTIFY_WEBHOOK_URL). */
  webhook: boolean;
}

export const NO_EXTERNAL_TARGETS: NotificationTargets = { emails: {}, webhook: false };

export const departmentRecipient = (code: string) => `department:${code}`;

/** The inbox recipient a staff member reads, or null for roles without an inbox. */
export function inboxRecipientOf(actor: Actor): string | null {
  switch (actor.role) {
    case 'office':
    case 'leader':
      return actor.role;
    case 'department':
      return departmentRecipient(actor.department);
    case 'enterprise':
    case 'individual':
    case 'hotline':
      return null;
  }
}

/** The (recipient, channel) pairs an event of this kind goes to. */
export function routesFor(kind: NotificationKind, department: string | null, targets: NotificationTargets): { recipient: string; channel: Channel }[] {
  const staff = (recipient: string) => [
    { recipient, channel: 'inbox' as const },
    ...(targets.emails[recipient] ? [{ recipient, channel: 'email' as const }] : []),
  ];
  switch (kind) {
    case 'urged':
      // 第十一条: the urge goes to the department that has not answered.
      return department ? staff(departmentRecipient(department)) : [];
    case 'escalated':
      // 第十一条: the leading group coordinates; the office follows it up.
      return [...staff('leader'), ...staff('office')];
    case 'review_flagged':
      // 第五条: the department's specialists keep its 口径 and interpretations current.
      return department ? staff(departmentRecipient(department)) : [];
    case 'materials_requested':
    case 'answered':
      // 第八、十条: the submitter is told through the platform they filed on.
      return targets.webhook ? [{ recipient: 'platform', channel: 'webhook' }] : [];
  }
}
