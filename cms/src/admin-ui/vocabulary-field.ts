// The server half of the vocabulary multi-select (the admin half is cms/src/admin/vocabulary-input.tsx):
// a custom field stored as JSON, so subjects/topics keep their column and their shape (a JSON array
// of vocabulary keys). Registered without a plugin, hence the uid global::vocabulary.
import type { Core } from '@strapi/strapi';

export const VOCABULARY_FIELD_UID = 'global::vocabulary';

export function registerVocabularyField(strapi: Core.Strapi): void {
  strapi.customFields.register({ name: 'vocabulary', type: 'json' });
}
