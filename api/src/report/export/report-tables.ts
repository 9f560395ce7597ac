// The report as tables, one per XLSX sheet: every number the GraphQL report has, as numbers (rates as
// fractions with a percent format), so the office can re-sort and chart them itself.
import type { Figure, MonthlyReportData, OnTimeRow, RateFigure } from '../compute/monthly-report.ts';
import { shanghaiDateTime } from '../render/format.ts';
import { EXPIRY_KIND_LABELS, KNOWLEDGE_UNAVAILABLE } from '../labels.ts';
import { monthLabel } from '../month.ts';

export type Cell = string | number | boolean | null;
export type ColumnFormat = 'count' | 'percent' | 'decimal' | 'text';

export interface Column {
  header: string;
  width: number;
  format: ColumnFormat;
}

export interface ReportTable {
  /** Sheet name (≤ 31 characters, unique). */
  name: string;
  columns: Column[];
  rows: Cell[][];
}

const text = (header: string, width = 14): Column => ({ header, width, format: 'text' });
const count = (header: string, width = 10): Column => ({ header, width, format: 'count' });
const pct = (header: string, width = 10): Column => ({ header, width, format: 'percent' });
const dec = (header: string, width = 10): Column => ({ header, width, format: 'decimal' });

const f = (x: Figure): Cell[] => [x.value, x.previous, x.value - x.previous];
const rf = (x: RateFigure): Cell[] => [x.value, x.previous];
const FIG_COLUMNS = [count('本月'), count('上月'), count('变化')];

function onTimeTable(name: string, first: string, rows: OnTimeRow[]): ReportTable {
  return {
    name,
    columns: [text(first, 22), count('本月答复'), count('本月按期'), pct('本月按期率'), count('上月答复'), count('上月按期'), pct('上月按期率')],
    rows: rows.map((r) => [r.label, r.answered.value, r.onTime.value, r.rate.value, r.answered.previous, r.onTime.previous, r.rate.previous]),
  };
}

export function reportTables(r: MonthlyReportData): ReportTable[] {
  const res = r.resolution;
  const days = r.workingDaysToAnswer;
  const sat = r.satisfaction;
  const keyed = (name: string, first: string, rows: MonthlyReportData['receivedByChannel']): ReportTable => ({
    name,
    columns: [text(first, 18), ...FIG_COLUMNS],
    rows: rows.map((x) => [x.label, ...f(x)]),
  });
  return [
    {
      name: '概览',
      columns: [text('指标', 30), dec('本月'), dec('上月'), dec('变化')],
      rows: [
        ['报告月份', r.month, r.previousMonth, null],
        ['收到诉求', ...f(r.received)],
        ['办结答复', ...f(res.answered)],
        ['其中按期', ...f(res.answeredOnTime)],
        ['其中逾期', ...f(res.answeredLate)],
        ['按期答复率', ...rf(res.onTimeRate), null],
        ['月末未办结', ...f(res.openAtMonthEnd)],
        ['月末逾期未办结', ...f(res.overdueAtMonthEnd)],
        ['月末补充材料中', ...f(res.pausedAtMonthEnd)],
        ['答复用时中位数（工作日）', ...rf(days.median), null],
        ['答复用时90分位（工作日）', ...rf(days.p90), null],
        ['催办', ...f(r.urging.urges)],
        ['提交领导小组', ...f(r.urging.escalations)],
        ['评价', ...f(sat.ratings)],
        ['默认满意', ...f(sat.defaults)],
        ['默认满意占比', ...rf(sat.defaultShare), null],
      ],
    },
    keyed('按渠道', '渠道', r.receivedByChannel),
    keyed('按类别', '类别', r.receivedByCategory),
    keyed('按领域', '领域', r.receivedByTopic),
    keyed('按主体类型', '主体类型', r.receivedBySubjectType),
    onTimeTable('类别按期率', '类别', r.onTimeByCategory),
    onTimeTable('部门按期率', '部门', r.onTimeByDepartment),
    {
      name: '催办与提交',
      columns: [text('部门', 22), count('本月催办'), count('上月催办'), count('本月提交领导小组', 16), count('上月提交领导小组', 16)],
      rows: r.urging.byDepartment.map((d) => [d.label, d.urges.value, d.urges.previous, d.escalations.value, d.escalations.previous]),
    },
    {
      name: '提交领导小组诉求',
      columns: [text('编号', 20), text('诉求', 28), text('类别', 8), text('牵头部门', 16), text('收到日', 12), text('到期日', 12), text('提交日', 12), count('催办'), text('当前状态'), text('办理经过', 80)],
      rows: r.escalatedPetitions.map((e) => [e.id, e.title, e.categoryLabel, e.leadDepartmentLabel, e.receivedOn, e.dueDate, e.escalatedOn, e.urges, e.statusLabel, e.summary]),
    },
    keyed('满意度', '评价', sat.levels),
    {
      name: '部门星级',
      columns: [text('部门', 22), count('本月评价'), dec('服务质量'), dec('服务态度'), dec('服务效率'), count('上月评价'), dec('上月质量'), dec('上月态度'), dec('上月效率')],
      rows: sat.byDepartment.map((d) => [d.label, d.ratings.value, d.quality.value, d.attitude.value, d.efficiency.value, d.ratings.previous, d.quality.previous, d.attitude.previous, d.efficiency.previous]),
    },
    { name: '诉求热点', columns: [text('关键词', 16), ...FIG_COLUMNS], rows: r.themes.map((t) => [t.keyword, ...f(t.petitions)]) },
    {
      name: '逾期未办结',
      columns: [text('编号', 20), text('诉求', 28), text('类别', 8), text('部门', 16), text('到期日', 12), count('逾期工作日'), count('催办'), text('状态')],
      rows: r.overduePetitions.map((o) => [o.id, o.title, o.categoryLabel, o.departmentLabel, o.dueDate, o.workingDaysOverdue, o.urges, o.statusLabel]),
    },
    {
      name: '近12个月',
      columns: [text('月份', 10), count('收到诉求'), count('办结答复'), count('按期答复'), pct('按期答复率'), count('提交领导小组')],
      rows: r.trends.map((t) => [t.month, t.received, t.answered, t.answeredOnTime, t.onTimeRate, t.escalations]),
    },
    { name: '检索无结果', columns: [text('检索词', 30), ...FIG_COLUMNS], rows: r.knowledgeGaps.zeroResultQueries.map((q) => [q.query, ...f(q.count)]) },
    { name: '检索后提交诉求', columns: [text('检索词', 30), ...FIG_COLUMNS], rows: r.knowledgeGaps.queriesBeforePetitions.map((q) => [q.query, ...f(q.count)]) },
    {
      name: '未引用政策的咨询',
      columns: [text('编号', 20), text('诉求', 30), text('答复部门', 16), text('答复时间', 18)],
      rows: r.knowledgeGaps.uncitedConsultations.map((u) => [u.id, u.title, u.departmentLabel, shanghaiDateTime(u.answeredAt)]),
    },
    {
      name: '政策找企业',
      columns: [text('条目编号', 14), text('条目', 36), text('部门', 16), count('符合画像数'), count('可能符合数'), text('结构化条件', 12)],
      rows: (r.policyMatching?.items ?? []).map((i) => [i.itemCode, i.title, i.departmentName, i.eligible, i.possiblyEligible, i.hasConditions ? '已录入' : '未录入']),
    },
    ...knowledgeTables(r),
    petitionListTable(r),
  ];
}

