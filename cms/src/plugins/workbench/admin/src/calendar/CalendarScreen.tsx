// 工作日历 (office): the working-day calendar the SLA counts in (第十条), a warning for every coming
// year whose holiday schedule is not known (it would count Monday–Friday only: 元旦 a working day),
// and the bulk entry of a year's schedule by pasting the dates of the 国办 notice.
import * as React from 'react';
import { Box, Button, Field, Flex, Table, Tbody, Td, Th, Thead, Tr, Textarea, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { parseNoticeDates } from './parse-dates';
import { CALENDAR_STATE, SET_OVERRIDES, monthQuery, type Override, type YearCoverage } from './queries';

export function CalendarScreen() {
  const t = useT();
  const api = useApi();
  const [state, setState] = React.useState<{ coverage: YearCoverage[]; overrides: Override[] } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [version, setVersion] = React.useState(0);

  React.useEffect(() => {
    const controller = new AbortController();
    const from = `${new Date().getFullYear() - 1}-01-01`;
    api<{ calendar: { coverage: YearCoverage[]; overrides: Override[] } }>(CALENDAR_STATE, { from }, controller.signal)
      .then((d) => setState(d.calendar))
      .catch((err: Error) => {
        if (!controller.signal.aborted) setError(err.message);
      });
    return () => controller.abort();
  }, [api, version]);

  if (error) {
    return (
      <Box padding={8}>
        <Typography textColor="danger600" role="alert">
          {t('petitions.loadError', { message: error })}
        </Typography>
      </Box>
    );
  }
  if (!state) return <Page.Loading />;
  const uncovered = state.coverage.filter((c) => !c.covered);
  return (
    <Page.Main>
      <Page.Title>{t('screen.calendar.title')}</Page.Title>
      <Layouts.Header title={t('screen.calendar.title')} subtitle={t('calendar.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {uncovered.map((c) => (
            <Box key={c.year} background="danger100" padding={4} hasRadius role="alert">
              <Typography textColor="danger700">{t('calendar.uncovered', { year: c.year })}</Typography>
            </Box>
          ))}
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('calendar.coverage')}>
            <Typography variant="delta" tag="h2">
              {t('calendar.coverage')}
            </Typography>
            {state.coverage.map((c) => (
              <Typography key={c.year} tag="p">
                {t(`calendar.source.${c.source}`, { year: c.year, holidays: c.holidayOverrides, workdays: c.workdayOverrides })}
              </Typography>
            ))}
          </Box>
          <BulkEntry years={state.coverage.map((c) => c.year)} defaultYear={uncovered[0]?.year ?? state.coverage[state.coverage.length - 1]!.year} onSaved={() => setVersion((v) => v + 1)} />
          <MonthView />
          <OverrideTable overrides={state.overrides} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

function BulkEntry(props: { years: number[]; defaultYear: number; onSaved(): void }) {
  const t = useT();
  const api = useApi();
  const [year, setYear] = React.useState(String(props.defaultYear));
  const [holidays, setHolidays] = React.useState('');
  const [workdays, setWorkdays] = React.useState('');
  const [note, setNote] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<{ ok: boolean; text: string } | null>(null);
  const y = Number(year);
  const validYear = Number.isInteger(y) && y >= 2000 && y <= 2099;
  const off = validYear ? parseNoticeDates(holidays, y) : { dates: [], invalid: [] };
  const on = validYear ? parseNoticeDates(workdays, y) : { dates: [], invalid: [] };
  const both = off.dates.filter((d) => on.dates.includes(d));
  const invalid = [...off.invalid, ...on.invalid];
  const ready = validYear && off.dates.length + on.dates.length > 0 && invalid.length === 0 && both.length === 0 && note.trim() !== '';
  const title = t('calendar.bulk.title');
  return (
    <Box
      tag="form"
      aria-label={title}
      background="neutral0"
      padding={6}
      shadow="tableShadow"
      hasRadius
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        setBusy(true);
        setResult(null);
        const overrides = [...off.dates.map((date) => ({ date, working: false })), ...on.dates.map((date) => ({ date, working: true }))];
        api(SET_OVERRIDES, { overrides, note })
          .then(() => {
            setResult({ ok: true, text: t('calendar.bulk.saved', { year: y, holidays: off.dates.length, workdays: on.dates.length }) });
            setHolidays('');
            setWorkdays('');
            props.onSaved();
          })
          .catch((err: Error) => setResult({ ok: false, text: err.message }))
          .finally(() => setBusy(false));
      }}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('action.rule', { rule: t('calendar.bulk.rule') })}
        </Typography>
        <Field.Root name="calendar-year" required>
          <Field.Label>{t('calendar.bulk.year')}</Field.Label>
          <Field.Input value={year} inputMode="numeric" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setYear(e.target.value)} />
        </Field.Root>
        <Field.Root name="calendar-holidays" hint={t('calendar.bulk.hint')}>
          <Field.Label>{t('calendar.bulk.holidays')}</Field.Label>
          <Textarea value={holidays} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setHolidays(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Field.Root name="calendar-workdays">
          <Field.Label>{t('calendar.bulk.workdays')}</Field.Label>
          <Textarea value={workdays} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setWorkdays(e.target.value)} />
        </Field.Root>
        <Field.Root name="calendar-note" required>
          <Field.Label>{t('calendar.bulk.note')}</Field.Label>
          <Field.Input value={note} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNote(e.target.value)} />
        </Field.Root>
        <Box background="primary100" padding={3} hasRadius aria-label={t('calendar.bulk.preview')} tag="section">
          <Typography textColor="primary700" tag="p">
            {t('calendar.bulk.previewCounts', { holidays: off.dates.length, workdays: on.dates.length })}
          </Typography>
          {off.dates.length > 0 ? <Typography tag="p">{t('calendar.bulk.previewHolidays', { dates: off.dates.join('、') })}</Typography> : null}
          {on.dates.length > 0 ? <Typography tag="p">{t('calendar.bulk.previewWorkdays', { dates: on.dates.join('、') })}</Typography> : null}
          <Typography textColor="primary700" tag="p">
            {t('action.effect', { effect: t('calendar.bulk.effect') })}
          </Typography>
        </Box>
        {invalid.length > 0 ? (
          <Typography textColor="danger600" role="alert">
            {t('calendar.bulk.invalid', { text: invalid.join('、') })}
          </Typography>
        ) : null}
        {both.length > 0 ? (
          <Typography textColor="danger600" role="alert">
            {t('calendar.bulk.both', { dates: both.join('、') })}
          </Typography>
        ) : null}
        {result ? (
          <Typography textColor={result.ok ? 'success600' : 'danger600'} role={result.ok ? 'status' : 'alert'}>
            {result.text}
          </Typography>
        ) : null}
        <Flex>
          <Button type="submit" loading={busy} disabled={!ready}>
            {t('calendar.bulk.confirm')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}

