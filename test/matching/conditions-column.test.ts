// The 结构化条件 column of the import template (cms/src/import/conditions-column.ts): the syntax a
// specialist writes, what it stores, the Chinese error naming row and column, and the round trip.
import { describe, expect, it } from 'vitest';
import { formatConditions, parseConditionsText } from '../../cms/src/import/conditions-column.ts';
import { validateRows, type RawRow } from '../../cms/src/import/index.ts';

const ok = (text: string) => {
  const r = parseConditionsText(text);
  if (!r.ok) throw new Error(r.reason);
  return r.conditions;
};

describe('the condition syntax', () => {
  it('reads the example of the README', () => {
    expect(ok('员工人数>=50「在职员工50人以上」；高新技术企业=是；行业 in C13,C14')).toEqual([
      { attribute: 'employees', operator: 'gte', value: '50', clause: '在职员工50人以上' },
      { attribute: 'qualifications', operator: 'includes_all', value: 'high_tech', clause: null },
      { attribute: 'industry', operator: 'in', value: '13,14', clause: null },
    ]);
  });

  it('reads every operator, full-width signs, units, labels of values, and ; or line breaks between conditions', () => {
    expect(
      ok(
        [
          '年营业收入 介于 500~20000万元',
          '成立年限＞3',
          '员工人数≤300人',
          '研发费用占比<3%',
          '年纳税额=100',
          '项目投资额 >= 500',
          '主体类型 属于 工业企业、生产性服务业企业',
          '纳税信用等级 not in C,D',
          '行业 不属于 J,K',
          '区内注册=否',
          '资质 包含任一 专精特新中小企业,专精特新“小巨人”企业',
          '资质 包含全部 high_tech',
          '资质 不包含 科技型中小企业',
          '规上工业企业=否',
        ].join('\n'),
      ),
    ).toEqual([
      { attribute: 'annualRevenue', operator: 'between', value: '500,20000', clause: null },
      { attribute: 'yearsEstablished', operator: 'gt', value: '3', clause: null },
      { attribute: 'employees', operator: 'lte', value: '300', clause: null },
      { attribute: 'rdExpenseRatio', operator: 'lt', value: '3', clause: null },
      { attribute: 'annualTaxPaid', operator: 'eq', value: '100', clause: null },
      { attribute: 'projectInvestment', operator: 'gte', value: '500', clause: null },
      { attribute: 'subjectType', operator: 'in', value: 'industrial,producer_services', clause: null },
      { attribute: 'taxCreditRating', operator: 'not_in', value: 'C,D', clause: null },
      { attribute: 'industry', operator: 'not_in', value: 'J,K', clause: null },
      { attribute: 'registeredInZone', operator: 'is', value: 'false', clause: null },
      { attribute: 'qualifications', operator: 'includes_any', value: 'specialized_sme,little_giant', clause: null },
      { attribute: 'qualifications', operator: 'includes_all', value: 'high_tech', clause: null },
      { attribute: 'qualifications', operator: 'includes_none', value: 'tech_sme', clause: null },
      { attribute: 'qualifications', operator: 'includes_none', value: 'above_scale_industrial', clause: null },
    ]);
  });

  it('keeps ； inside a quoted clause', () => {
    expect(ok('区内注册=是【在区内注册；纳税】')).toEqual([{ attribute: 'registeredInZone', operator: 'is', value: 'true', clause: '在区内注册；纳税' }]);
  });

  it('an empty cell is no conditions', () => {
    expect(ok('')).toEqual([]);
  });

  it('explains each kind of mistake in Chinese, naming the condition', () => {
    const reason = (text: string) => {
      const r = parseConditionsText(text);
      return r.ok ? null : r.reason;
    };
    expect(reason('员工人数>=50；注册资本>=100')).toBe(
      '结构化条件第 2 条有误：无法识别条件「注册资本>=100」的属性：应以 主体类型、区内注册、行业、成立年限、年营业收入、年纳税额、员工人数、研发费用占比、纳税信用等级、资质、项目投资额 或资质名称开头',
    );
    expect(reason('员工人数 50')).toBe('结构化条件第 1 条有误：条件「员工人数 50」缺少运算符（如 >=、=、属于、介于、包含任一）');
    expect(reason('员工人数>=五十')).toBe('结构化条件第 1 条有误：条件「员工人数>=五十」：「员工人数」的取值应为数字（单位人）');
    expect(reason('员工人数 属于 50')).toBe('结构化条件第 1 条有误：条件「员工人数 属于 50」：「员工人数」是数值，运算符只能是 >=、>、<=、<、=、介于');
    expect(reason('行业 in C99')).toBe('结构化条件第 1 条有误：条件「行业 in C99」：无法识别行业代码 C99：应为 GB/T 4754-2017 门类字母（A–T）或大类代码（如 C13 或 13）');
    expect(reason('年营业收入 介于 500~100')).toBe('结构化条件第 1 条有误：条件「年营业收入 介于 500~100」：下限 500 大于上限 100');
    expect(reason('区内注册=也许')).toBe('结构化条件第 1 条有误：条件「区内注册=也许」：取值应为 是 或 否');
  });

  it('formats back to text that reads the same conditions', () => {
    const text = '员工人数>=50「在职员工50人以上」；行业 属于 C13,14,J；资质 包含任一 高新技术企业,科技型中小企业；区内注册=是；年营业收入 介于 1~2';
    const once = ok(text);
    const formatted = formatConditions(once)!;
    expect(formatted).toBe('员工人数>=50「在职员工50人以上」；行业 属于 C13,C14,J；资质 包含任一 高新技术企业,科技型中小企业；区内注册=是；年营业收入 介于 1~2');
    expect(ok(formatted)).toEqual(once);
  });
});

describe('the column in an import file', () => {
  const row = (n: number, conditions: string): RawRow => ({ row: n, cells: { itemCode: `T-${n}`, title: `条目 ${n}`, conditions } });

  it('a bad cell rejects its row with row, column and reason; the good row still imports', () => {
    const result = validateRows([row(2, '员工人数>=50；高新技术企业=是'), row(3, '员工人数>>50')]);
    expect(result.valid.map((v) => [v.row, v.values.conditions])).toEqual([
      [
        2,
        [
          { attribute: 'employees', operator: 'gte', value: '50', clause: null },
          { attribute: 'qualifications', operator: 'includes_all', value: 'high_tech', clause: null },
        ],
      ],
    ]);
    expect(result.issues).toEqual([{ row: 3, column: '结构化条件 conditions', reason: '结构化条件第 1 条有误：条件「员工人数>>50」：「员工人数」的取值应为数字（单位人）' }]);
  });
});
