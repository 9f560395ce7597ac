// The report's charts: vega-lite specs compiled to vega and rendered server-side to SVG (no canvas, no
// native dependency, no network: every spec carries its data inline). The HTML embeds each SVG as an
// <img>, so a chart is a real image in the page, in print and in a PDF.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { MonthlyReportData } from '../compute/monthly-report.ts';

/** CJK fonts first: Debian's fonts-noto-cjk, then what Windows and macOS have. */
export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

const COLORS = { received: '#1f5fa8', answered: '#2e9e6a', late: '#d9822b', rate: '#7a4fb5', escalations: '#c23b3b' } as const;

const CONFIG = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#333', titleColor: '#333', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom' },
  title: { fontSize: 15, anchor: 'start', color: '#111' },
} as const;

export interface ChartSvg {
  id: string;
  title: string;
  svg: string;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const monthShort = (key: string) => `${Number(key.slice(5))}月`;

/**
 * Without a canvas, vega estimates text widths for Latin text; a CJK character is about a full em wide,
 * so long Chinese axis labels would be cut at the left edge. This pads the chart by the difference.
 */
function cjkPadding(labels: readonly string[], fontSize = 12): { left: number; right: number; top: number; bottom: number } {
  const longest = Math.max(0, ...labels.map((l) => [...l].length));
  return { left: 5 + Math.ceil(longest * fontSize * 0.5), right: 60, top: 5, bottom: 5 };
}

/** 12-month trend: received and answered (lines), escalations (bars). */
function trendSpec(r: MonthlyReportData): TopLevelSpec {
  const values = r.trends.flatMap((t) => [
    { month: monthShort(t.month), order: t.month, series: '收到诉求', n: t.received },
    { month: monthShort(t.month), order: t.month, series: '办结答复', n: t.answered },
    { month: monthShort(t.month), order: t.month, series: '提交领导小组', n: t.escalations },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 620,
    height: 220,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'month', type: 'ordinal', sort: { field: 'order' }, title: null, axis: { labelAngle: 0 } },
      y: { field: 'n', type: 'quantitative', title: '件数', axis: { tickMinStep: 1 } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: ['收到诉求', '办结答复', '提交领导小组'], range: [COLORS.received, COLORS.answered, COLORS.escalations] },
      },
    },
  };
}

/** 12-month trend of the on-time rate (months without answers have no point). */
function onTimeTrendSpec(r: MonthlyReportData): TopLevelSpec {
  const values = r.trends.map((t) => ({ month: monthShort(t.month), order: t.month, rate: t.onTimeRate }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 620,
    height: 160,
    data: { values },
    transform: [{ filter: 'datum.rate !== null' }],
    mark: { type: 'line', point: true, strokeWidth: 2, color: COLORS.rate },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: null, axis: { labelAngle: 0 }, scale: { domain: values.map((v) => v.month) } },
      y: { field: 'rate', type: 'quantitative', title: '按期答复率', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
  };
}

/** Per-department on-time rate this month (horizontal bars with the count beside each). */
function departmentOnTimeSpec(r: MonthlyReportData): TopLevelSpec {
  const values = r.onTimeByDepartment
    .filter((d) => d.answered.value > 0)
    .map((d) => ({ dept: d.label, rate: d.rate.value ?? 0, text: `${Math.round((d.rate.value ?? 0) * 100)}%（${d.onTime.value}/${d.answered.value}）` }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    padding: cjkPadding(values.map((v) => v.dept)),
    width: 460,
    height: Math.max(40, values.length * 26),
    data: { values },
    encoding: {
      y: { field: 'dept', type: 'nominal', title: null, sort: '-x' },
      x: { field: 'rate', type: 'quantitative', title: '按期答复率', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
    layer: [
      { mark: { type: 'bar', color: COLORS.answered, height: 16 } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: 'text' } } },
    ],
  };
}

/** 第十三条 satisfaction: 满意 given by the enterprise, 满意 by default, 一般, 不满意. */
function satisfactionSpec(r: MonthlyReportData): TopLevelSpec {
  const level = (k: string) => r.satisfaction.levels.find((l) => l.key === k)?.value ?? 0;
  const defaults = r.satisfaction.defaults.value;
  const values = [
    { part: '满意（企业评价）', n: level('satisfied') - defaults },
    { part: '满意（5日未评，默认）', n: defaults },
    { part: '一般', n: level('neutral') },
    { part: '不满意', n: level('dissatisfied') },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    padding: cjkPadding(values.map((v) => v.part)),
    width: 460,
    height: 150,
    data: { values },
    encoding: {
      y: { field: 'part', type: 'nominal', title: null, sort: null },
      x: { field: 'n', type: 'quantitative', title: '件数', axis: { tickMinStep: 1 } },
      color: {
        field: 'part',
        type: 'nominal',
        legend: null,
        scale: { domain: values.map((v) => v.part), range: ['#2e9e6a', '#8fd1b0', '#e3b341', '#c23b3b'] },
      },
    },
    layer: [
      { mark: { type: 'bar', height: 20 } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 }, encoding: { text: { field: 'n' }, color: { value: '#333' } } },
    ],
  };
}

/** Received by category, this month beside the previous one. */
function categorySpec(r: MonthlyReportData): TopLevelSpec {
  const values = r.receivedByCategory.flatMap((c) => [
    { cat: c.label, when: '上月', n: c.previous },
    { cat: c.label, when: '本月', n: c.value },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 460,
    height: 200,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'cat', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'when', sort: ['上月', '本月'] },
      y: { field: 'n', type: 'quantitative', title: '件数', axis: { tickMinStep: 1 } },
      color: { field: 'when', type: 'nominal', title: null, sort: ['上月', '本月'], scale: { range: ['#a9c4e4', COLORS.received] } },
    },
  };
}

/** Every chart of the report, in page order. */
export async function reportCharts(r: MonthlyReportData): Promise<ChartSvg[]> {
  const specs: [string, string, TopLevelSpec][] = [
    ['trend', '近12个月诉求收办趋势', trendSpec(r)],
    ['on-time-trend', '近12个月按期答复率', onTimeTrendSpec(r)],
    ['category', '本月与上月诉求分类', categorySpec(r)],
    ['department-on-time', '各部门按期答复率（本月）', departmentOnTimeSpec(r)],
    ['satisfaction', '满意度构成（本月）', satisfactionSpec(r)],
  ];
  const out: ChartSvg[] = [];
  for (const [id, title, spec] of specs) out.push({ id, title, svg: await renderSvg(spec) });
  return out;
}
