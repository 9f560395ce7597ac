// Recording the call as a petition (第六条): channel 96871, the time the call came in, and the
// caller's question prefilled. The agent adds who is calling and confirms with Enter; Esc goes back.
import * as React from 'react';
import { Box, Button, Field, Flex, Radio, Textarea, Typography } from '@strapi/design-system';
import { useT } from '../utils/getTrad';
import { TOPICS, type Topic } from './queries';

export interface CallRecord {
  callerName: string;
  phone: string;
  companyName: string;
  uscc: string;
  topic: Topic;
  title: string;
  content: string;
}

export function RecordCallForm(props: {
  question: string;
  receivedAt: string;
  submitting: boolean;
  error: { message: string; field?: string } | null;
  onSubmit(record: CallRecord): void;
  onCancel(): void;
}) {
  const t = useT();
  const [record, setRecord] = React.useState<CallRecord>({
    callerName: '',
    phone: '',
    companyName: '',
    uscc: '',
    topic: 'OTHER',
    title: props.question.slice(0, 60),
    content: props.question,
  });
  const set = (key: keyof CallRecord) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setRecord((r) => ({ ...r, [key]: e.target.value }));
  const errorFor = (field: string) => (props.error?.field?.endsWith(field) ? props.error.message : undefined);

  const submit = (e?: React.FormEvent) => {
    e?.preventDefault();
    if (!props.submitting) props.onSubmit(record);
  };

  return (
    <Box
      tag="form"
      aria-label={t('hotline.record.label')}
      onSubmit={submit}
      onKeyDown={(e: React.KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
      background="neutral0"
      padding={6}
      hasRadius
      shadow="tableShadow"
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="beta" tag="h2">
          {t('hotline.record.title')}
        </Typography>
        <Typography variant="omega" textColor="neutral600">
          {t('hotline.record.channel', { time: new Date(props.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) })}
        </Typography>
        <Flex gap={4} alignItems="flex-start">
          <Field.Root name="callerName" required error={errorFor('contact.name')} flex="1">
            <Field.Label>{t('hotline.record.callerName')}</Field.Label>
            <Field.Input value={record.callerName} onChange={set('callerName')} autoFocus autoComplete="off" />
            <Field.Error />
          </Field.Root>
          <Field.Root name="phone" required error={errorFor('contact.phone')} flex="1">
            <Field.Label>{t('hotline.record.phone')}</Field.Label>
            <Field.Input value={record.phone} onChange={set('phone')} inputMode="tel" autoComplete="off" />
            <Field.Error />
          </Field.Root>
        </Flex>
        <Flex gap={4} alignItems="flex-start">
          <Field.Root name="companyName" hint={t('hotline.record.companyHint')} error={errorFor('submitter.name')} flex="1">
            <Field.Label>{t('hotline.record.companyName')}</Field.Label>
            <Field.Input value={record.companyName} onChange={set('companyName')} autoComplete="off" />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
          <Field.Root name="uscc" error={errorFor('submitter.uscc')} flex="1">
            <Field.Label>{t('hotline.record.uscc')}</Field.Label>
            <Field.Input value={record.uscc} onChange={set('uscc')} autoComplete="off" />
            <Field.Error />
          </Field.Root>
        </Flex>
        <Field.Root name="topic">
          <Field.Label>{t('hotline.record.topic')}</Field.Label>
          <Radio.Group value={record.topic} onValueChange={(v: string) => setRecord((r) => ({ ...r, topic: v as Topic }))} aria-label={t('hotline.record.topic')}>
            <Flex gap={4}>
              {TOPICS.map((topic) => (
                <Radio.Item key={topic} value={topic}>
                  {t(`topic.${topic}`)}
                </Radio.Item>
              ))}
            </Flex>
          </Radio.Group>
        </Field.Root>
        <Field.Root name="title" required error={errorFor('title')}>
          <Field.Label>{t('hotline.record.petitionTitle')}</Field.Label>
          <Field.Input value={record.title} onChange={set('title')} autoComplete="off" />
          <Field.Error />
        </Field.Root>
        <Field.Root name="content" required error={errorFor('content')}>
          <Field.Label>{t('hotline.record.content')}</Field.Label>
          <Textarea value={record.content} onChange={set('content')} />
          <Field.Error />
        </Field.Root>
        {props.error && !props.error.field ? (
          <Typography variant="omega" textColor="danger600" role="alert">
            {props.error.message}
          </Typography>
        ) : null}
        <Flex gap={2}>
          <Button type="submit" loading={props.submitting}>
            {t('hotline.record.submit')}
          </Button>
          <Button type="button" variant="tertiary" onClick={props.onCancel}>
            {t('hotline.record.cancel')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}
