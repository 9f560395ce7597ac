// The report as one self-contained, print-ready HTML page in Chinese (A4, @page CSS): charts are SVG
// images embedded as data URIs, so the file opens on any screen, prints as is, and a headless browser
// can turn it into a PDF (write-report.ts does, when asked). Nothing is loaded from the network.
import type { MonthlyReportData, OnTimeRow, Figure, KeyedFigure } from '../compute/monthly-report.ts';
import type { ChartSvg } from '../charts/report-charts.ts';
import { CHART_FONT } from '../charts/report-charts.ts';
import { monthLabel } from '../month.ts';
import { EXPIRY_KIND_LABELS, KNOWLEDGE_UNAVAILABLE } from '../labels.ts';
import { countChange, decimal, escapeHtml as h, numberChange, percent, rateChange, shanghaiDateTime } from './format.ts';

function chart(c: ChartSvg | undefined): string {
  if (!c) return '';
  const w = /width="(\d+(?:\.\d+)?)"/.exec(c.svg)?.[1] ?? '600';
  const ht = /height="(\d+(?:\.\d+)?)"/.exec(c.svg)?.[1] ?? '300';
  const src = `data:image/svg+xml;base64,${Buffer.from(c.svg, 'utf8').toString('base64')}`;
  return `<figure class="chart" data-chart="${h(c.id)}"><figcaption>${h(c.title)}</figcaption><img alt="${h(c.title)}" width="${w}" height="${ht}" src="${src}"></figure>`;
}

