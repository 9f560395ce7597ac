// What the specialists read in the admin: Chinese field labels and hints, the field that names an
// entry in relation pickers, and the list columns. Applied at boot; a label the office changed in
// the admin (anything but the raw field name) is left alone.
import type { Core } from '@strapi/strapi';
import { ANSWER_UID, DEPARTMENT_UID, INTERPRETATION_UID, ITEM_UID, POLICY_UID } from '../content/uids';
import { SYNONYM_UID } from '../content/uids';

type FieldText = readonly [label: string, hint?: string];

interface AdminLayout {
  mainField: string;
  list: readonly string[];
  fields: Record<string, FieldText>;
}

// 第六条's vocabularies, picked from a list of Chinese labels (the vocabulary custom field).
const SUBJECT_HINT = '可多选：工业企业、生产性服务业企业、创业个人';
const TOPIC_HINT = '可多选：投资建设、生产经营、转型升级、其他';
const DEPARTMENT_HINT = '企业服务专员的内容固定归属本部门；区企服办可选择任一部门';
const VALIDITY_HINT = '废止须填写废止原因';
const FORMAT_HINT = '文字、问答或图解';
const REVIEW_HINT = 'current 已复核 / pending 待复核：所引条目发生实质变更时由系统标记，在工作台「待复核」确认后清除';
const MINOR_HINT = '勾选表示本次修改只是错别字、格式等，不影响口径；发布后自动取消勾选';
// Fields the system writes (change detection, review): shown, never edited by hand.
const SYSTEM_FIELDS = new Set(['docNumberNormalized', 'reviewStatus', 'reviewReason', 'flaggedAt', 'reviewedAt', 'reviewedBy', 'citedVersions']);

// Hints written by earlier versions of this file: replaced, unlike a hint the office wrote.
const SUPERSEDED_HINTS = new Set([
  '可选：工业企业、生产性服务业企业、创业个人（JSON 数组，如 ["工业企业"]）',
  '可选：投资建设、生产经营、转型升级、其他（JSON 数组）',
  'valid 有效 / expired 失效 / repealed 废止',
  'text 文字 / qa 问答 / graphic 图解',
]);

export const ADMIN_LAYOUTS: Record<string, AdminLayout> = {
  [DEPARTMENT_UID]: {
    mainField: 'name',
    list: ['name', 'code', 'shortName', 'phone'],
    fields: { name: ['部门名称'], code: ['部门代码', '稳定的英文代码，用于账号、导入和接口，请勿随意修改'], shortName: ['简称'], phone: ['联系电话'], address: ['地址'], order: ['排序'] },
  },
  [POLICY_UID]: {
    mainField: 'title',
    list: ['title', 'docNumber', 'department', 'validity', 'issueDate'],
    fields: {
      title: ['政策名称'],
      docNumber: ['文号', '按原文填写，如 嘉开管〔2020〕15号；〔〕、[]、() 均可检索'],
      docNumberNormalized: ['文号（规范化）', '系统自动生成'],
      department: ['发文部门', DEPARTMENT_HINT],
      coIssuingDepartments: ['联合发文部门'],
      issueDate: ['发文日期'],
      effectiveFrom: ['生效日期'],
      effectiveUntil: ['有效期至', '须晚于生效日期'],
      validity: ['效力状态', VALIDITY_HINT],
      repealReason: ['废止原因', '效力状态为废止时必填'],
      replacedBy: ['被以下政策替代'],
      summary: ['摘要'],
      body: ['正文（Markdown）'],
      sourceUrl: ['原文链接'],
      attachments: ['附件'],
      items: ['政策条目'],
      minorChange: ['非实质修改', MINOR_HINT],
    },
  },
  [ITEM_UID]: {
    mainField: 'title',
    list: ['itemCode', 'title', 'department', 'maxAmount', 'applicationEnd'],
    fields: {
      title: ['条目名称'],
      itemCode: ['条目编号', '本部门内唯一，导入时按编号匹配'],
      department: ['所属部门', DEPARTMENT_HINT],
      policy: ['所属政策文件'],
      summary: ['摘要'],
      eligibility: ['申报条件（Markdown）'],
      supportStandard: ['扶持标准（Markdown）'],
      maxAmount: ['最高扶持金额（万元）', '单位：万元；无固定上限请留空'],
      requiredMaterials: ['申报材料（Markdown）'],
      procedure: ['办理流程（Markdown）'],
      applicationStart: ['申报开始日期'],
      applicationEnd: ['申报截止日期'],
      effectiveUntil: ['条目有效期至', '过期后自动视为失效'],
      contact: ['咨询联系方式'],
      subjects: ['适用对象', SUBJECT_HINT],
      topics: ['诉求领域', TOPIC_HINT],
      industries: ['适用行业', '多个用、或逗号分隔'],
      keywords: ['关键词', '多个用、或逗号分隔，可含常用简称（技改、高企、小升规…）'],
      conditions: ['申报条件（结构化）', '政策找企业：每条一个可自动判断的条件，并引用申报条件原文；导入时写在「结构化条件」列'],
      order: ['排序'],
      minorChange: ['非实质修改', MINOR_HINT],
    },
  },
  [INTERPRETATION_UID]: {
    mainField: 'title',
    list: ['title', 'department', 'format', 'policy', 'reviewStatus'],
    fields: {
      title: ['解读标题'],
      department: ['所属部门', DEPARTMENT_HINT],
      policy: ['所解读政策'],
      items: ['涉及条目'],
      format: ['形式', FORMAT_HINT],
      body: ['解读正文（Markdown）'],
      reviewStatus: ['复核状态', REVIEW_HINT],
      reviewReason: ['待复核原因', '系统记录：所引条目或政策的哪些内容变更了'],
      flaggedAt: ['标记待复核时间'],
      reviewedAt: ['最近复核时间'],
      reviewedBy: ['最近复核人'],
      citedVersions: ['所引条目版本', '系统记录：发布或复核时所引各条目的发布版本'],
    },
  },
  [ANSWER_UID]: {
    mainField: 'question',
    list: ['question', 'department', 'shortAnswer', 'reviewStatus'],
    fields: {
      question: ['来电问题'],
      department: ['责任部门', DEPARTMENT_HINT],
      shortAnswer: ['口径（简答）', '一两句话，接线员可直接读给来电企业'],
      fullAnswer: ['完整答复（Markdown）'],
      relatedItems: ['相关政策条目'],
      keywords: ['关键词'],
      reviewStatus: ['复核状态', REVIEW_HINT],
      reviewReason: ['待复核原因', '系统记录：所引条目或政策的哪些内容变更了'],
      flaggedAt: ['标记待复核时间'],
      reviewedAt: ['最近复核时间'],
      reviewedBy: ['最近复核人'],
      citedVersions: ['所引条目版本', '系统记录：发布或复核时所引各条目的发布版本'],
    },
  },
  [SYNONYM_UID]: {
    mainField: 'terms',
    list: ['terms', 'kind', 'note'],
    fields: {
      kind: ['类型', '同义词：几个词互相等价；常见错字：第一个词为正确写法，其余为常见错写'],
      terms: ['词语', '用、或逗号分隔，如 技改、技术改造'],
      note: ['备注'],
    },
  },
};

