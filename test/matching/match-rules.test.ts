// 政策找企业 rules, pure: every operator, unknown facts, the industry hierarchy of GB/T 4754-2017,
// expired and closed items, the order (closing soonest first). Expected values are worked out by
// hand from the conditions written in each test.
import { describe, expect, it } from 'vitest';
import {
  INDUSTRY_SECTIONS,
  canonicalIndustryCode,
  enterpriseProfileSchema,
  matchPolicies,
  parseCondition,
  prepareItem,
  prepareItems,
  type EnterpriseProfile,
  type MatchableItem,
  type StoredCondition,
} from '@zone/schemas';

const TODAY = '2026-11-27';

function item(code: string, conditions: StoredCondition[], over: Partial<MatchableItem> = {}): MatchableItem {
  return {
    documentId: `doc${code}`,
    itemCode: code,
    title: `条目 ${code}`,
    departmentCode: 'economy-commerce',
    departmentName: '经信商务局',
    maxAmount: 10,
    applicationStart: null,
    applicationEnd: null,
    effectiveUntil: null,
    validity: 'valid',
    updatedAtTs: 0,
    conditions,
    ...over,
  };
}
const cond = (attribute: string, operator: string, value: string, clause: string | null = null): StoredCondition => ({ attribute, operator, value, clause });

/** The single condition's result for a profile. */
function resultOf(c: StoredCondition, profile: EnterpriseProfile): string {
  const [m] = matchPolicies([prepareItem(item('X', [c]))], profile, { today: TODAY });
  return m!.conditions[0]!.result;
}

describe('number operators', () => {
  const cases: Array<[string, string, number, string]> = [
    // operator, value, stated employees, expected
    ['gte', '50', 50, 'MET'],
    ['gte', '50', 49, 'NOT_MET'],
    ['gt', '50', 50, 'NOT_MET'],
    ['gt', '50', 51, 'MET'],
    ['lte', '300', 300, 'MET'],
    ['lte', '300', 301, 'NOT_MET'],
    ['lt', '300', 300, 'NOT_MET'],
    ['lt', '300', 299, 'MET'],
    ['eq', '10', 10, 'MET'],
    ['eq', '10', 11, 'NOT_MET'],
    ['between', '10,100', 10, 'MET'],
    ['between', '10,100', 100, 'MET'],
    ['between', '10,100', 9, 'NOT_MET'],
    ['between', '10,100', 101, 'NOT_MET'],
  ];
  it.each(cases)('员工人数 %s %s with %d employees is %s', (op, value, employees, expected) => {
    expect(resultOf(cond('employees', op, value), { employees })).toBe(expected);
  });

  it('decimals compare as numbers (研发费用占比 ≥ 3: 2.99 fails, 3.0 passes)', () => {
    expect(resultOf(cond('rdExpenseRatio', 'gte', '3'), { rdExpenseRatio: 2.99 })).toBe('NOT_MET');
    expect(resultOf(cond('rdExpenseRatio', 'gte', '3'), { rdExpenseRatio: 3 })).toBe('MET');
  });

  it('zero is a stated fact, not a missing one', () => {
    expect(resultOf(cond('annualTaxPaid', 'gte', '1'), { annualTaxPaid: 0 })).toBe('NOT_MET');
  });
});

describe('enum, boolean and set operators', () => {
  it('in / not in on 主体类型 and 纳税信用等级', () => {
    expect(resultOf(cond('subjectType', 'in', 'industrial,producer_services'), { subjectType: 'producer_services' })).toBe('MET');
    expect(resultOf(cond('subjectType', 'in', 'industrial'), { subjectType: 'startup_individual' })).toBe('NOT_MET');
    expect(resultOf(cond('taxCreditRating', 'not_in', 'C,D'), { taxCreditRating: 'B' })).toBe('MET');
    expect(resultOf(cond('taxCreditRating', 'not_in', 'C,D'), { taxCreditRating: 'D' })).toBe('NOT_MET');
  });

  it('is on 区内注册', () => {
    expect(resultOf(cond('registeredInZone', 'is', 'true'), { registeredInZone: true })).toBe('MET');
    expect(resultOf(cond('registeredInZone', 'is', 'true'), { registeredInZone: false })).toBe('NOT_MET');
    expect(resultOf(cond('registeredInZone', 'is', 'false'), { registeredInZone: false })).toBe('MET');
  });

  it('includes any / all / none on 资质; a stated empty list holds nothing', () => {
    const q = { qualifications: ['high_tech', 'tech_sme'] } as EnterpriseProfile;
    expect(resultOf(cond('qualifications', 'includes_any', 'little_giant,tech_sme'), q)).toBe('MET');
    expect(resultOf(cond('qualifications', 'includes_any', 'little_giant,specialized_sme'), q)).toBe('NOT_MET');
    expect(resultOf(cond('qualifications', 'includes_all', 'high_tech,tech_sme'), q)).toBe('MET');
    expect(resultOf(cond('qualifications', 'includes_all', 'high_tech,above_scale_industrial'), q)).toBe('NOT_MET');
    expect(resultOf(cond('qualifications', 'includes_none', 'little_giant'), q)).toBe('MET');
    expect(resultOf(cond('qualifications', 'includes_none', 'tech_sme'), q)).toBe('NOT_MET');
    expect(resultOf(cond('qualifications', 'includes_any', 'high_tech'), { qualifications: [] })).toBe('NOT_MET');
  });
});

