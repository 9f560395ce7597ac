// 统一社会信用代码 check character, GB 32100-2015: weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28,
// charset 0-9 A-H J-N P Q R T U W X Y (values 0–30), check = 31 − (Σ value×weight mod 31), 31 → 0.
import { usccCheckCharacter, usccProblem } from '@zone/schemas';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { PetitionClient, enterpriseInput } from '../helpers/api/petition-client.ts';

// By hand: 91330400MA2B3C4D5 → 9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 4·26 + 0·16 + 0·17 + M(21)·20 + A(10)·29
//   + 2·25 + B(11)·13 + 3·8 + C(12)·24 + 4·10 + D(13)·30 + 5·28
//   = 9+3+27+81+0+104+0+0+420+290+50+143+24+288+40+390+140 = 2009; 2009 mod 31 = 25; 31−25 = 6.
const HAND_1 = '91330400MA2B3C4D56';
// By hand: 91330402MA28A1B2C → 9+3+27+81+0+104+0+34+420+290+50+104+80+24+110+60+336 = 1732;
//   1732 mod 31 = 27; 31−27 = 4.
const HAND_2 = '91330402MA28A1B2C4';
// By hand: 91330411MA2C8R7JL → 9+3+27+81+0+104+16+17+420+290+50+156+64+600+70+540+560 = 3007
//   = 31×97, so mod 31 = 0; 31−0 = 31 → check character 0.
const HAND_ZERO = '91330411MA2C8R7JL0';
// Published codes of listed companies' main operating entities (阿里巴巴（中国）有限公司,
// 深圳市腾讯计算机系统有限公司); their check characters verify by the same sum.
const PUBLISHED = ['91330100799655058B', '9144030071526726XG'];

describe('USCC check character (GB 32100-2015)', () => {
  it('accepts codes whose check character was computed by hand', () => {
    for (const code of [HAND_1, HAND_2, HAND_ZERO, ...PUBLISHED]) expect(usccProblem(code), code).toBeNull();
    expect(usccCheckCharacter('91330411MA2C8R7JL')).toBe('0');
  });

  it('rejects a wrong check character, a wrong length and letters GB 32100 does not use', () => {
    expect(usccProblem('91330400MA2B3C4D57')).toBe('check_character');
    expect(usccProblem('91330100799655058C')).toBe('check_character');
    expect(usccProblem('91330400MA2B3C4D5')).toBe('length');
    expect(usccProblem('91330400MA2B3C4D560')).toBe('length');
    expect(usccProblem('91330400MA2I3C4D56')).toBe('charset'); // I is not used
    expect(usccProblem('91330400MA2O3C4D56')).toBe('charset'); // O is not used
    expect(usccProblem('91330400MA2Z3C4D56')).toBe('charset'); // Z is not used
  });
});

describeEachDialect('USCC at intake', (api) => {
  it('rejects an invalid code with a message that says so, and accepts lower case of a valid one', async () => {
    const hotline = new PetitionClient(await api().as({ role: 'hotline', sub: 'h1' }));
    const bad = await hotline.submitRaw(enterpriseInput({ channel: 'EMAIL', submitter: { kind: 'ENTERPRISE', name: '某企业', uscc: '91330400MA2B3C4D57' } }));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.submitter.uscc' });
    expect(bad.errors?.[0]?.message).toContain('校验位错误');
    const missing = await hotline.submitRaw(enterpriseInput({ channel: 'EMAIL', submitter: { kind: 'ENTERPRISE', name: '某企业' } }));
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.submitter.uscc' });

    const ok = await hotline.submit(enterpriseInput({ channel: 'EMAIL', submitter: { kind: 'ENTERPRISE', name: '某企业', uscc: HAND_1.toLowerCase() } }));
    expect(ok.submitter.uscc).toBe(HAND_1);
  });

  it('an individual intending to start a business petitions without a code', async () => {
    const individual = new PetitionClient(await api().as({ role: 'individual', sub: 'person-1' }));
    const p = await individual.submit(enterpriseInput({ submitter: { kind: 'INDIVIDUAL', name: '李四' }, topic: 'OTHER', title: '创业场地咨询' }));
    expect(p.submitter).toEqual({ kind: 'INDIVIDUAL', name: '李四', uscc: null });
    const withCode = await individual.submitRaw(enterpriseInput({ submitter: { kind: 'INDIVIDUAL', name: '李四', uscc: HAND_1 } }));
    expect(withCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.submitter.uscc' });
  });
});