/** A month of the calendar, as the api counts it (overrides > State Council schedule > Monday–Friday). */
function MonthView() {
  const t = useT();
  const api = useApi();
  const now = new Date();
  const [month, setMonth] = React.useState({ year: now.getFullYear(), month: now.getMonth() + 1 });
  const [days, setDays] = React.useState<Array<{ date: string; working: boolean }> | null>(null);
  React.useEffect(() => {
    const controller = new AbortController();
    const { query, dates } = monthQuery(month.year, month.month);
    setDays(null);
    api<{ calendar: Record<string, boolean> }>(query, {}, controller.signal)
      .then((d) => setDays(dates.map((date, i) => ({ date, working: d.calendar[`d${i + 1}`] === true }))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api, month]);
  const move = (delta: number) => setMonth((m) => {
    const i = m.year * 12 + (m.month - 1) + delta;
    return { year: Math.floor(i / 12), month: (i % 12) + 1 };
  });
  const label = t('calendar.month', { year: month.year, month: month.month });
  const firstWeekday = new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay();
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('calendar.monthView')}>
      <Flex gap={3} paddingBottom={3}>
        <Button type="button" variant="tertiary" onClick={() => move(-1)}>
          {t('calendar.prev')}
        </Button>
        <Typography variant="delta" tag="h2">
          {label}
        </Typography>
        <Button type="button" variant="tertiary" onClick={() => move(1)}>
          {t('calendar.next')}
        </Button>
      </Flex>
      <Box tag="ul" aria-label={label} style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 4, listStyle: 'none', padding: 0 }}>
        {days?.map((d, i) => (
          <Box
            tag="li"
            key={d.date}
            padding={2}
            hasRadius
            background={d.working ? 'neutral100' : 'danger100'}
            aria-label={t(d.working ? 'calendar.dayWorking' : 'calendar.dayOff', { date: d.date })}
            style={i === 0 ? { gridColumnStart: firstWeekday + 1 } : undefined}
          >
            <Typography textColor={d.working ? 'neutral800' : 'danger700'}>
              {Number(d.date.slice(8))} {t(d.working ? 'calendar.working' : 'calendar.off')}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function OverrideTable({ overrides }: { overrides: Override[] }) {
  const t = useT();
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('calendar.overrides')}>
      <Typography variant="delta" tag="h2">
        {t('calendar.overrides')}
      </Typography>
      {overrides.length === 0 ? (
        <Typography textColor="neutral600">{t('calendar.noOverrides')}</Typography>
      ) : (
        <Table colCount={3} rowCount={overrides.length + 1}>
          <Thead>
            <Tr>
              <Th>{t('calendar.col.date')}</Th>
              <Th>{t('calendar.col.kind')}</Th>
              <Th>{t('calendar.col.note')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {overrides.map((o) => (
              <Tr key={o.date}>
                <Td>
                  <Typography>{o.date}</Typography>
                </Td>
                <Td>
                  <Typography>{t(o.working ? 'calendar.working' : 'calendar.off')}</Typography>
                </Td>
                <Td>
                  <Typography>{o.note}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Box>
  );
}