describe('industry (GB/T 4754-2017 门类 and 大类)', () => {
  it('has the 20 门类 A–T and the 97 大类 01–97, each 大类 once', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const divisions = INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((d) => d.code));
    expect(divisions).toHaveLength(97);
    expect(new Set(divisions).size).toBe(97);
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'C')!.divisions.map((d) => d.code)).toEqual(Array.from({ length: 31 }, (_, i) => String(13 + i)));
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'C')!.divisions[0]).toEqual({ code: '13', name: '农副食品加工业' });
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'I')!.divisions.map((d) => d.name)).toEqual(['电信、广播电视和卫星传输服务', '互联网和相关服务', '软件和信息技术服务业']);
  });

  it('reads C13, c13 and 13 as 大类 13, and refuses a 大类 under the wrong 门类', () => {
    expect(canonicalIndustryCode('C13')).toBe('13');
    expect(canonicalIndustryCode('c13')).toBe('13');
    expect(canonicalIndustryCode('13')).toBe('13');
    expect(canonicalIndustryCode('C')).toBe('C');
    expect(canonicalIndustryCode('D13')).toBeNull();
    expect(canonicalIndustryCode('98')).toBeNull();
    expect(canonicalIndustryCode('U')).toBeNull();
  });

  it('a 大类 is in its 门类; only a 门类 stated decides a 门类 condition but not a 大类 one inside it', () => {
    expect(resultOf(cond('industry', 'in', 'C'), { industry: '36' })).toBe('MET');
    expect(resultOf(cond('industry', 'in', '13,14'), { industry: '14' })).toBe('MET');
    expect(resultOf(cond('industry', 'in', '13,14'), { industry: '15' })).toBe('NOT_MET');
    expect(resultOf(cond('industry', 'in', '13,14'), { industry: 'C' })).toBe('UNKNOWN');
    expect(resultOf(cond('industry', 'in', '13,14'), { industry: 'I' })).toBe('NOT_MET');
    expect(resultOf(cond('industry', 'not_in', 'J,K'), { industry: '70' })).toBe('NOT_MET'); // 70 房地产业 is in K
    expect(resultOf(cond('industry', 'not_in', 'J,K'), { industry: 'C' })).toBe('MET');
    expect(resultOf(cond('industry', 'not_in', '16'), { industry: 'C' })).toBe('UNKNOWN');
  });
});

describe('verdicts and unknown facts', () => {
  const techRenovation = item('JX-1', [
    cond('registeredInZone', 'is', 'true', '在经开区注册并纳税的工业企业'),
    cond('subjectType', 'in', 'industrial', '统计关系在区内的工业企业'),
    cond('projectInvestment', 'gte', '500', '申报年度内完成设备投资额 500 万元以上'),
  ]);

  it('an empty profile: every condition UNKNOWN, POSSIBLY_ELIGIBLE, with all three facts missing', () => {
    const [m] = matchPolicies([prepareItem(techRenovation)], {}, { today: TODAY });
    expect(m!.verdict).toBe('POSSIBLY_ELIGIBLE');
    expect(m!.conditions.map((c) => c.result)).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    expect(m!.unknownAttributes).toEqual(['registeredInZone', 'subjectType', 'projectInvestment']);
    expect(m!.conditions[2]).toMatchObject({ description: '项目投资额 ≥ 500 万元', clause: '申报年度内完成设备投资额 500 万元以上', reason: '尚未填写「项目投资额」' });
  });

  it('one fact added turns POSSIBLY_ELIGIBLE into ELIGIBLE, or into NOT_ELIGIBLE quoting the failing clause', () => {
    const known: EnterpriseProfile = { registeredInZone: true, subjectType: 'industrial' };
    const before = matchPolicies([prepareItem(techRenovation)], known, { today: TODAY })[0]!;
    expect(before.verdict).toBe('POSSIBLY_ELIGIBLE');
    expect(before.unknownAttributes).toEqual(['projectInvestment']);

    const enough = matchPolicies([prepareItem(techRenovation)], { ...known, projectInvestment: 800 }, { today: TODAY })[0]!;
    expect(enough.verdict).toBe('ELIGIBLE');
    expect(enough.unknownAttributes).toEqual([]);
    expect(enough.conditions[2]!.reason).toBe('项目投资额为 800 万元，满足');

    const short = matchPolicies([prepareItem(techRenovation)], { ...known, projectInvestment: 300 }, { today: TODAY })[0]!;
    expect(short.verdict).toBe('NOT_ELIGIBLE');
    expect(short.conditions.filter((c) => c.result === 'NOT_MET').map((c) => c.clause)).toEqual(['申报年度内完成设备投资额 500 万元以上']);
  });

  it('a failing condition decides even while other facts are missing', () => {
    const [m] = matchPolicies([prepareItem(techRenovation)], { subjectType: 'startup_individual' }, { today: TODAY });
    expect(m!.verdict).toBe('NOT_ELIGIBLE');
    expect(m!.unknownAttributes).toEqual(['registeredInZone', 'projectInvestment']);
  });

  it('an item without structured conditions is only POSSIBLY_ELIGIBLE; a badly stored one is UNKNOWN, never a crash', () => {
    const [none, bad] = matchPolicies([prepareItem(item('A', [])), prepareItem(item('B', [cond('employees', 'gte', '五十')]))], { employees: 80 }, { today: TODAY });
    expect(none!.verdict).toBe('POSSIBLY_ELIGIBLE');
    expect(bad!.verdict).toBe('POSSIBLY_ELIGIBLE');
    expect(bad!.conditions[0]!.result).toBe('UNKNOWN');
    expect(bad!.conditions[0]!.reason).toContain('员工人数」的取值应为数字');
    expect(parseCondition(cond('employees', 'in', '5'))).toEqual({ ok: false, reason: '「员工人数」不能使用运算符「in」' });
  });
});

