// The api operations of the petition screens (schemas/graphql/petitions.graphql, calendar.graphql,
// search.graphql). The screens talk to the api's GraphQL only, as the signed-in staff member.

export const CATEGORIES = ['CONSULTATION', 'PROFESSIONAL', 'COMPREHENSIVE', 'COMMON'] as const;
export type Category = (typeof CATEGORIES)[number];
/** 第七、十条: the answer deadline of each category in working days (schemas/src/petitions/rules.ts). */
export const CATEGORY_WORKING_DAYS: Record<Category, number> = { CONSULTATION: 1, PROFESSIONAL: 5, COMPREHENSIVE: 10, COMMON: 15 };
export const REFUSAL_REASONS = ['OUT_OF_SCOPE', 'ILLEGAL', 'JUDICIAL', 'LETTERS_AND_VISITS'] as const;

export interface PetitionRow {
  id: string;
  status: string;
  title: string;
  category: Category | null;
  receivedAt: string;
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  paused: boolean;
  submitter: { name: string };
}

export const LIST_PETITIONS = /* GraphQL */ `
  query WorkbenchPetitions($filter: PetitionFilter, $first: Int, $after: String) {
    petitions(filter: $filter, first: $first, after: $after) {
      edges { node { id status title category receivedAt dueDate remainingWorkingDays overdue paused submitter { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** The count on each queue tab, as the caller's role sees it (one request for every tab). */
export const COUNT_PETITIONS = /* GraphQL */ `
  query WorkbenchPetitionCounts($queues: [PetitionCountQuery!]!) { petitionCounts(queues: $queues) { key count } }
`;

/** Rows per page of a queue (the api's largest page). */
export const PAGE_SIZE = 100;

export interface TimelineEvent {
  id: string;
  type: string;
  recordedAt: string;
  dueOn: string | null;
  actorRole: string;
  department: string | null;
  payload: string;
}

export interface PetitionDetail extends PetitionRow {
  channel: string;
  topic: string;
  content: string;
  submitter: { name: string; kind: string; uscc: string | null };
  contact: { name: string; phone: string | null; email: string | null } | null;
  dueAt: string | null;
  pausedWorkingDays: number;
  urgeCount: number | null;
  assignments: Array<{ department: string; departmentName: string; role: 'LEAD' | 'CO'; answer: string | null; answeredAt: string | null; urgeCount: number }> | null;
  expertOpinions: Array<{ expert: string; opinion: string; recordedAt: string }> | null;
  answer: { text: string; policyIds: string[]; answeredAt: string; onTime: boolean } | null;
  refusal: { reasonLabel: string; explanation: string } | null;
  timeline: TimelineEvent[];
}

const DETAIL_FIELDS = /* GraphQL */ `
  id status title content channel topic category receivedAt dueAt dueDate remainingWorkingDays overdue paused pausedWorkingDays urgeCount
  submitter { name kind uscc }
  contact { name phone email }
  assignments { department departmentName role answer answeredAt urgeCount }
  expertOpinions { expert opinion recordedAt }
  answer { text policyIds answeredAt onTime }
  refusal { reasonLabel explanation }
  timeline { id type recordedAt dueOn actorRole department payload }
`;

export const GET_PETITION = /* GraphQL */ `
  query WorkbenchPetition($id: ID!) { petition(id: $id) { ${DETAIL_FIELDS} } }
`;

export const DEPARTMENTS = /* GraphQL */ `
  query WorkbenchDepartments { departments { code name } }
`;

/** 第七、十条: the due date a category would give, counted from the original receipt (次日起算). */
export const DUE_PREVIEW = /* GraphQL */ `
  query WorkbenchDuePreview($from: Date!, $days: Int!) { calendar { addWorkingDays(from: $from, days: $days) } }
`;

export const SEARCH_ITEMS = /* GraphQL */ `
  query WorkbenchPolicyItems($query: String!) {
    search(query: $query, filter: { types: [POLICY_ITEM] }, first: 8) { edges { node { documentId title department { name } } } }
  }
`;

export interface PolicyHit {
  documentId: string;
  title: string;
  department: { name: string } | null;
}

/** The mutations of 第七–十条, each returning the petition as the caller now sees it. */
export const ACTIONS = {
  requestMaterials: `mutation($id: ID!, $note: String!) { requestMaterials(id: $id, note: $note) { ${DETAIL_FIELDS} } }`,
  supplyMaterials: `mutation($id: ID!, $note: String!) { supplyMaterials(id: $id, note: $note) { ${DETAIL_FIELDS} } }`,
  refusePetition: `mutation($id: ID!, $reason: RefusalReason!, $explanation: String!) { refusePetition(id: $id, reason: $reason, explanation: $explanation) { ${DETAIL_FIELDS} } }`,
  closeAsMarketMatter: `mutation($id: ID!, $referral: String, $explanation: String) { closeAsMarketMatter(id: $id, referral: $referral, explanation: $explanation) { ${DETAIL_FIELDS} } }`,
  acceptPetition: `mutation($id: ID!, $category: PetitionCategory!) { acceptPetition(id: $id, category: $category) { ${DETAIL_FIELDS} } }`,
  reclassifyPetition: `mutation($id: ID!, $category: PetitionCategory!, $reason: String!) { reclassifyPetition(id: $id, category: $category, reason: $reason) { ${DETAIL_FIELDS} } }`,
  assignDepartments: `mutation($id: ID!, $lead: String!, $co: [String!]) { assignDepartments(id: $id, lead: $lead, co: $co) { ${DETAIL_FIELDS} } }`,
  recordExpertOpinion: `mutation($id: ID!, $expert: String!, $opinion: String!) { recordExpertOpinion(id: $id, expert: $expert, opinion: $opinion) { ${DETAIL_FIELDS} } }`,
  answerAsDepartment: `mutation($id: ID!, $answer: String!) { answerAsDepartment(id: $id, answer: $answer) { ${DETAIL_FIELDS} } }`,
  sendFinalAnswer: `mutation($id: ID!, $text: String!, $policyIds: [ID!], $overrideReason: String) { sendFinalAnswer(id: $id, text: $text, policyIds: $policyIds, overrideReason: $overrideReason) { ${DETAIL_FIELDS} } }`,
  addPetitionNote: `mutation($id: ID!, $note: String!) { addPetitionNote(id: $id, note: $note) { ${DETAIL_FIELDS} } }`,
} as const;
export type ActionName = keyof typeof ACTIONS;

/** The Shanghai calendar date of an instant (the receipt day that 次日起算 counts from). */
export function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 11月30日 from 2026-11-30. */
export function shortDate(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}
