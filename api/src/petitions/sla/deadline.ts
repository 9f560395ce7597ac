// 第十条 deadlines and 第八条 pauses, counted with the one working-day convention (WorkingCalendar).
import { PETITION_CATEGORIES, PETITION_POLICY, type PetitionCategory } from '@zone/schemas';
import { endOfShanghaiDay, shanghaiDate } from '../../clock/shanghai-time.ts';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import { escalatedAtOf, handlingOf, urgeCountOf, type PetitionState } from '../state/petition-state.ts';

export interface Due {
  dueOn: string;
  dueAt: string;
}

/**
 * 第十条: the deadline of a category, from the ORIGINAL receipt date (reclassification too), moved
 * by the working days the clock was paused for materials (第八条). 次日起算: the receipt day is not counted.
 */
export function computeDue(calendar: WorkingCalendar, receivedOn: string, category: PetitionCategory, pausedWorkingDays: number): Due {
  const dueOn = calendar.addWorkingDays(receivedOn, PETITION_CATEGORIES[category].workingDays + pausedWorkingDays);
  return { dueOn, dueAt: endOfShanghaiDay(dueOn).toISOString() };
}

/**
 * 第八条: working days that passed while materials were awaited: those after the day of the request
 * up to and including the day the materials arrived (the same 次日起算 rule as the SLA itself).
 */
export function pausedWorkingDaysBetween(calendar: WorkingCalendar, pausedOn: string, resumedAt: Date): number {
  return Math.max(0, calendar.workingDaysBetween(pausedOn, shanghaiDate(resumedAt)));
}

/** 第十三条: the last working day on which the submitter can still rate (5 working days after the answer). */
export function ratingDueOn(calendar: WorkingCalendar, answeredAt: Date): string {
  return calendar.addWorkingDays(shanghaiDate(answeredAt), PETITION_POLICY.ratingWindowWorkingDays);
}

export interface SlaView {
  dueAt: string | null;
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  paused: boolean;
  pausedWorkingDays: number;
  urgeCount: number;
  escalatedAt: string | null;
}

/** The SLA fields a console shows, as of `now`. */
export function slaView(p: PetitionState, calendar: WorkingCalendar, now: Date): SlaView {
  const h = handlingOf(p);
  const running = p.status === 'in_handling' || p.status === 'escalated';
  const paused = p.status === 'awaiting_materials';
  let remaining: number | null = null;
  if (h && running) remaining = calendar.workingDaysBetween(shanghaiDate(now), h.dueOn);
  // While paused the clock stands still at the day of the request.
  if (h && p.status === 'awaiting_materials') remaining = calendar.workingDaysBetween(p.pausedOn, h.dueOn);
  return {
    dueAt: h?.dueAt ?? null,
    dueDate: h?.dueOn ?? null,
    remainingWorkingDays: remaining,
    overdue: h !== null && running && now.getTime() > Date.parse(h.dueAt),
    paused,
    pausedWorkingDays: p.pausedWorkingDays,
    urgeCount: urgeCountOf(p),
    escalatedAt: escalatedAtOf(p),
  };
}
