// Generated policy items in realistic Chinese, written straight into the CMS tables (as a bulk
// import would, without the Document Service: thousands of items in seconds). Used by the reindex
// suite and by `npm run bench:sync`.
import type { Core } from '@strapi/strapi';

const SUBJECTS = ['技术改造', '数字化改造', '专精特新', '高新技术企业', '小微企业升规', '首台（套）装备', '研发机构', '绿色工厂', '稳岗返还', '招工', '以工代训', '高校毕业生', '人才安居', '贷款贴息', '融资担保', '企业上市', '专利授权', '标准制定', '安全生产', '清洁生产'];
const KINDS = ['补助', '奖励', '资助', '补贴', '贴息'];
const DEPTS = ['economy-commerce', 'finance', 'human-resources', 'tax', 'market-regulation', 'development-reform', 'organization', 'emergency'];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

export function generatedItem(n: number) {
  const subject = pick(SUBJECTS, n);
  const kind = pick(KINDS, Math.floor(n / SUBJECTS.length));
  const amount = 5 + (n % 20) * 5;
  return {
    title: `${subject}项目${kind}（第${n}号）`,
    item_code: `GEN-${String(n).padStart(6, '0')}`,
    summary: `对符合条件的${subject}项目，按实际投入的 ${(n % 10) + 5}% 给予${kind}，单个企业最高 ${amount} 万元。`,
    // Unique per item (its number is in the text), so no cache can make the benchmark look faster.
    eligibility: `- 在经开区注册并纳税的企业；\n- 当年完成${subject}相关投入 ${100 + (n % 50) * 10} 万元以上（第${n}号）；\n- 近三年无重大安全、环保事故。`,
    support_standard: `- 按投入额的 **${(n % 10) + 5}%** 给予${kind}；\n- 第${n}号项目单个企业年度最高 **${amount} 万元**。`,
    required_materials: `- ${kind}申请表；\n- 投入凭证和发票；\n- 企业信用承诺书。`,
    procedure: `1. 企业在线申报；\n2. 主管部门初审；\n3. 公示 5 个工作日后拨付。`,
    max_amount: amount,
    keywords: `${subject}, ${kind}`,
    subjects: JSON.stringify(['industrial']),
    topics: JSON.stringify(['transformation_upgrading']),
    department: pick(DEPTS, n),
  };
}

/** Inserts `count` published zh-Hans items, numbered from `from`. Returns their documentIds. */
export async function insertGeneratedItems(strapi: Core.Strapi, count: number, from = 1, chunkSize = 500): Promise<void> {
  const knex = strapi.db.connection;
  const schema = strapi.db.getSchemaName();
  const table = (t: string) => (schema ? knex(t).withSchema(schema) : knex(t));
  const depts = (await table('departments').select('id', 'code').where({ locale: 'zh-Hans' })) as Array<{ id: number; code: string }>;
  const deptId = new Map(depts.map((d) => [d.code, d.id]));
  for (let start = from; start < from + count; start += chunkSize) {
    const end = Math.min(from + count, start + chunkSize);
    await knex.transaction(async (trx) => {
      const t = (name: string) => (schema ? trx(name).withSchema(schema) : trx(name));
      const now = new Date();
      const rows = [];
      const departments: number[] = [];
      for (let n = start; n < end; n++) {
        const { department, ...item } = generatedItem(n);
        rows.push({ ...item, document_id: `gen${String(n).padStart(21, '0')}`, locale: 'zh-Hans', published_at: now, created_at: now, updated_at: now });
        departments.push(deptId.get(department)!);
      }
      const inserted = (await t('policy_items').insert(rows, ['id'])) as Array<{ id: number } | number>;
      const ids = inserted.map((r) => (typeof r === 'number' ? r : r.id));
      // SQLite's returning gives ids in insert order too.
      await t('policy_items_department_lnk').insert(ids.map((id, i) => ({ policy_item_id: id, department_id: departments[i] })));
    });
  }
}
