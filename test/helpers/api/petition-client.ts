// A petition client that speaks the domain: submit, accept, assign, answer, rate — over GraphQL.
import type { GqlClient } from './test-api.ts';

export const PETITION_FIELDS = `
  id status channel topic category title content receivedAt recordedByRole
  submitter { kind name uscc } contact { name phone email } attachments { name ref }
  refusal { reason reasonLabel explanation refusedAt }
  marketReferral { referral explanation closedAt }
  assignments { department role answer answeredAt urgeCount }
  expertOpinions { expert opinion }
  answer { text policyIds answeredAt onTime }
  rating { satisfaction serviceQuality attitude efficiency comment isDefault answerOnTime ratedAt }
  dueAt dueDate remainingWorkingDays overdue paused pausedWorkingDays urgeCount escalatedAt
`;

export interface PetitionView {
  id: string;
  status: string;
  channel: string;
  topic: string;
  category: string | null;
  title: string;
  content: string;
  receivedAt: string;
  recordedByRole: string;
  submitter: { kind: string; name: string; uscc: string | null };
  contact: { name: string; phone: string | null; email: string | null };
  attachments: { name: string; ref: string }[];
  refusal: { reason: string; reasonLabel: string; explanation: string; refusedAt: string } | null;
  marketReferral: { referral: string | null; explanation: string | null; closedAt: string } | null;
  assignments: { department: string; role: string; answer: string | null; answeredAt: string | null; urgeCount: number }[];
  expertOpinions: { expert: string; opinion: string }[];
  answer: { text: string; policyIds: string[]; answeredAt: string; onTime: boolean } | null;
  rating: {
    satisfaction: string;
    serviceQuality: number | null;
    attitude: number | null;
    efficiency: number | null;
    comment: string | null;
    isDefault: boolean;
    answerOnTime: boolean;
    ratedAt: string;
  } | null;
  dueAt: string | null;
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  paused: boolean;
  pausedWorkingDays: number;
  urgeCount: number;
  escalatedAt: string | null;
}

/** 阿里巴巴（中国）有限公司's published code; its check character B verifies (see uscc test). */
export const ENTERPRISE_USCC = '91330100799655058B';

export function enterpriseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'WEBSITE',
    submitter: { kind: 'ENTERPRISE', name: '阿里巴巴（中国）有限公司', uscc: ENTERPRISE_USCC },
    contact: { name: '张经理', phone: '0573-82000000', email: 'zhang@example.com' },
    topic: 'PRODUCTION_OPERATION',
    title: '厂房用电增容',
    content: '我司二期厂房投产，需要将用电容量由 800kVA 增至 1600kVA，请协调。',
    attachments: [{ name: '用电申请表.pdf', ref: 'files:2025/uploads/app.pdf' }],
    ...overrides,
  };
}

let keySeq = 0;
export function freshKey(): string {
  keySeq++;
  return `test-key-${Date.now().toString(36)}-${keySeq}`;
}

const one = (mutation: string, args: string) => `mutation(${args}) { r: ${mutation} { ${PETITION_FIELDS} } }`;

export class PetitionClient {
  constructor(readonly gql: GqlClient) {}