function table(head: string[], rows: string[][], cls = ''): string {
  if (rows.length === 0) return `<p class="none">本月无。</p>`;
  const th = head.map((x) => `<th>${h(x)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const n = (v: number) => String(v);
const figCells = (f: Figure) => [n(f.value), n(f.previous), h(countChange(f.value, f.previous))];
const keyedRows = (rows: KeyedFigure[]) => rows.map((r) => [h(r.label), ...figCells(r)]);
const onTimeTable = (rows: OnTimeRow[], first: string) =>
  table(
    [first, '本月答复', '其中按期', '按期率', '上月按期率', '变化'],
    rows.map((r) => [h(r.label), n(r.answered.value), n(r.onTime.value), percent(r.rate.value), percent(r.rate.previous), h(rateChange(r.rate.value, r.rate.previous))]),
  );

function card(label: string, value: string, previous: string, change: string): string {
  return `<div class="card"><div class="label">${h(label)}</div><div class="value">${h(value)}</div><div class="prev">上月 ${h(previous)}&emsp;${h(change)}</div></div>`;
}

function matchingSection(r: MonthlyReportData): string {
  const m = r.policyMatching;
  if (!m) return `<p class="none">搜索索引暂不可用，本节未生成。</p>`;
  const row = (i: NonNullable<MonthlyReportData['policyMatching']>['items'][number]) => [
    h(i.itemCode ?? ''),
    h(i.title),
    h(i.departmentName ?? ''),
    n(i.eligible),
    n(i.possiblyEligible),
    i.hasConditions ? '' : '未录入结构化条件',
  ];
  return `<p>截至 ${h(shanghaiDateTime(m.asOf))}，已保存企业画像 ${n(m.profiles)} 份，当前有效条目 ${n(m.items.length)} 条，其中 ${n(m.matchingNoOne.length)} 条不符合任何企业画像。</p>
<h3>各条目符合的企业画像数</h3>
${table(['条目编号', '条目', '部门', '符合', '可能符合（缺信息）', '备注'], m.items.map(row))}
<h3>不符合任何企业画像的条目（建议复核申报条件）</h3>
${table(['条目编号', '条目', '部门', '符合', '可能符合（缺信息）', '备注'], m.matchingNoOne.map(row))}`;
}

/** 第十二条 + 待复核: the knowledge base kept current, and whether the people who had to act were told. */
function knowledgeSection(r: MonthlyReportData): string {
  const k = r.knowledgeReview;
  const sent = r.notifications;
  const review = k
    ? `<p>本月完成复核的口径和解读 ${n(k.reviewedInMonth)} 条；目前待复核 ${n(k.pendingNow)} 条。</p>
<h3>各部门待复核的口径和解读</h3>
${k.pendingByDepartment.length ? table(['部门', '待复核'], k.pendingByDepartment.map((d) => [h(d.label), n(d.value)])) : '<p class="none">目前无待复核的口径和解读。</p>'}
<h3>${h(monthLabel(k.nextMonth))}到期的政策条目</h3>
${k.expiringNextMonth.length ? table(['事项编码', '标题', '部门', '到期类型', '日期'], k.expiringNextMonth.map((e) => [h(e.itemCode ?? ''), h(e.title), h(e.departmentName ?? ''), h(EXPIRY_KIND_LABELS[e.kind]), h(e.date)]), 'expiring') : `<p class="none">${h(monthLabel(k.nextMonth))}无到期的政策条目。</p>`}`
    : `<p class="none">${h(KNOWLEDGE_UNAVAILABLE)}。</p>`;
  return `${review}
<h3>通知送达（站内消息、邮件、平台推送）</h3>
${table(['通知', '本月', '上月', '变化'], [['已送达', ...figCells(sent.delivered)], ['搁置待处理（多次失败，待区企服办重新发送）', ...figCells(sent.parked)]])}`;
}

export function renderReportHtml(r: MonthlyReportData, charts: ChartSvg[]): string {
  const c = (id: string) => chart(charts.find((x) => x.id === id));
  const res = r.resolution;
  const title = `${monthLabel(r.month)}企业诉求办理情况报告`;
  const cards = [
    card('收到诉求', n(r.received.value), n(r.received.previous), countChange(r.received.value, r.received.previous)),
    card('办结答复', n(res.answered.value), n(res.answered.previous), countChange(res.answered.value, res.answered.previous)),
    card('按期答复率', percent(res.onTimeRate.value), percent(res.onTimeRate.previous), rateChange(res.onTimeRate.value, res.onTimeRate.previous)),
    card('月末未办结', n(res.openAtMonthEnd.value), n(res.openAtMonthEnd.previous), countChange(res.openAtMonthEnd.value, res.openAtMonthEnd.previous)),
    card('月末逾期', n(res.overdueAtMonthEnd.value), n(res.overdueAtMonthEnd.previous), countChange(res.overdueAtMonthEnd.value, res.overdueAtMonthEnd.previous)),
    card('催办', n(r.urging.urges.value), n(r.urging.urges.previous), countChange(r.urging.urges.value, r.urging.urges.previous)),
    card('提交领导小组', n(r.urging.escalations.value), n(r.urging.escalations.previous), countChange(r.urging.escalations.value, r.urging.escalations.previous)),
    card('默认满意占比', percent(r.satisfaction.defaultShare.value), percent(r.satisfaction.defaultShare.previous), rateChange(r.satisfaction.defaultShare.value, r.satisfaction.defaultShare.previous)),
  ].join('');
  const days = r.workingDaysToAnswer;
  const gaps = r.knowledgeGaps;

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
  @page { size: A4; margin: 14mm 12mm; }
  * { box-sizing: border-box; }
  body { font-family: ${CHART_FONT}; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 4mm; font-size: 13px; line-height: 1.55; }
  header { border-bottom: 3px solid #b22222; padding-bottom: 6px; margin-bottom: 12px; }
  header .org { color: #b22222; font-size: 14px; letter-spacing: 2px; }
  h1 { font-size: 22px; margin: 4px 0; }
  header .meta { color: #555; font-size: 12px; }
  h2 { font-size: 16px; border-left: 5px solid #1f5fa8; padding-left: 8px; margin: 20px 0 8px; break-after: avoid; }
  h3 { font-size: 14px; margin: 12px 0 6px; break-after: avoid; }
  .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .card { border: 1px solid #d8dde6; border-radius: 6px; padding: 6px 8px; break-inside: avoid; }
  .card .label { color: #555; font-size: 12px; }
  .card .value { font-size: 22px; font-weight: 700; color: #1f5fa8; }
  .card .prev { color: #666; font-size: 11px; }
  figure.chart { margin: 10px 0; break-inside: avoid; }
  figure.chart figcaption { font-weight: 700; font-size: 13px; margin-bottom: 4px; }
  figure.chart img { max-width: 100%; height: auto; display: block; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 12px; }
  th, td { border: 1px solid #c9ced6; padding: 3px 6px; text-align: left; vertical-align: top; }
  thead th { background: #eef2f8; }
  tr { break-inside: avoid; }
  td:not(:first-child) { font-variant-numeric: tabular-nums; }
  .none { color: #666; }
  .note { color: #555; font-size: 11px; }
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
  section { break-inside: auto; }
</style>
</head>
<body>
<header>
  <div class="org">嘉兴经济技术开发区 区企服办（企业服务专班）</div>
  <h1>${h(title)}</h1>
  <div class="meta">报送：区企业服务工作领导小组（依据嘉开管〔2020〕15号第十二条）&emsp;统计截至 ${h(shanghaiDateTime(new Date(Date.parse(r.asOf) - 60_000).toISOString()))}&emsp;生成于 ${h(shanghaiDateTime(r.generatedAt))}&emsp;对比月份：${h(monthLabel(r.previousMonth))}</div>
</header>

<section id="overview">
<h2>一、总体情况</h2>
<div class="cards">${cards}</div>
${c('trend')}
${c('on-time-trend')}
</section>

<section id="received">
<h2>二、诉求受理</h2>
<div class="two"><div><h3>按渠道</h3>${table(['渠道', '本月', '上月', '变化'], keyedRows(r.receivedByChannel))}</div>
<div><h3>按主体类型</h3>${table(['主体', '本月', '上月', '变化'], keyedRows(r.receivedBySubjectType))}</div></div>
<h3>按类别</h3>
${c('category')}
${table(['类别', '本月', '上月', '变化'], keyedRows(r.receivedByCategory))}
<h3>按诉求领域</h3>
${table(['领域', '本月', '上月', '变化'], keyedRows(r.receivedByTopic))}
</section>

<section id="resolution">
<h2>三、办理情况</h2>
${table(
  ['指标', '本月', '上月', '变化'],
  [
    ['办结答复', ...figCells(res.answered)],
    ['其中按期', ...figCells(res.answeredOnTime)],
    ['其中逾期', ...figCells(res.answeredLate)],
    ['按期答复率', percent(res.onTimeRate.value), percent(res.onTimeRate.previous), h(rateChange(res.onTimeRate.value, res.onTimeRate.previous))],
    ['月末未办结', ...figCells(res.openAtMonthEnd)],
    ['月末逾期未办结', ...figCells(res.overdueAtMonthEnd)],
    ['月末补充材料中（暂停计时）', ...figCells(res.pausedAtMonthEnd)],
    ['答复用时中位数（工作日）', decimal(days.median.value, 0), decimal(days.median.previous, 0), h(numberChange(days.median.value, days.median.previous, 0))],
    ['答复用时90分位（工作日）', decimal(days.p90.value, 0), decimal(days.p90.previous, 0), h(numberChange(days.p90.value, days.p90.previous, 0))],
  ],
)}
<h3>按类别按期答复率</h3>
${onTimeTable(r.onTimeByCategory, '类别')}
<h3>各部门按期答复率</h3>
${c('department-on-time')}
${onTimeTable(r.onTimeByDepartment, '部门')}
<p class="note">部门按期率统计各部门本月自身答复是否在诉求期限内；区企服办统计其直接答复（咨询类）的终答复。答复用时自收到次日起算，扣除补充材料暂停的工作日。</p>
</section>

<section id="urging">
<h2>四、催办与提交领导小组</h2>
${table(['部门', '本月催办', '上月催办', '本月提交领导小组', '上月提交领导小组'], r.urging.byDepartment.map((d) => [h(d.label), n(d.urges.value), n(d.urges.previous), n(d.escalations.value), n(d.escalations.previous)]))}
<h3>本月提交领导小组的诉求</h3>
${table(
  ['编号', '诉求', '牵头部门', '收到日', '到期日', '提交日', '催办', '当前状态', '办理经过'],
  r.escalatedPetitions.map((e) => [h(e.id), h(e.title), h(e.leadDepartmentLabel), h(e.receivedOn), h(e.dueDate ?? '—'), h(e.escalatedOn), n(e.urges), h(e.statusLabel), h(e.summary)]),
  'escalated',
)}
</section>

<section id="satisfaction">
<h2>五、企业评价</h2>
${c('satisfaction')}
${table(['评价', '本月', '上月', '变化'], [
  ...keyedRows(r.satisfaction.levels),
  ['评价合计', ...figCells(r.satisfaction.ratings)],
  ['其中5个工作日未评价视作满意', ...figCells(r.satisfaction.defaults)],
  ['默认满意占比', percent(r.satisfaction.defaultShare.value), percent(r.satisfaction.defaultShare.previous), h(rateChange(r.satisfaction.defaultShare.value, r.satisfaction.defaultShare.previous))],
])}
<h3>各部门星级（企业实际评价的平均星级，满分5星）</h3>
${table(['部门', '评价数', '服务质量', '服务态度', '服务效率', '上月质量/态度/效率'], r.satisfaction.byDepartment.map((d) => [
  h(d.label),
  n(d.ratings.value),
  decimal(d.quality.value),
  decimal(d.attitude.value),
  decimal(d.efficiency.value),
  `${decimal(d.quality.previous)} / ${decimal(d.attitude.previous)} / ${decimal(d.efficiency.previous)}`,
]))}
</section>

<section id="themes">
<h2>六、诉求热点</h2>
${table(['关键词（分词）', '本月涉及诉求', '上月', '变化'], r.themes.map((t) => [h(t.keyword), ...figCells(t.petitions)]))}
</section>

<section id="overdue">
<h2>七、逾期未办结诉求</h2>
${table(['编号', '诉求', '类别', '部门', '到期日', '逾期（工作日）', '催办', '状态'], r.overduePetitions.map((o) => [h(o.id), h(o.title), h(o.categoryLabel), h(o.departmentLabel), h(o.dueDate), n(o.workingDaysOverdue), n(o.urges), h(o.statusLabel)]))}
</section>

<section id="knowledge-gaps">
<h2>八、知识库缺口</h2>
<h3>检索无结果的高频问题</h3>
${table(['检索词（已规范化）', '本月次数', '上月', '变化'], gaps.zeroResultQueries.map((q) => [h(q.query), ...figCells(q.count)]))}
<h3>检索后仍提交诉求的问题</h3>
${table(['检索词（已规范化）', '本月诉求数', '上月', '变化'], gaps.queriesBeforePetitions.map((q) => [h(q.query), ...figCells(q.count)]))}
<h3>未引用政策条目的咨询类答复（建议新增热线口径）</h3>
${table(['编号', '诉求', '答复部门', '答复时间'], gaps.uncitedConsultations.map((u) => [h(u.id), h(u.title), h(u.departmentLabel), h(shanghaiDateTime(u.answeredAt))]))}
<p class="note">检索记录不含任何个人信息：检索词经规范化，号码、邮箱、信用代码均已替换；检索与诉求的关联只保存检索词。</p>
</section>

<section id="policy-matching">
<h2>九、政策找企业：条目与企业画像匹配情况</h2>
${matchingSection(r)}
</section>

<section id="knowledge-review">
<h2>十、知识库复核与通知送达</h2>
${knowledgeSection(r)}
</section>

<footer class="note">本月收到诉求 ${n(r.petitions.length)} 件，逐件清单见同名 CSV 与 XLSX 附件。</footer>
</body>
</html>
`;
}
