// 第十二条: the knowledge base's side of the monthly report — 口径 and interpretations
// reviewed in the month and still pending (待复核), and the items whose validity or application window
// ends in the following month. Read from the search index (the api's read model of the CMS): an entry
// keeps its latest review only, so "reviewed in the month" counts entries whose latest review fell in it.
import type { SearchDocumentHit } from '../../search/search-index.ts';
import type { SearchIndex } from '../../search/search-index.ts';
import { SearchUnavailableError } from '../../errors/index.ts';
import { reportMonth, shiftMonth } from '../month.ts';

export interface ExpiringRow {
  documentId: string;
  itemCode: string | null;
  title: string;
  departmentName: string | null;
  kind: 'EFFECTIVE_UNTIL' | 'APPLICATION_END';
  date: string;
}

export interface KnowledgeReview {
  /** Entries (口径 and interpretations, zh-Hans) whose latest review falls in the month. */
  reviewedInMonth: number;
  /** Entries pending review when the report was made, and per department. */
  pendingNow: number;
  pendingByDepartment: Array<{ key: string; label: string; value: number }>;
  /** The month after the report month, and its expiring items, soonest first. */
  nextMonth: string;
  expiringNextMonth: ExpiringRow[];
}

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const LIMIT = 1000;

export async function knowledgeReview(search: SearchIndex, month: string): Promise<KnowledgeReview | null> {
  const m = reportMonth(month);
  const next = reportMonth(shiftMonth(month, 1));
  const citing = ['locale = "zh-Hans"', 'type IN ["hotline_answer", "interpretation"]'];
  try {
    const [reviewed, pending, expiring] = await search.multiSearch([
      { q: '', filter: [...citing, `reviewedAtTs ${Date.parse(m.fromIso)} TO ${Date.parse(m.toIso) - 1}`], limit: 0 },
      { q: '', filter: [...citing, 'reviewStatus = "pending"'], facets: ['departmentCode'], limit: LIMIT, attributesToRetrieve: ['departmentCode', 'departmentName'] },
      {
        q: '',
        filter: ['locale = "zh-Hans"', 'type = "policy_item"', `(effectiveUntilTs ${utc(next.firstDay)} TO ${utc(next.nextFirstDay) - 1}) OR (applicationEndTs ${utc(next.firstDay)} TO ${utc(next.nextFirstDay) - 1})`],
        limit: LIMIT,
        attributesToRetrieve: ['documentId', 'itemCode', 'title', 'departmentName', 'effectiveUntil', 'applicationEnd'],
      },
    ]);
    const names = new Map<string, string>();
    for (const h of pending?.hits ?? []) if (h.departmentCode) names.set(h.departmentCode, h.departmentName ?? h.departmentCode);
    const byDept = Object.entries(pending?.facetDistribution?.departmentCode ?? {})
      .map(([key, value]) => ({ key, label: names.get(key) ?? key, value }))
      .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
    const rows: ExpiringRow[] = [];
    for (const h of (expiring?.hits ?? []) as SearchDocumentHit[]) {
      for (const [kind, date] of [['EFFECTIVE_UNTIL', h.effectiveUntil], ['APPLICATION_END', h.applicationEnd]] as const) {
        if (date && date >= next.firstDay && date < next.nextFirstDay) rows.push({ documentId: h.documentId, itemCode: h.itemCode, title: h.title, departmentName: h.departmentName, kind, date });
      }
    }
    rows.sort((a, b) => a.date.localeCompare(b.date) || (a.itemCode ?? '').localeCompare(b.itemCode ?? ''));
    return {
      reviewedInMonth: reviewed?.estimatedTotalHits ?? reviewed?.totalHits ?? 0,
      pendingNow: pending?.estimatedTotalHits ?? pending?.totalHits ?? 0,
      pendingByDepartment: byDept,
      nextMonth: next.key,
      expiringNextMonth: rows,
    };
  } catch (err) {
    // The petition figures stay available when the index is down; this section is then null.
    if (err instanceof SearchUnavailableError) return null;
    throw err;
  }
}
