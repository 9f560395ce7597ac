// Shared vocabularies from 第六条: whom a policy applies to / who may petition, and the topics.
// Keys are stable machine values; labels are what users read. The data is JSON so the CommonJS
// CMS reads the very same lists (data/taxonomy.json).
import taxonomy from '../data/taxonomy.json' with { type: 'json' };

export const SUBJECTS = taxonomy.SUBJECTS;
export type Subject = keyof typeof SUBJECTS;
export const SUBJECT_KEYS = Object.keys(SUBJECTS) as Subject[];

export const TOPICS = taxonomy.TOPICS;
export type Topic = keyof typeof TOPICS;
export const TOPIC_KEYS = Object.keys(TOPICS) as Topic[];

export const VALIDITY = taxonomy.VALIDITY;
export type Validity = keyof typeof VALIDITY;
export const VALIDITY_KEYS = Object.keys(VALIDITY) as Validity[];