/** 政策找企业: the labels of the condition component's fields (keys are from matching-vocabulary.json). */
export const CONDITION_COMPONENT_UID = 'matching.condition';
const attributeHint = '从政策找企业的统一词表中选择，保存为词表代码';
export const CONDITION_FIELDS: Record<string, FieldText> = {
  attribute: ['条件属性', attributeHint],
  operator: [
    '运算符',
    '数值属性用 大于等于、大于、小于等于、小于、等于、介于；主体类型、纳税信用等级、行业用 属于、不属于；区内注册用 是 / 否；资质用 包含任一、包含全部、不包含',
  ],
  value: ['取值', '数值如 50（可带单位，如 50人、500万元）；介于如 10,100；多个取值用逗号分隔，可填中文名称或代码，如 高新技术企业,科技型中小企业 或 C13,C14；是/否填 是 或 否。保存时检查并统一为代码'],
  clause: ['引用条款', '该条件对应的申报条件原文，如「在职员工 50 人以上」'],
};

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: unknown };
}

export async function applyAdminLayouts(strapi: Core.Strapi): Promise<void> {
  await applyConditionLabels(strapi);
  const service = strapi.plugin('content-manager').service('content-types');
  for (const [uid, layout] of Object.entries(ADMIN_LAYOUTS)) {
    const contentType = service.findContentType(uid);
    if (!contentType) continue;
    const config = (await service.findConfiguration(contentType)) as Configuration;
    const metadatas = { ...config.metadatas };
    for (const [field, [label, hint]] of Object.entries(layout.fields)) {
      const meta = metadatas[field];
      if (!meta) continue;
      const edit = { ...meta.edit };
      const list = { ...meta.list };
      if (!edit.label || edit.label === field) edit.label = label;
      if (hint && (!edit.description || SUPERSEDED_HINTS.has(String(edit.description)))) edit.description = hint;
      if (!list.label || list.label === field) list.label = label;
      if (SYSTEM_FIELDS.has(field)) edit.editable = false;
      metadatas[field] = { edit, list };
    }
    // Relations show the target's name, not its id.
    for (const [field, meta] of Object.entries(metadatas)) {
      const attribute = contentType.attributes?.[field] as { type?: string; target?: string } | undefined;
      const target = attribute?.type === 'relation' && attribute.target ? ADMIN_LAYOUTS[attribute.target] : undefined;
      if (target) metadatas[field] = { edit: { ...meta.edit, mainField: target.mainField }, list: { ...meta.list, mainField: target.mainField } };
    }
    const defaultList = config.layouts.list.includes('id') || config.layouts.list.includes('documentId');
    await service.updateConfiguration(contentType, {
      settings: { ...config.settings, mainField: layout.mainField, defaultSortBy: layout.mainField, pageSize: 20 },
      metadatas,
      layouts: { ...config.layouts, list: defaultList ? [...layout.list] : config.layouts.list },
    });
  }
}

async function applyConditionLabels(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('components');
  const component = service.findComponent(CONDITION_COMPONENT_UID);
  if (!component) return;
  const config = (await service.findConfiguration(component)) as Configuration;
  const metadatas = { ...config.metadatas };
  for (const [field, [label, hint]] of Object.entries(CONDITION_FIELDS)) {
    const meta = metadatas[field];
    if (!meta) continue;
    const edit = { ...meta.edit };
    const list = { ...meta.list };
    if (!edit.label || edit.label === field) edit.label = label;
    if (hint && !edit.description) edit.description = hint;
    if (!list.label || list.label === field) list.label = label;
    metadatas[field] = { edit, list };
  }
  await service.updateConfiguration(component, { settings: { ...config.settings, mainField: 'value' }, metadatas, layouts: config.layouts });
}
