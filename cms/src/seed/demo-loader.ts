// Loads demo/content.json through the Document Service (so every content rule applies), published,
// in zh-Hans, with an en version where the demo provides English text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ANSWER_UID, INTERPRETATION_UID, ITEM_UID, POLICY_UID } from '../content/uids';
import { departmentDocumentId } from '../content/lookups';
import type { DemoContent } from './demo-content';

export function readDemoContent(): DemoContent {
  // content.json sits in src/seed/demo; the compiled file runs from dist/src/seed.
  const candidates = [path.join(__dirname, 'demo', 'content.json'), path.join(__dirname, '..', '..', '..', 'src', 'seed', 'demo', 'content.json')];
  for (const file of candidates) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as DemoContent;
    } catch {
      // try the next location
    }
  }
  throw new Error(`demo content not found (looked in ${candidates.join(', ')})`);
}

export interface DemoCounts { policies: number; items: number; interpretations: number; answers: number }

export async function loadDemoContent(strapi: Core.Strapi, content: DemoContent = readDemoContent()): Promise<DemoCounts> {
  const deptIds = new Map<string, string>();
  const dept = async (code: string) => {
    if (!deptIds.has(code)) {
      const id = await departmentDocumentId(strapi, code);
      if (!id) throw new Error(`demo content names unknown department ${code}`);
      deptIds.set(code, id);
    }
    return deptIds.get(code)!;
  };
  const policyIds = new Map<string, string>();
  const itemIds = new Map<string, string>();
  const itemKey = (department: string, code: string) => `${department}/${code}`;
  // The English version of a published document: relations are per locale, so the department is set again.
  const publishEnglish = async (uid: typeof POLICY_UID | typeof ITEM_UID | typeof ANSWER_UID, documentId: string, department: string, data: Record<string, unknown>) => {
    await strapi.documents(uid).update({ documentId, locale: 'en', status: 'published', data: { ...data, department: await dept(department) } as never });
  };

  // Policies that others replace are created first, so replacedBy can point at them.
  const ordered = [...content.policies].sort((a, b) => Number(Boolean(a.replacedBy)) - Number(Boolean(b.replacedBy)));
  for (const p of ordered) {
    const { key, department, coIssuingDepartments, titleEn, summaryEn, replacedBy, ...fields } = p;
    const doc = await strapi.documents(POLICY_UID).create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        ...fields,
        department: await dept(department),
        coIssuingDepartments: await Promise.all((coIssuingDepartments ?? []).map(dept)),
        ...(replacedBy && policyIds.has(replacedBy) ? { replacedBy: policyIds.get(replacedBy) } : {}),
      } as never,
    });
    policyIds.set(key, doc.documentId);
    if (titleEn) await publishEnglish(POLICY_UID, doc.documentId, department, { title: titleEn, summary: summaryEn ?? '' });
  }

  for (const i of content.items) {
    const { department, policy, titleEn, summaryEn, ...fields } = i;
    const doc = await strapi.documents(ITEM_UID).create({
      locale: 'zh-Hans',
      status: 'published',
      data: { ...fields, department: await dept(department), ...(policy ? { policy: policyIds.get(policy) } : {}) } as never,
    });
    itemIds.set(itemKey(department, i.itemCode), doc.documentId);
    if (titleEn) await publishEnglish(ITEM_UID, doc.documentId, department, { title: titleEn, summary: summaryEn ?? '' });
  }

  const items = (department: string, codes: string[]) => codes.map((c) => itemIds.get(itemKey(department, c))).filter((x): x is string => Boolean(x));

  for (const it of content.interpretations) {
    await strapi.documents(INTERPRETATION_UID).create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        title: it.title,
        body: it.body,
        format: it.format,
        department: await dept(it.department),
        items: items(it.department, it.items),
        ...(it.policy ? { policy: policyIds.get(it.policy) } : {}),
      } as never,
    });
  }

  for (const a of content.answers) {
    const doc = await strapi.documents(ANSWER_UID).create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        question: a.question,
        shortAnswer: a.shortAnswer,
        fullAnswer: a.fullAnswer,
        keywords: a.keywords ?? '',
        department: await dept(a.department),
        relatedItems: items(a.department, a.relatedItems),
      } as never,
    });
    if (a.questionEn && a.shortAnswerEn) await publishEnglish(ANSWER_UID, doc.documentId, a.department, { question: a.questionEn, shortAnswer: a.shortAnswerEn });
  }
  return { policies: content.policies.length, items: content.items.length, interpretations: content.interpretations.length, answers: content.answers.length };
}
