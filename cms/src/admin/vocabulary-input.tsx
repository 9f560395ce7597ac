// The multi-select of a vocabulary of 第六条 (适用对象, 诉求领域): the specialist picks Chinese labels;
// the field stores the keys as a JSON array (["industrial", …]), the shape import, the content
// rules and search-sync already read. The value sent is an array, never a JSON string, so the
// request carries the same shape as an import.
import * as React from 'react';
import { Field, MultiSelect, MultiSelectOption } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import taxonomy from '@zone/schemas/data/taxonomy.json';

type VocabularyName = 'SUBJECTS' | 'TOPICS';
const VOCABULARIES: Record<VocabularyName, Record<string, string>> = { SUBJECTS: taxonomy.SUBJECTS, TOPICS: taxonomy.TOPICS };

interface VocabularyInputProps {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  labelAction?: React.ReactNode;
  attribute: { options?: { vocabulary?: string } };
}

/** Stored values as keys: an array, a JSON string of one (old rows), or labels (legacy input). */
function keysOf(value: unknown, vocabulary: Record<string, string>): string[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = [];
    }
  }
  if (!Array.isArray(list)) return [];
  const byLabel = new Map(Object.entries(vocabulary).map(([key, label]) => [label, key]));
  return list.map((v) => String(v)).map((v) => (v in vocabulary ? v : (byLabel.get(v) ?? v)));
}

export const VocabularyInput = React.forwardRef<HTMLDivElement, VocabularyInputProps>(
  ({ name, label, hint, required, disabled, labelAction, attribute }, ref) => {
    const { formatMessage } = useIntl();
    const field = useField<unknown>(name);
    const vocabularyName = attribute.options?.vocabulary;
    const vocabulary = vocabularyName === 'SUBJECTS' || vocabularyName === 'TOPICS' ? VOCABULARIES[vocabularyName] : {};
    const value = keysOf(field.value, vocabulary);
    const unknown = value.filter((key) => !(key in vocabulary));
    return (
      <Field.Root name={name} error={field.error} hint={hint} required={required}>
        <Field.Label action={labelAction}>{label}</Field.Label>
        <MultiSelect
          ref={ref}
          value={value}
          withTags
          disabled={disabled}
          placeholder={formatMessage({ id: 'zone.vocabulary.placeholder', defaultMessage: '请选择（可多选）' })}
          clearLabel={formatMessage({ id: 'zone.vocabulary.clear', defaultMessage: '清除' })}
          onClear={() => field.onChange(name, [])}
          onChange={(keys: string[]) => field.onChange(name, keys)}
        >
          {Object.entries(vocabulary).map(([key, text]) => (
            <MultiSelectOption key={key} value={key}>
              {text}
            </MultiSelectOption>
          ))}
          {unknown.map((key) => (
            <MultiSelectOption key={key} value={key}>
              {formatMessage({ id: 'zone.vocabulary.unknown', defaultMessage: '{value}（不在词表中）' }, { value: key })}
            </MultiSelectOption>
          ))}
        </MultiSelect>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  },
);
