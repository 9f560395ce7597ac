// 待复核: the review queue of a department's specialist (their own department) or the office (all).
// (a) 口径 and interpretations the CMS flagged when an item they cite, or its policy, changed in
//     substance (cms/src/citations/change-flags.ts), with what changed;
// (b) the department's items whose effectiveUntil or application end falls within the next N working
//     days (N configurable, default 10), counted with the api's working calendar (次日起算: day 1 is the
//     first working day after today, so the window ends at the end of the Nth working day).
import { DEPARTMENT_CODES, type SearchDocument, type SearchLocale } from '@zone/schemas';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors/index.ts';
import type { ApiContext } from '../graphql/context.ts';
import type { DepartmentRef } from '../search/department-directory.ts';
import { reviewsOf, type CitedItemView, type EntryReviewView } from './cited-items.ts';

export const REVIEW_WINDOW = { defaultWorkingDays: 10, maxWorkingDays: 60, maxEntries: 1000 } as const;

export interface FlaggedEntryView {
  type: SearchDocument['type'];
  documentId: string;
  title: string;
  department: DepartmentRef | null;
  review: EntryReviewView;
  citations: CitedItemView[];
}

export type ExpiryKind = 'EFFECTIVE_UNTIL' | 'APPLICATION_END';

export interface ExpiringItemView {
  documentId: string;
  itemCode: string | null;
  title: string;
  department: DepartmentRef | null;
  kind: ExpiryKind;
  date: string;
  workingDaysLeft: number;
}

export interface ReviewQueueView {
  today: string;
  withinWorkingDays: number;
  until: string;
  flagged: FlaggedEntryView[];
  expiring: ExpiringItemView[];
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

function department(doc: SearchDocument): DepartmentRef | null {
  if (!doc.departmentCode) return null;
  return { code: doc.departmentCode, name: doc.departmentName ?? doc.departmentCode, shortName: doc.departmentShortName, phone: doc.departmentPhone };
}

/** The departments the caller may see: a department its own; the office all (or the one asked for). */
export function reviewScope(ctx: ApiContext, asked: string | null | undefined): string | null {
  const actor = ctx.actor;
  if (!actor) throw new UnauthenticatedError();
  if (asked != null && !DEPARTMENT_CODES.includes(asked)) throw BadUserInputError.single(['department'], 'unknown_department', `没有这个部门代码：${asked}`);
  if (actor.role === 'department') {
    if (asked != null && asked !== actor.department) throw new ForbiddenError();
    return actor.department;
  }
  if (actor.role === 'office') return asked ?? null;
  throw new ForbiddenError();
}

export async function reviewQueue(ctx: ApiContext, args: { department?: string | null; withinWorkingDays?: number | null; locale: SearchLocale }): Promise<ReviewQueueView> {
  const scope = reviewScope(ctx, args.department);
  const n = args.withinWorkingDays ?? REVIEW_WINDOW.defaultWorkingDays;
  if (!Number.isInteger(n) || n < 1 || n > REVIEW_WINDOW.maxWorkingDays) {
    throw BadUserInputError.single(['withinWorkingDays'], 'out_of_range', `withinWorkingDays 须在 1 到 ${REVIEW_WINDOW.maxWorkingDays} 之间（工作日）`);
  }
  const today = shanghaiDate(ctx.services.clock.now());
  const until = (await ctx.calendar()).addWorkingDays(today, n);
  const calendar = await ctx.calendar();
  const base = [`locale = ${quote(args.locale)}`, ...(scope ? [`departmentCode = ${quote(scope)}`] : [])];
  const window = (attr: string) => `${attr} ${utcMidnight(today)} TO ${utcMidnight(until)}`;
  const [flaggedRes, expiringRes] = await ctx.services.search.multiSearch([
    { q: '', filter: [...base, 'type IN ["hotline_answer", "interpretation"]', 'reviewStatus = "pending"'], limit: REVIEW_WINDOW.maxEntries },
    {
      q: '',
      filter: [...base, 'type = "policy_item"', `(${window('effectiveUntilTs')}) OR (${window('applicationEndTs')})`],
      attributesToRetrieve: ['documentId', 'itemCode', 'title', 'departmentCode', 'departmentName', 'departmentShortName', 'departmentPhone', 'effectiveUntil', 'applicationEnd'],
      limit: REVIEW_WINDOW.maxEntries,
    },
  ]);
  const flaggedHits = [...(flaggedRes?.hits ?? [])].sort((a, b) => (a.flaggedAtTs ?? 0) - (b.flaggedAtTs ?? 0) || a.title.localeCompare(b.title));
  const views = await reviewsOf(ctx.services.search, flaggedHits, args.locale);
  const flagged = flaggedHits.map((h, i): FlaggedEntryView => ({
    type: h.type,
    documentId: h.documentId,
    title: h.title,
    department: department(h),
    review: views[i]!.review!,
    citations: views[i]!.citations,
  }));
  const expiring: ExpiringItemView[] = [];
  for (const h of expiringRes?.hits ?? []) {
    for (const [kind, date] of [['EFFECTIVE_UNTIL', h.effectiveUntil], ['APPLICATION_END', h.applicationEnd]] as const) {
      if (!date || date < today || date > until) continue;
      expiring.push({ documentId: h.documentId, itemCode: h.itemCode, title: h.title, department: department(h), kind, date, workingDaysLeft: calendar.workingDaysBetween(today, date) });
    }
  }
  expiring.sort((a, b) => a.date.localeCompare(b.date) || (a.itemCode ?? '').localeCompare(b.itemCode ?? ''));
  return { today, withinWorkingDays: n, until, flagged, expiring };
}
