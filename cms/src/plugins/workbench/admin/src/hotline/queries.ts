// The api operations of the hotline console (schemas/graphql: search.graphql, petitions.graphql, workbench.graphql).
export const SUGGEST = /* GraphQL */ `
  query HotlineSuggest($prefix: String!) {
    suggest(prefix: $prefix, limit: 6) { text highlighted type documentId departmentName }
  }
`;

export const ANSWERS = /* GraphQL */ `
  query HotlineAnswers($query: String!) {
    answers(query: $query, limit: 1) {
      type documentId title readOut
      department { name phone }
      badges { maxAmount applicationStart applicationEnd applicationOpen validity }
      sourceItems { documentId itemCode title }
      sourcePolicy { documentId title }
      citations { documentId itemCode version current }
      review { status warning reason }
    }
  }
`;

export const RECORD_CALL = /* GraphQL */ `
  mutation HotlineRecordCall($input: SubmitPetitionInput!, $key: String!) {
    submitPetition(input: $input, idempotencyKey: $key) {
      id receivedAt
      hotlineReplyPromise { category workingDays dueAt dueDate }
    }
  }
`;

export interface Suggestion {
  text: string;
  highlighted: string;
  type: string;
  documentId: string;
  departmentName: string | null;
}

export type Validity = 'VALID' | 'EXPIRED' | 'REPEALED';

export interface AnswerCardData {
  type: string;
  documentId: string;
  title: string;
  readOut: string;
  department: { name: string; phone: string | null } | null;
  badges: { maxAmount: number | null; applicationStart: string | null; applicationEnd: string | null; applicationOpen: boolean | null; validity: Validity };
  sourceItems: Array<{ documentId: string; itemCode: string | null; title: string }>;
  sourcePolicy: { documentId: string; title: string } | null;
  /** 口径 only: the cited items at their versions, and the 待复核 warning. */
  citations: Array<{ documentId: string; itemCode: string | null; version: string | null; current: boolean | null }>;
  review: { status: 'CURRENT' | 'PENDING'; warning: string | null; reason: string | null } | null;
}

export interface RecordedCall {
  id: string;
  receivedAt: string;
  hotlineReplyPromise: { category: string; workingDays: number; dueAt: string; dueDate: string } | null;
}

export const TOPICS = ['INVESTMENT_CONSTRUCTION', 'PRODUCTION_OPERATION', 'TRANSFORMATION_UPGRADING', 'OTHER'] as const;
export type Topic = (typeof TOPICS)[number];
