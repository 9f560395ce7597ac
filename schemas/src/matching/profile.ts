// An enterprise's profile in the matching vocabulary. Every fact is optional: a fact not stated
// leaves the conditions on it UNKNOWN, never failed.
import { z } from 'zod';
import { SUBJECT_KEYS } from '../taxonomy.ts';
import { QUALIFICATION_KEYS, TAX_CREDIT_RATING_KEYS, canonicalIndustryCode, type Qualification, type TaxCreditRating } from './vocabulary.ts';
import type { Subject } from '../taxonomy.ts';

export interface EnterpriseProfile {
  subjectType?: Subject | null;
  registeredInZone?: boolean | null;
  /** GB/T 4754-2017: a 门类 letter ('C') or a 大类 two-digit code ('13'; 'C13' is accepted on input). */
  industry?: string | null;
  yearsEstablished?: number | null;
  /** 万元 */
  annualRevenue?: number | null;
  /** 万元 */
  annualTaxPaid?: number | null;
  employees?: number | null;
  /** Percent of revenue, e.g. 3.5 for 3.5 %. */
  rdExpenseRatio?: number | null;
  taxCreditRating?: TaxCreditRating | null;
  /** The qualifications held; a stated list is complete (one not in it is not held). */
  qualifications?: Qualification[] | null;
  /** 万元: the investment of the project an item is about. */
  projectInvestment?: number | null;
}

const amount = (label: string) => z.number({ message: `${label}应为数字` }).finite().min(0, `${label}不能为负数`).max(1e9, `${label}过大`).nullish();

/** Validates a profile as an enterprise states it; messages in Chinese, paths name the field. */
export const enterpriseProfileSchema = z
  .object({
    subjectType: z.enum(SUBJECT_KEYS as [Subject, ...Subject[]], { message: '主体类型应为工业企业、生产性服务业企业或创业个人' }).nullish(),
    registeredInZone: z.boolean().nullish(),
    industry: z
      .string()
      .nullish()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        if (v === null || v.trim() === '') return null;
        const code = canonicalIndustryCode(v);
        if (!code) {
          ctx.addIssue({ code: 'custom', message: `行业代码「${v}」不是 GB/T 4754-2017 的门类（A–T）或大类（01–97）` });
          return z.NEVER;
        }
        return code;
      }),
    yearsEstablished: amount('成立年限'),
    annualRevenue: amount('年营业收入'),
    annualTaxPaid: amount('年纳税额'),
    employees: z.number().int('员工人数应为整数').min(0, '员工人数不能为负数').max(10_000_000, '员工人数过大').nullish(),
    rdExpenseRatio: z.number().finite().min(0, '研发费用占比不能为负数').max(100, '研发费用占比应在 0–100 之间').nullish(),
    taxCreditRating: z.enum(TAX_CREDIT_RATING_KEYS as [TaxCreditRating, ...TaxCreditRating[]], { message: '纳税信用等级应为 A、B、M、C 或 D' }).nullish(),
    qualifications: z
      .array(z.enum(QUALIFICATION_KEYS as [Qualification, ...Qualification[]], { message: '资质不在词表中' }))
      .max(QUALIFICATION_KEYS.length)
      .nullish()
      .transform((v) => (v ? [...new Set(v)] : v)),
    projectInvestment: amount('项目投资额'),
  })
  .strict();

/** Drops unstated facts so stored profiles stay small and comparable. */
export function compactProfile(profile: EnterpriseProfile): EnterpriseProfile {
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== null && v !== undefined)) as EnterpriseProfile;
}
