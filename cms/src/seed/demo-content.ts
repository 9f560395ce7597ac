// The shape of the demo content (demo/content.json). References between entries use stable keys:
// a policy by its `key`, an item by its department + itemCode.
export interface DemoPolicy {
  key: string;
  department: string; // department code
  coIssuingDepartments?: string[];
  title: string;
  titleEn?: string;
  docNumber?: string;
  issueDate?: string; // YYYY-MM-DD
  effectiveFrom?: string;
  effectiveUntil?: string;
  validity: 'valid' | 'expired' | 'repealed';
  repealReason?: string;
  replacedBy?: string; // policy key
  summary: string;
  summaryEn?: string;
  body: string; // markdown
  sourceUrl?: string;
}

export interface DemoItem {
  department: string;
  policy?: string; // policy key
  itemCode: string;
  title: string;
  titleEn?: string;
  summary: string;
  summaryEn?: string;
  eligibility: string; // markdown
  supportStandard: string; // markdown
  maxAmount: number | null; // 万元
  requiredMaterials: string; // markdown
  procedure: string; // markdown
  applicationStart?: string;
  applicationEnd?: string;
  effectiveUntil?: string;
  contact: string;
  subjects: Array<'industrial' | 'producer_services' | 'startup_individual'>;
  topics: Array<'investment_construction' | 'production_operation' | 'transformation_upgrading' | 'other'>;
  industries?: string;
  keywords?: string;
  /** 政策找企业: eligibility conditions (matching.condition components, canonical values). */
  conditions?: Array<{ attribute: string; operator: string; value: string; clause: string }>;
}

export interface DemoInterpretation {
  department: string;
  policy?: string;
  items: string[]; // itemCodes of the same department
  title: string;
  body: string; // markdown
  format: 'text' | 'qa' | 'graphic';
}

export interface DemoAnswer {
  department: string;
  question: string;
  questionEn?: string;
  shortAnswer: string;
  shortAnswerEn?: string;
  fullAnswer: string; // markdown
  relatedItems: string[]; // itemCodes of the same department
  keywords?: string;
}

export interface DemoContent {
  policies: DemoPolicy[];
  items: DemoItem[];
  interpretations: DemoInterpretation[];
  answers: DemoAnswer[];
}
