// The part of Strapi 5's table layout that search-sync reads (collectionName + snake_case columns,
// `<table>_<relation>_lnk` link tables), and the search outbox the CMS writes (its contract is
// schemas/src/outbox.ts).
// Values differ by driver (SQLite: epoch-ms integers and JSON text; PostgreSQL: Date and jsonb),
// so the row mapper normalizes them.
import type { Generated } from 'kysely';
import { INDEXED_CONTENT_TYPES, type OUTBOX_TABLE, type OutboxRecord } from '@zone/schemas';

type Ts = number | string | Date | null;
type Json = string | unknown[] | null;

interface Versioned {
  id: Generated<number>;
  document_id: string;
  locale: string | null;
  published_at: Ts;
  updated_at: Ts;
}

export interface DepartmentRow extends Versioned { name: string | null; code: string | null; short_name: string | null; phone: string | null }
export interface PolicyRow extends Versioned {
  title: string | null;
  doc_number: string | null;
  doc_number_normalized: string | null;
  issue_date: string | null;
  effective_from: string | null;
  effective_until: string | null;
  validity: string | null;
  repeal_reason: string | null;
  summary: string | null;
  body: string | null;
}
export interface ItemRow extends Versioned {
  title: string | null;
  item_code: string | null;
  summary: string | null;
  eligibility: string | null;
  support_standard: string | null;
  max_amount: number | string | null;
  required_materials: string | null;
  procedure: string | null;
  application_start: string | null;
  application_end: string | null;
  effective_until: string | null;
  contact: string | null;
  subjects: Json;
  topics: Json;
  industries: string | null;
  keywords: string | null;
}
export interface InterpretationRow extends Versioned { title: string | null; format: string | null; body: string | null }
export interface AnswerRow extends Versioned { question: string | null; short_answer: string | null; full_answer: string | null; keywords: string | null }
export interface SynonymRow { id: Generated<number>; document_id: string; kind: string | null; terms: string | null; note: string | null }

/** The outbox row (contract in @zone/schemas), with the columns the database fills in marked for kysely. */
export type OutboxRow = Omit<OutboxRecord, 'id' | 'attempts' | 'available_at'> & {
  id: Generated<number>;
  attempts: Generated<number>;
  available_at: Generated<number>;
};

export interface CmsTables {
  departments: DepartmentRow;
  policies: PolicyRow;
  policy_items: ItemRow;
  interpretations: InterpretationRow;
  hotline_answers: AnswerRow;
  search_synonyms: SynonymRow;
  [OUTBOX_TABLE]: OutboxRow;
  policies_department_lnk: { policy_id: number; department_id: number };
  policies_co_issuing_departments_lnk: { policy_id: number; department_id: number };
  policy_items_department_lnk: { policy_item_id: number; department_id: number };
  policy_items_policy_lnk: { policy_item_id: number; policy_id: number };
  interpretations_department_lnk: { interpretation_id: number; department_id: number };
  interpretations_policy_lnk: { interpretation_id: number; policy_id: number };
  interpretations_items_lnk: { interpretation_id: number; policy_item_id: number };
  hotline_answers_department_lnk: { hotline_answer_id: number; department_id: number };
  hotline_answers_related_items_lnk: { hotline_answer_id: number; policy_item_id: number };
}

/** Strapi uid → search document type and table (the four indexed types), from @zone/schemas. */
export const CONTENT_TYPES = INDEXED_CONTENT_TYPES;
export { DEPARTMENT_UID, SYNONYM_UID, isIndexedUid, type IndexedUid } from '@zone/schemas';