/**
 * 第十二条 + 待复核: 口径 and interpretations reviewed in the month and pending now (per department),
 * the items whose validity or application window ends next month, and the notifications delivered and
 * parked. Without the search index the first sheet says so and the second is empty.
 */
function knowledgeTables(r: MonthlyReportData): ReportTable[] {
  const k = r.knowledgeReview;
  const n = r.notifications;
  return [
    {
      name: '口径复核',
      columns: [text('项目', 36), count('数量')],
      rows: k
        ? [['本月完成复核的口径和解读', k.reviewedInMonth], ['目前待复核的口径和解读', k.pendingNow], ...k.pendingByDepartment.map((d): Cell[] => [`其中 ${d.label}`, d.value])]
        : [[KNOWLEDGE_UNAVAILABLE, null]],
    },
    {
      name: '下月到期事项',
      columns: [text('事项编码', 16), text('标题', 36), text('部门', 16), text('到期类型', 10), text('日期', 12)],
      rows: (k?.expiringNextMonth ?? []).map((e) => [e.itemCode, e.title, e.departmentName, EXPIRY_KIND_LABELS[e.kind], e.date]),
    },
    { name: '通知送达', columns: [text('通知', 22), ...FIG_COLUMNS], rows: [['已送达', ...f(n.delivered)], ['搁置待处理', ...f(n.parked)]] },
  ];
}

/**
 * The knowledge section as one list (the -knowledge.csv): one row per fact, so it sorts and filters
 * in a spreadsheet. 分项 names the fact; the other columns are filled where they apply.
 */
export function knowledgeListTable(r: MonthlyReportData): ReportTable {
  const k = r.knowledgeReview;
  const n = r.notifications;
  const row = (what: string, department: string | null, value: number | null): Cell[] => [what, department, null, null, null, null, value];
  const next = k ? monthLabel(k.nextMonth) : null;
  return {
    name: '知识库复核与通知',
    columns: [text('分项', 24), text('部门', 16), text('事项编码', 16), text('标题', 36), text('到期类型', 10), text('日期', 12), count('数量')],
    rows: [
      ...(k
        ? [
            row('本月完成复核的口径和解读', null, k.reviewedInMonth),
            row('目前待复核的口径和解读', null, k.pendingNow),
            ...k.pendingByDepartment.map((d) => row('待复核的口径和解读', d.label, d.value)),
            ...k.expiringNextMonth.map((e): Cell[] => [`${next}到期事项`, e.departmentName, e.itemCode, e.title, EXPIRY_KIND_LABELS[e.kind], e.date, null]),
          ]
        : [row(KNOWLEDGE_UNAVAILABLE, null, null)]),
      row('本月已送达通知', null, n.delivered.value),
      row('本月搁置待处理通知', null, n.parked.value),
    ],
  };
}

/** The petitions received in the month: the XLSX sheet and the CSV. */
export function petitionListTable(r: MonthlyReportData): ReportTable {
  return {
    name: '诉求清单',
    columns: [
      text('编号', 20), text('收到时间', 17), text('渠道'), text('主体类型'), text('诉求人', 24), text('领域'), text('类别'), text('标题', 30), text('状态'),
      text('牵头部门', 16), text('到期日', 12), text('答复时间', 17), text('是否按期', 8), count('催办次数'), text('评价'), text('默认评价', 8),
    ],
    rows: r.petitions.map((p) => [
      p.id,
      shanghaiDateTime(p.receivedAt),
      p.channel,
      p.subjectType,
      p.submitter,
      p.topic,
      p.category,
      p.title,
      p.status,
      p.leadDepartment,
      p.dueDate,
      p.answeredAt ? shanghaiDateTime(p.answeredAt) : null,
      p.onTime === null ? null : p.onTime ? '是' : '否',
      p.urges,
      p.satisfaction,
      p.defaultRating === null ? null : p.defaultRating ? '是' : '否',
    ]),
  };
}