  async submit(input: Record<string, unknown>, key = freshKey()): Promise<PetitionView> {
    const d = await this.gql.ok<{ r: PetitionView }>(one('submitPetition(input: $input, idempotencyKey: $key)', '$input: SubmitPetitionInput!, $key: String!'), { input, key });
    return d.r;
  }
  submitRaw(input: Record<string, unknown>, key: string = freshKey()) {
    return this.gql.request<{ r: PetitionView }>(one('submitPetition(input: $input, idempotencyKey: $key)', '$input: SubmitPetitionInput!, $key: String!'), { input, key });
  }
  get(id: string) {
    return this.gql.request<{ r: PetitionView }>(`query($id: ID!) { r: petition(id: $id) { ${PETITION_FIELDS} } }`, { id });
  }
  async view(id: string): Promise<PetitionView> {
    return (await this.gql.ok<{ r: PetitionView }>(`query($id: ID!) { r: petition(id: $id) { ${PETITION_FIELDS} } }`, { id })).r;
  }
  accept(id: string, category: string) {
    return this.gql.request<{ r: PetitionView }>(one('acceptPetition(id: $id, category: $category)', '$id: ID!, $category: PetitionCategory!'), { id, category });
  }
  reclassify(id: string, category: string, reason = '经会商调整分类') {
    return this.gql.request<{ r: PetitionView }>(one('reclassifyPetition(id: $id, category: $category, reason: $reason)', '$id: ID!, $category: PetitionCategory!, $reason: String!'), { id, category, reason });
  }
  refuse(id: string, reason: string, explanation = '经审查，该事项不属于本机制受理范围。') {
    return this.gql.request<{ r: PetitionView }>(one('refusePetition(id: $id, reason: $reason, explanation: $explanation)', '$id: ID!, $reason: RefusalReason!, $explanation: String!'), { id, reason, explanation });
  }
  requestMaterials(id: string, note = '请补充近三年用电记录。') {
    return this.gql.request<{ r: PetitionView }>(one('requestMaterials(id: $id, note: $note)', '$id: ID!, $note: String!'), { id, note });
  }
  supplyMaterials(id: string, note = '已补充用电记录。') {
    return this.gql.request<{ r: PetitionView }>(one('supplyMaterials(id: $id, note: $note)', '$id: ID!, $note: String!'), { id, note });
  }
  marketMatter(id: string, referral: string | null, explanation: string | null) {
    return this.gql.request<{ r: PetitionView }>(one('closeAsMarketMatter(id: $id, referral: $referral, explanation: $explanation)', '$id: ID!, $referral: String, $explanation: String'), { id, referral, explanation });
  }
  assign(id: string, lead: string, co: string[] = []) {
    return this.gql.request<{ r: PetitionView }>(one('assignDepartments(id: $id, lead: $lead, co: $co)', '$id: ID!, $lead: String!, $co: [String!]'), { id, lead, co });
  }
  expertOpinion(id: string, expert = '王教授', opinion = '建议分期实施。') {
    return this.gql.request<{ r: PetitionView }>(one('recordExpertOpinion(id: $id, expert: $expert, opinion: $opinion)', '$id: ID!, $expert: String!, $opinion: String!'), { id, expert, opinion });
  }
  departmentAnswer(id: string, answer = '已与供电公司对接，可于下月完成增容。') {
    return this.gql.request<{ r: PetitionView }>(one('answerAsDepartment(id: $id, answer: $answer)', '$id: ID!, $answer: String!'), { id, answer });
  }
  finalAnswer(id: string, text = '经协调，供电公司将于下月完成增容。', policyIds: string[] = []) {
    return this.gql.request<{ r: PetitionView }>(one('sendFinalAnswer(id: $id, text: $text, policyIds: $policyIds)', '$id: ID!, $text: String!, $policyIds: [ID!]'), { id, text, policyIds });
  }
  rate(id: string, rating: Record<string, unknown> = { satisfaction: 'SATISFIED', serviceQuality: 5, attitude: 5, efficiency: 4 }) {
    return this.gql.request<{ r: PetitionView }>(one('ratePetition(id: $id, rating: $rating)', '$id: ID!, $rating: RatingInput!'), { id, rating });
  }
  note(id: string, note = '已电话联系企业。') {
    return this.gql.request<{ r: PetitionView }>(one('addPetitionNote(id: $id, note: $note)', '$id: ID!, $note: String!'), { id, note });
  }
  list(filter: Record<string, unknown> = {}, first?: number, after?: string) {
    return this.gql.request<{ r: { edges: { cursor: string; node: PetitionView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
      `query($filter: PetitionFilter, $first: Int, $after: String) { r: petitions(filter: $filter, first: $first, after: $after) { edges { cursor node { ${PETITION_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
      { filter, first, after },
    );
  }
  timeline(id: string) {
    return this.gql.ok<{ r: { timeline: { type: string; recordedAt: string; dueOn: string | null; actorRole: string; department: string | null; payload: string }[] } }>(
      `query($id: ID!) { r: petition(id: $id) { timeline { type recordedAt dueOn actorRole department payload } } }`,
      { id },
    );
  }
}

/** Unwraps a mutation result, failing the test with the errors if there are any. */
export function must<T>(r: { data: { r: T } | null; errors?: unknown[] }): T {
  if (r.errors?.length || !r.data) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data.r;
}
