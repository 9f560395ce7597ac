// Regenerates cms/templates/: the blank template and the example (XLSX, CSV, JSON) of 人力社保局's
// itemized list. Run with: npx tsx cms/scripts/make-templates.ts  (the generated files are committed).
// The example links the demo policies 嘉开人社(2025)5号 and 嘉开人社（2024）2号 (written here with 〔〕 on
// purpose: any bracket style finds the policy). Amounts are examples, not the bureau's real figures.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeTemplateFile, type TemplateRow } from '../src/import';

const OUT = path.resolve(__dirname, '..', 'templates');
const DEPARTMENT = 'human-resources';
const EMPLOYMENT = '嘉开人社〔2025〕5号';
const STABLE_JOBS_2024 = '嘉开人社〔2024〕2号';
const CONTACT = '人力社保局就业促进科 0573-82000111（示例）';
const SKILLS = '人力社保局职业能力建设科 0573-82000111 转 2（示例）';

type Example = Partial<TemplateRow> & Pick<TemplateRow, 'itemCode' | 'title'>;

export const EXAMPLE_ROWS: Example[] = [
  {
    itemCode: 'RS-2025-011',
    title: '企业新型学徒制培训补贴',
    policy: EMPLOYMENT,
    summary: '企业与技工院校、培训机构合作，对新招用或转岗职工开展新型学徒制培训的，按每人每年 5000 元给予培训补贴（金额为示例）。',
    eligibility: '- 区内依法参保的企业；\n- 学徒为本企业在职职工，签订 1 年以上劳动合同；\n- 与备案的技工院校或培训机构签订合作协议，培训期 1—2 年。',
    conditions: '区内注册=是「区内依法参保的企业」；主体类型 属于 工业企业,生产性服务业企业',
    supportStandard: '- 按每人每年 **5000 元** 给予补贴，最长 2 年；\n- 单家企业年度最高 **50 万元**（金额为示例）。',
    maxAmount: 50,
    requiredMaterials: '- 新型学徒制培训补贴申请表；\n- 校企合作协议；\n- 学徒花名册和培训台账。',
    procedure: '1. 企业在培训开班前报备培训计划；\n2. 每个培训年度结束后提交补贴申请；\n3. 人力社保局审核培训台账并公示；\n4. 公示无异议后拨付。',
    applicationStart: '2026-03-01',
    applicationEnd: '2026-11-30',
    contact: SKILLS,
    subjects: '工业企业、生产性服务业企业',
    topics: '转型升级',
    industries: '装备制造、汽车零部件、电子信息',
    keywords: '新型学徒制、学徒培训、校企合作、培训补贴',
    order: 10,
  },
  {
    itemCode: 'RS-2025-012',
    title: '就业见习补贴',
    policy: EMPLOYMENT,
    summary: '见习基地吸纳离校 2 年内未就业高校毕业生和 16—24 岁失业青年参加就业见习的，按当地最低工资标准的 60% 给予见习补贴（示例）。',
    eligibility: '- 经认定的区级就业见习基地；\n- 见习人员为离校 2 年内未就业高校毕业生或 16—24 岁登记失业青年；\n- 见习期 3—12 个月，为见习人员购买人身意外伤害保险。',
    supportStandard: '- 按当地最低月工资标准的 **60%** 给予见习补贴；\n- 见习期满留用率达 50% 以上的，补贴标准提高到 **70%**；\n- 单个基地年度最高 **10 万元**（金额为示例）。',
    maxAmount: 10,
    requiredMaterials: '- 见习补贴申请表；\n- 见习协议；\n- 见习人员考勤表和生活费发放凭证。',
    procedure: '1. 见习基地按季度在“浙江人社”平台申报；\n2. 人力社保局核验见习人员信息；\n3. 按季度拨付。',
    applicationStart: '2026-01-01',
    applicationEnd: '2026-12-31',
    contact: CONTACT,
    subjects: '工业企业、生产性服务业企业',
    topics: '生产经营',
    industries: '各行业',
    keywords: '就业见习、见习基地、见习补贴、高校毕业生',
    order: 20,
  },
  {
    itemCode: 'RS-2025-013',
    title: '创业担保贷款贴息',
    policy: EMPLOYMENT,
    summary: '在区内创业的个人可申请最高 50 万元创业担保贷款，按贷款市场报价利率（LPR）减 150 个基点以上部分给予贴息（示例）。',
    eligibility: '- 在区内注册经营实体的高校毕业生、退役军人、返乡创业人员等重点群体；\n- 经营实体成立 3 年以内；\n- 本人及配偶无其他经营性贷款（助学贷款、住房贷款除外）。',
    conditions: '主体类型 属于 创业个人「高校毕业生、退役军人、返乡创业人员等重点群体」；区内注册=是「在区内注册经营实体」；成立年限<=3「经营实体成立 3 年以内」',
    supportStandard: '- 个人贷款额度最高 **50 万元**，期限不超过 3 年；\n- 财政贴息：LPR 减 150 个基点以上部分全额贴息；\n- 单户贴息最高 **3 万元**（金额为示例）。',
    maxAmount: 3,
    requiredMaterials: '- 身份证；\n- 营业执照；\n- 创业计划书；\n- 经办银行要求的其他材料。',
    procedure: '1. 向经办银行提出贷款申请；\n2. 人力社保局审核申请人资格；\n3. 担保机构和银行审批放款；\n4. 按季度申请贴息。',
    applicationStart: '2026-01-01',
    applicationEnd: '2026-12-31',
    contact: CONTACT,
    subjects: '创业个人',
    topics: '投资建设、生产经营',
    industries: '各行业',
    keywords: '创业担保贷款、创业贷款、贴息、小额贷款',
    order: 30,
  },
  {
    itemCode: 'RS-2025-014',
    title: '一次性创业补贴',
    policy: EMPLOYMENT,
    summary: '首次在区内创办企业或个体工商户、正常经营 6 个月以上并带动就业的，给予一次性创业补贴 1 万元（示例）。',
    eligibility: '- 毕业 5 年内高校毕业生、就业困难人员、退役军人等；\n- 首次创业，实体在区内注册并正常经营 6 个月以上；\n- 为本人或员工缴纳社会保险。',
    supportStandard: '- 一次性补贴 **1 万元**（金额为示例）；\n- 每人只能享受一次。',
    maxAmount: 1,
    requiredMaterials: '- 一次性创业补贴申请表；\n- 营业执照；\n- 学历证书或相关身份证明。',
    procedure: '1. 个人在“浙里办”提交申请；\n2. 人力社保局核验经营和参保情况；\n3. 公示后拨付。',
    contact: CONTACT,
    subjects: '创业个人',
    topics: '其他',
    industries: '各行业',
    keywords: '创业补贴、首次创业、自主创业、大学生创业',
    order: 40,
  },
  {
    itemCode: 'RS-2025-015',
    title: '技能大师工作室建设补助',
    policy: EMPLOYMENT,
    summary: '企业建成市级以上技能大师工作室的，给予一次性建设补助（示例）。',
    eligibility: '- 区内规上工业企业；\n- 领办人具有技师以上职业资格或职业技能等级；\n- 工作室当年通过市级以上认定。',
    conditions: '区内注册=是「区内规上工业企业」；规上工业企业=是「区内规上工业企业」',
    supportStandard: '- 国家级：**20 万元**；\n- 省级：**10 万元**；\n- 市级：**5 万元**；\n- 晋级的补差额（金额为示例）。',
    maxAmount: 20,
    requiredMaterials: '- 建设补助申请表；\n- 认定文件；\n- 工作室建设和带徒情况说明。',
    procedure: '1. 取得认定后 6 个月内申报；\n2. 人力社保局审核；\n3. 公示后拨付。',
    contact: SKILLS,
    subjects: '工业企业',
    topics: '转型升级',
    industries: '装备制造、新材料',
    keywords: '技能大师工作室、高技能人才、技能人才培养',
    order: 50,
  },
  {
    itemCode: 'RS-2025-016',
    title: '重点企业用工保障服务',
    policy: EMPLOYMENT,
    summary: '为重点企业配备人社服务专员，组织专场招聘、劳务协作和校企对接，帮助解决阶段性用工缺口。',
    eligibility: '- 区内规上工业企业、重点服务业企业和重大项目建设单位；\n- 有明确的用工需求（岗位、人数、到岗时间）。',
    supportStandard: '- 免费发布招聘信息、组织专场招聘会；\n- 对接省外劳务协作基地；\n- 本事项为服务类，不涉及资金。',
    requiredMaterials: '- 用工需求登记表。',
    procedure: '1. 企业向人社服务专员或拨打 96871 登记用工需求；\n2. 人力社保局 3 个工作日内联系企业；\n3. 组织招聘对接并跟踪到岗情况。',
    contact: CONTACT,
    subjects: '工业企业、生产性服务业企业',
    topics: '生产经营',
    industries: '制造业、物流、商贸服务',
    keywords: '招工、用工保障、专场招聘、劳务协作、缺工',
    order: 60,
  },
  {
    itemCode: 'RS-2024-017',
    title: '吸纳脱贫人口就业补贴（2024 年度，已到期）',
    policy: STABLE_JOBS_2024,
    summary: '2024 年阶段性政策：企业吸纳脱贫人口就业并参保满 6 个月的，按每人 2000 元给予补贴，已于 2024 年 12 月 31 日到期（示例）。',
    eligibility: '- 2024 年度新吸纳脱贫人口就业的区内企业；\n- 签订 1 年以上劳动合同并参保满 6 个月。',
    supportStandard: '- 按每人 **2000 元** 给予补贴，单家企业最高 **5 万元**（金额为示例）；\n- 本事项已到期，不再受理。',
    maxAmount: 5,
    requiredMaterials: '- 已到期，不再受理申请。',
    procedure: '1. 本事项已于 2024 年 12 月 31 日到期；\n2. 企业可关注“企业新型学徒制培训补贴”（RS-2025-011）等现行政策。',
    applicationStart: '2024-03-01',
    applicationEnd: '2024-12-15',
    effectiveUntil: '2024-12-31',
    contact: CONTACT,
    subjects: '工业企业、生产性服务业企业',
    topics: '生产经营',
    industries: '各类参保企业',
    keywords: '脱贫人口、吸纳就业、就业补贴',
    order: 70,
  },
  {
    itemCode: 'RS-2025-018',
    title: '和谐劳动关系企业创建奖励',
    policy: EMPLOYMENT,
    summary: '被评为市级以上和谐劳动关系企业的，给予一次性奖励（示例）。',
    eligibility: '- 区内依法参保企业；\n- 近 3 年未发生重大劳动争议、拖欠工资等情况；\n- 当年获评市级以上和谐劳动关系企业。',
    supportStandard: '- 省级：**5 万元**；\n- 市级：**2 万元**（金额为示例）。',
    maxAmount: 5,
    requiredMaterials: '- 奖励申请表；\n- 获评文件。',
    procedure: '1. 获评后在申报期内申请；\n2. 人力社保局劳动关系科审核；\n3. 公示后拨付。',
    applicationStart: '2026-06-01',
    applicationEnd: '2026-09-30',
    contact: '人力社保局劳动关系科 0573-82000111 转 4（示例）',
    subjects: '工业企业、生产性服务业企业',
    topics: '其他',
    industries: '各行业',
    keywords: '和谐劳动关系、劳动关系、创建奖励',
    order: 80,
  },
];

export function exampleRows(): TemplateRow[] {
  return EXAMPLE_ROWS.map((r) => ({
    department: DEPARTMENT,
    policy: null,
    summary: null,
    eligibility: null,
    supportStandard: null,
    maxAmount: null,
    requiredMaterials: null,
    procedure: null,
    applicationStart: null,
    applicationEnd: null,
    effectiveUntil: null,
    contact: null,
    subjects: null,
    topics: null,
    industries: null,
    keywords: null,
    order: null,
    conditions: null,
    ...r,
  }));
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  await writeTemplateFile(path.join(OUT, 'policy-items-template.xlsx'), []);
  for (const ext of ['xlsx', 'csv', 'json']) {
    await writeTemplateFile(path.join(OUT, `policy-items-example.${ext}`), exampleRows(), DEPARTMENT);
  }
  process.stdout.write(`templates written to ${OUT}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`make-templates failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
