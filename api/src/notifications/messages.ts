// What a person reads: the Chinese title and body of each notification, rendered at delivery from
// the event facts stored with it.
import { findDepartment } from '@zone/schemas';
import type { NotificationKind } from './policy.ts';

export interface NotificationContent {
  title: string;
  body: string;
}

export interface EventFacts {
  petitionId: string;
  department: string | null;
  dueOn: string | null;
  payload: Record<string, unknown>;
}

/** What a 待复核 notice says (stored with the delivery as its data). */
export interface ReviewFlagFacts {
  entryType: 'hotline_answer' | 'interpretation';
  documentId: string;
  title: string;
  /** The cited item the change concerns, and what happened to it: 已修订 / 已失效 / 已废止 / 已撤回发布. */
  itemCode: string | null;
  change: string | null;
  /** What changed, as the CMS recorded it (one line per change). */
  reason: string;
}

export function contentOf(kind: NotificationKind, e: EventFacts): NotificationContent {
  const dept = e.department ? (findDepartment(e.department)?.name ?? e.department) : '';
  switch (kind) {
    case 'urged': {
      const n = typeof e.payload['urgeNumber'] === 'number' ? e.payload['urgeNumber'] : '';
      return {
        title: `催办：诉求 ${e.petitionId}（第${n}次）`,
        body: `诉求 ${e.petitionId} 已超过办理期限，${dept}尚未答复。这是第${n}次催办（${e.dueOn ?? ''}），请尽快办理并答复（第十一条）。`,
      };
    }
    case 'escalated':
      return {
        title: `提请协调：诉求 ${e.petitionId}`,
        body: `诉求 ${e.petitionId} 经三次催办仍未答复，已提交区服务企业领导小组协调解决（第十一条）。`,
      };
    case 'materials_requested':
      return { title: `请补充材料：诉求 ${e.petitionId}`, body: String(e.payload['note'] ?? '') };
    case 'answered':
      return { title: `诉求 ${e.petitionId} 已答复`, body: String(e.payload['text'] ?? '') };
    case 'review_flagged': {
      // The facts are written by review/review-notices.ts when the flag is first seen.
      const p = e.payload as Partial<ReviewFlagFacts>;
      const what = p.entryType === 'interpretation' ? '解读' : '口径';
      const cited = p.itemCode ? `（所引事项 ${p.itemCode} ${p.change ?? '已变更'}）` : `（${p.change ?? '所引事项已变更'}）`;
      return {
        title: `${what}待复核：${p.title ?? ''}${cited}`,
        body: `${p.reason ?? ''}\n请在工作台「待复核」中核对${what}内容，需要时修改，然后确认复核。`,
      };
    }
  }
}