describe('current items, windows and order', () => {
  const items = [
    item('LATE', [], { applicationEnd: '2027-01-15' }),
    item('SOON', [], { applicationEnd: '2026-11-30' }),
    item('OPEN-ENDED', [], { applicationEnd: null }),
    item('TODAY', [], { applicationEnd: TODAY }),
    item('CLOSED', [], { applicationEnd: '2026-11-26' }),
    item('EXPIRED', [], { effectiveUntil: '2026-11-26' }),
    item('REPEALED', [], { validity: 'repealed' }),
    item('UPCOMING', [], { applicationStart: '2026-12-01', applicationEnd: '2026-12-31' }),
  ].map(prepareItem);

  it('leaves out expired, repealed and closed items; the last day of a window is still open; closing soonest first', () => {
    const got = matchPolicies(items, {}, { today: TODAY });
    expect(got.map((m) => [m.item.itemCode, m.window])).toEqual([
      ['TODAY', 'OPEN'],
      ['SOON', 'OPEN'],
      ['UPCOMING', 'UPCOMING'],
      ['LATE', 'OPEN'],
      ['OPEN-ENDED', 'OPEN'],
    ]);
  });

  it('gives the same order from items prepared together (already in date order) as from items in any order', () => {
    const together = prepareItems([...items].reverse().map((p) => p.item));
    const profile = { employees: 5 };
    expect(matchPolicies(together, profile, { today: TODAY }).map((m) => m.item.itemCode)).toEqual(['TODAY', 'SOON', 'UPCOMING', 'LATE', 'OPEN-ENDED']);
    const day = { applicationEnd: '2026-12-31' };
    const mixed = prepareItems([item('A', [cond('employees', 'gte', '10')], day), item('B', [], day), item('C', [cond('employees', 'lte', '10')], day)]);
    expect(matchPolicies(mixed, profile, { today: TODAY }).map((m) => `${m.item.itemCode}:${m.verdict}`)).toEqual(['C:ELIGIBLE', 'B:POSSIBLY_ELIGIBLE', 'A:NOT_ELIGIBLE']);
  });

  it('marks them when asked', () => {
    const got = matchPolicies(items, {}, { today: TODAY, includeClosed: true });
    expect(Object.fromEntries(got.map((m) => [m.item.itemCode, m.window]))).toMatchObject({ CLOSED: 'CLOSED', EXPIRED: 'EXPIRED', REPEALED: 'EXPIRED' });
    expect(got[0]!.item.itemCode).toBe('CLOSED');
  });

  it('on the same closing day: eligible, then possibly, then not', () => {
    const day = { applicationEnd: '2026-12-31' };
    const got = matchPolicies(
      [
        prepareItem(item('N', [cond('employees', 'gte', '100')], day)),
        prepareItem(item('P', [cond('annualRevenue', 'gte', '100')], day)),
        prepareItem(item('E', [cond('employees', 'gte', '10')], day)),
      ],
      { employees: 50 },
      { today: TODAY },
    );
    expect(got.map((m) => `${m.item.itemCode}:${m.verdict}`)).toEqual(['E:ELIGIBLE', 'P:POSSIBLY_ELIGIBLE', 'N:NOT_ELIGIBLE']);
  });
});

describe('profile input', () => {
  it('accepts every field optional and canonicalizes the industry', () => {
    expect(enterpriseProfileSchema.parse({})).toEqual({});
    expect(enterpriseProfileSchema.parse({ industry: 'c36' }).industry).toBe('36');
  });
  it('names the wrong field in Chinese', () => {
    const r = enterpriseProfileSchema.safeParse({ industry: 'Z99', employees: -1 });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toContainEqual(['industry', '行业代码「Z99」不是 GB/T 4754-2017 的门类（A–T）或大类（01–97）']);
    expect(issues).toContainEqual(['employees', '员工人数不能为负数']);
  });
});
