// The workbench's screens and the staff roles each one serves (DESIGN.md "Where staff work"). The
// home page lists the screens of the signed-in role; the petition queues of the office, the
// departments and the leading group are added here as they are built.
import type { StaffRole } from './session/StaffSession';

export interface Screen {
  id: 'hotline' | 'petitions' | 'inbox' | 'leader' | 'calendar' | 'report' | 'messages' | 'review';
  path: string;
  roles: readonly StaffRole[];
}

export const SCREENS: readonly Screen[] = [
  { id: 'hotline', path: 'hotline', roles: ['hotline'] },
  // One queue screen, with the queues of each role (petitions/PetitionQueues.tsx).
  { id: 'petitions', path: 'petitions', roles: ['office'] },
  { id: 'inbox', path: 'petitions', roles: ['department'] },
  { id: 'leader', path: 'petitions', roles: ['leader'] },
  { id: 'calendar', path: 'calendar', roles: ['office'] },
  { id: 'report', path: 'report', roles: ['leader', 'office'] },
  // 消息: the outbox's workbench inbox of each role (messages/MessagesScreen.tsx).
  { id: 'messages', path: 'messages', roles: ['office', 'department', 'leader'] },
  // 待复核: a department's specialist reviews their own 口径 and interpretations, the office all.
  { id: 'review', path: 'review', roles: ['department', 'office'] },
];

export function screensFor(role: StaffRole): Screen[] {
  return SCREENS.filter((s) => s.roles.includes(role));
}
