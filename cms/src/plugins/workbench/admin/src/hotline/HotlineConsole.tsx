// 热线工作台: the 96871 agent types the caller's question and reads the answer out while the caller
// waits. Keyboard first (as in Meilisearch's docs-searchbar and DocSearch): the input keeps the
// focus, ↑↓ move through the suggestions, Enter opens one, Esc clears, Ctrl+Enter records the call
// as a petition. Superseded requests are aborted, and the result areas keep their size.
import * as React from 'react';
import { Box, Button, Field, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { ApiRequestError } from '../session/graphql';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { AnswerCard, type CardState } from './AnswerCard';
import { ANSWERS, RECORD_CALL, SUGGEST, type AnswerCardData, type RecordedCall, type Suggestion } from './queries';
import { RecordCallForm, type CallRecord } from './RecordCallForm';
import { spokenDate } from './reply-date';
import { useLatestRequest } from './useLatestRequest';

/** The answer card follows the typing after this pause; suggestions follow every keystroke. */
const CARD_DELAY_MS = 150;
const SUGGESTION_ROWS = 6;
const LISTBOX_ID = 'workbench-hotline-suggestions';
/** Performance measure (keystroke → suggestions rendered), readable in DevTools and by the browser tests. */
export const SUGGEST_MEASURE = 'workbench:keystroke-to-suggestions';

type Phase =
  | { kind: 'search' }
  | { kind: 'record'; key: string; submitting: boolean; error: { message: string; field?: string } | null }
  | { kind: 'recorded'; petition: RecordedCall };

export function HotlineConsole() {
  const t = useT();
  const api = useApi();
  const suggestRequest = useLatestRequest();
  const cardRequest = useLatestRequest();
  const inputRef = React.useRef<HTMLInputElement>(null);

  const [query, setQuery] = React.useState('');
  const [suggestions, setSuggestions] = React.useState<{ forQuery: string; items: Suggestion[] }>({ forQuery: '', items: [] });
  const [active, setActive] = React.useState(-1);
  const [cardQuery, setCardQuery] = React.useState('');
  const [card, setCard] = React.useState<CardState>({ status: 'idle' });
  const [receivedAt, setReceivedAt] = React.useState<string | null>(null);
  const [phase, setPhase] = React.useState<Phase>({ kind: 'search' });

  // Suggestions on every keystroke; the previous request is aborted.
  React.useEffect(() => {
    const prefix = query.trim();
    if (prefix === '') {
      suggestRequest(() => Promise.resolve({ suggest: [] as Suggestion[] }), () => setSuggestions({ forQuery: query, items: [] }), () => undefined);
      return;
    }
    suggestRequest(
      (signal) => api<{ suggest: Suggestion[] }>(SUGGEST, { prefix }, signal),
      (data) => setSuggestions({ forQuery: query, items: data.suggest }),
      () => setSuggestions({ forQuery: query, items: [] }),
    );
  }, [query, api, suggestRequest]);

  // Keystroke → suggestions rendered, measured in the browser after the list has been committed.
  React.useEffect(() => {
    const mark = `workbench:keystroke:${suggestions.forQuery}`;
    if (performance.getEntriesByName(mark, 'mark').length > 0) {
      requestAnimationFrame(() => {
        performance.measure(SUGGEST_MEASURE, mark);
        performance.clearMarks(mark);
      });
    }
  }, [suggestions]);

  // The card follows the typed question (or the chosen suggestion) after a short pause.
  React.useEffect(() => {
    const q = cardQuery.trim();
    if (q === '') {
      cardRequest(() => Promise.resolve(null), () => setCard({ status: 'idle' }), () => undefined);
      return;
    }
    setCard((c) => ({ status: 'loading', previous: c.status === 'ready' ? c.card : c.status === 'loading' ? c.previous : null }));
    const timer = setTimeout(() => {
      cardRequest(
        (signal) => api<{ answers: AnswerCardData[] }>(ANSWERS, { query: q }, signal),
        (data) => setCard({ status: 'ready', card: data.answers[0] ?? null }),
        (err) => setCard({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    }, CARD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cardQuery, api, cardRequest]);

  const focusInput = () => requestAnimationFrame(() => inputRef.current?.focus());

  const reset = () => {
    setQuery('');
    setCardQuery('');
    setActive(-1);
    setReceivedAt(null);
    setPhase({ kind: 'search' });
    focusInput();
  };

  const onChange = (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    performance.mark(`workbench:keystroke:${value}`);
    // After a recorded call, typing starts the next call.
    const nextCall = phase.kind === 'recorded';
    if (nextCall) setPhase({ kind: 'search' });
    // 第六条: the receipt time is when the call came in, i.e. when the agent started typing it.
    if ((receivedAt === null || nextCall) && value.trim() !== '') setReceivedAt(new Date().toISOString());
    setQuery(value);
    setCardQuery(value);
    // A new keystroke starts a new selection; answers arriving for it later keep the agent's ↑↓.
    setActive(-1);
  };

  const choose = (index: number) => {
    const picked = suggestions.items[index];
    if (!picked) return;
    setActive(index);
    setCardQuery(picked.text);
  };

  const startRecording = () => {
    if (query.trim() === '') return;
    if (receivedAt === null) setReceivedAt(new Date().toISOString());
    setPhase({ kind: 'record', key: crypto.randomUUID(), submitting: false, error: null });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.items.length;
    if (e.key === 'ArrowDown' && count > 0) {
      e.preventDefault();
      setActive((i) => (i + 1) % count);
    } else if (e.key === 'ArrowUp' && count > 0) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? count - 1 : i - 1));
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      startRecording();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0) choose(active);
      else setCardQuery(query);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      reset();
    }
  };

  const submitRecord = async (record: CallRecord) => {
    if (phase.kind !== 'record' || receivedAt === null) return;
    const uscc = record.uscc.trim();
    const input = {
      channel: 'HOTLINE_96871',
      receivedAt,
      submitter: uscc
        ? { kind: 'ENTERPRISE', name: record.companyName.trim() || record.callerName.trim(), uscc }
        : { kind: 'INDIVIDUAL', name: record.callerName.trim() },
      contact: { name: record.callerName.trim(), phone: record.phone.trim() || null },
      topic: record.topic,
      title: record.title.trim(),
      content: record.content.trim(),
    };
    setPhase({ ...phase, submitting: true, error: null });
    try {
      const data = await api<{ submitPetition: RecordedCall }>(RECORD_CALL, { input, key: phase.key });
      setPhase({ kind: 'recorded', petition: data.submitPetition });
      setQuery('');
      setCardQuery('');
      setReceivedAt(null);
      focusInput();
    } catch (err) {
      const error = err instanceof ApiRequestError ? { message: err.message, field: err.field } : { message: String(err) };
      setPhase({ ...phase, submitting: false, error });
    }
  };

  const activeId = active >= 0 ? `${LISTBOX_ID}-${active}` : undefined;
  const promise = phase.kind === 'recorded' ? phase.petition.hotlineReplyPromise : null;
  const spoken = promise ? spokenDate(promise.dueDate) : null;

  return (
    <Page.Main>
      <Page.Title>{t('screen.hotline.title')}</Page.Title>
      <Layouts.Header title={t('screen.hotline.title')} subtitle={t('hotline.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root name="question" hint={t('hotline.keys')}>
            <Field.Label>{t('hotline.question')}</Field.Label>
            <Field.Input
              ref={inputRef}
              value={query}
              onChange={onChange}
              onKeyDown={onKeyDown}
              autoFocus
              autoComplete="off"
              placeholder={t('hotline.placeholder')}
              role="combobox"
              aria-expanded={suggestions.items.length > 0}
              aria-controls={LISTBOX_ID}
              aria-activedescendant={activeId}
              aria-autocomplete="list"
              disabled={phase.kind === 'record'}
            />
            <Field.Hint />
          </Field.Root>

          <Box
            id={LISTBOX_ID}
            role="listbox"
            aria-label={t('hotline.suggestions')}
            data-for-query={suggestions.forQuery}
            background="neutral0"
            hasRadius
            shadow="tableShadow"
            // A fixed height: the list growing or shrinking never moves the card below it.
            height={`${SUGGESTION_ROWS * 3}rem`}
            overflow="hidden"
          >
            {suggestions.items.map((s, i) => (
              <Box
                key={`${s.type}-${s.documentId}`}
                id={`${LISTBOX_ID}-${i}`}
                role="option"
                aria-selected={i === active}
                background={i === active ? 'primary100' : 'neutral0'}
                paddingLeft={4}
                paddingRight={4}
                height="3rem"
                // Keep the focus in the input when a suggestion is clicked.
                onMouseDown={(e: React.MouseEvent) => e.preventDefault()}
                onClick={() => choose(i)}
                style={{ cursor: 'pointer', display: 'flex', alignItems: 'center', gap: '1rem' }}
              >
                <Typography variant="omega" ellipsis>
                  <span dangerouslySetInnerHTML={{ __html: s.highlighted }} />
                </Typography>
                {s.departmentName ? (
                  <Typography variant="pi" textColor="neutral600">
                    {s.departmentName}
                  </Typography>
                ) : null}
              </Box>
            ))}
          </Box>

          {phase.kind === 'record' && receivedAt ? (
            <RecordCallForm
              question={query.trim()}
              receivedAt={receivedAt}
              submitting={phase.submitting}
              error={phase.error}
              onSubmit={(r) => void submitRecord(r)}
              onCancel={() => {
                setPhase({ kind: 'search' });
                focusInput();
              }}
            />
          ) : phase.kind === 'recorded' ? (
            <Box background="success100" padding={6} hasRadius role="status" aria-live="polite">
              <Flex direction="column" alignItems="flex-start" gap={3}>
                <Typography variant="delta" tag="p">
                  {t('hotline.recorded.id', { id: phase.petition.id })}
                </Typography>
                {spoken ? (
                  <Typography variant="alpha" tag="p">
                    {t('hotline.recorded.replyBy', { month: spoken.month, day: spoken.day, weekday: t(`weekday.${spoken.weekday}`) })}
                  </Typography>
                ) : null}
                <Typography variant="omega">{t('hotline.recorded.next')}</Typography>
              </Flex>
            </Box>
          ) : (
            <AnswerCard state={card} />
          )}

          {phase.kind === 'search' ? (
            <Flex>
              <Button variant="secondary" onClick={startRecording} disabled={query.trim() === ''}>
                {t('hotline.record.open')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
