// The actions of 第七–十条 on a petition, each with its fields, the rule it applies and its effect on
// the due date, shown before the staff member confirms. The api decides; a refusal comes back as a
// coded error shown beside the form, and nothing changes.
import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, Radio, Textarea, Typography } from '@strapi/design-system';
import type { StaffRole } from '../session/StaffSession';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { ACTIONS, CATEGORIES, CATEGORY_WORKING_DAYS, DEPARTMENTS, DUE_PREVIEW, REFUSAL_REASONS, SEARCH_ITEMS, shanghaiDate, shortDate, type ActionName, type Category, type PetitionDetail, type PolicyHit } from './queries';

type T = ReturnType<typeof useT>;

interface Props {
  petition: PetitionDetail;
  role: StaffRole;
  onChange(p: PetitionDetail): void;
}

/** Which actions a role may take in which state (the api enforces the same; this only hides the rest). */
function actionsFor(role: StaffRole, status: string): string[] {
  if (role === 'office') {
    if (status === 'RECEIVED') return ['accept', 'requestMaterials', 'refuse', 'market', 'note'];
    if (status === 'AWAITING_MATERIALS') return ['supplyMaterials', 'note'];
    if (status === 'IN_HANDLING' || status === 'ESCALATED') return ['assign', 'expert', 'finalAnswer', 'reclassify', 'note'];
    return ['note'];
  }
  if (role === 'department' && (status === 'IN_HANDLING' || status === 'ESCALATED')) return ['departmentAnswer', 'note'];
  return [];
}

export function PetitionActions(props: Props) {
  const t = useT();
  const api = useApi();
  const [done, setDone] = React.useState<string | null>(null);
  const actions = actionsFor(props.role, props.petition.status);
  if (actions.length === 0) return done ? <Done text={done} /> : null;

  const run = async (name: ActionName, label: string, variables: Record<string, unknown>) => {
    const data = await api<Record<string, PetitionDetail>>(ACTIONS[name], { id: props.petition.id, ...variables });
    setDone(t('action.done', { action: label }));
    props.onChange(data[name]!);
  };
  const shared = { petition: props.petition, run, t };
  return (
    <Flex direction="column" alignItems="stretch" gap={4} tag="section" aria-label={t('action.section')}>
      {done ? <Done text={done} /> : null}
      {actions.map((a) => {
        switch (a) {
          case 'accept':
            return <ClassifyForm key={a} {...shared} mode="accept" />;
          case 'reclassify':
            return <ClassifyForm key={a} {...shared} mode="reclassify" />;
          case 'requestMaterials':
            return <TextAction key={a} {...shared} action="requestMaterials" id="requestMaterials" field="note" />;
          case 'supplyMaterials':
            return <TextAction key={a} {...shared} action="supplyMaterials" id="supplyMaterials" field="note" />;
          case 'note':
            return <TextAction key={a} {...shared} action="addPetitionNote" id="note" field="note" />;
          case 'departmentAnswer':
            return <TextAction key={a} {...shared} action="answerAsDepartment" id="departmentAnswer" field="answer" />;
          case 'refuse':
            return <RefuseForm key={a} {...shared} />;
          case 'market':
            return <MarketForm key={a} {...shared} />;
          case 'assign':
            return <AssignForm key={a} {...shared} />;
          case 'expert':
            return <ExpertForm key={a} {...shared} />;
          case 'finalAnswer':
            return <FinalAnswerForm key={a} {...shared} />;
          default:
            return null;
        }
      })}
    </Flex>
  );
}

function Done({ text }: { text: string }) {
  return (
    <Box background="success100" padding={4} hasRadius role="status">
      <Typography textColor="success700">{text}</Typography>
    </Box>
  );
}

interface Shared {
  petition: PetitionDetail;
  run(name: ActionName, label: string, variables: Record<string, unknown>): Promise<void>;
  t: T;
}

/** One action: its title, the rule and the effect on the due date, the fields, and the confirm button. */
function ActionForm(props: { id: string; t: T; effect: React.ReactNode; submit(): Promise<void>; disabled?: boolean; children: React.ReactNode }) {
  const { t } = props;
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const title = t(`action.${props.id}.title`);
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
        setError(null);
        props
          .submit()
          .catch((err: Error) => setError(err.message))
          .finally(() => setBusy(false));
      }}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('action.rule', { rule: t(`action.${props.id}.rule`) })}
        </Typography>
        {props.children}
        <Box background="primary100" padding={3} hasRadius>
          <Typography textColor="primary700">{t('action.effect', { effect: '' })}</Typography>
          <Typography textColor="primary700">{props.effect}</Typography>
        </Box>
        {error ? (
          <Typography textColor="danger600" role="alert">
            {error}
          </Typography>
        ) : null}
        <Flex>
          <Button type="submit" loading={busy} disabled={props.disabled}>
            {t(`action.${props.id}.confirm`)}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}

function TextAction(props: Shared & { action: ActionName; id: string; field: string }) {
  const { t } = props;
  const [text, setText] = React.useState('');
  return (
    <ActionForm
      id={props.id}
      t={t}
      effect={t(`action.${props.id}.effect`)}
      disabled={text.trim() === ''}
      submit={async () => {
        await props.run(props.action, t(`action.${props.id}.title`), { [props.field]: text });
        setText('');
      }}
    >
      <Field.Root name={props.id} required>
        <Field.Label>{t(`action.${props.id}.field`)}</Field.Label>
        <Textarea value={text} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} />
      </Field.Root>
    </ActionForm>
  );
}

/** 第七、十条: accept with a category, or reclassify; the due date is counted from the original receipt. */
function ClassifyForm(props: Shared & { mode: 'accept' | 'reclassify' }) {
  const { t, petition } = props;
  const api = useApi();
  const [category, setCategory] = React.useState<Category | ''>('');
  const [reason, setReason] = React.useState('');
  const [due, setDue] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (!category) return setDue(null);
    const controller = new AbortController();
    // The same count as the api's computeDue: N working days (plus those paused, 第八条) after the receipt day.
    api<{ calendar: { addWorkingDays: string } }>(DUE_PREVIEW, { from: shanghaiDate(petition.receivedAt), days: CATEGORY_WORKING_DAYS[category] + petition.pausedWorkingDays }, controller.signal)
      .then((d) => setDue(d.calendar.addWorkingDays))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api, category, petition.receivedAt, petition.pausedWorkingDays]);
  const id = props.mode;
  return (
    <ActionForm
      id={id}
      t={t}
      disabled={!category || (props.mode === 'reclassify' && reason.trim() === '')}
      effect={
        category && due
          ? t(`action.${id}.effectDue`, { category: t(`category.${category}`), days: CATEGORY_WORKING_DAYS[category], date: shortDate(due), received: shortDate(shanghaiDate(petition.receivedAt)) })
          : t(`action.${id}.effect`)
      }
      submit={() => props.run(props.mode === 'accept' ? 'acceptPetition' : 'reclassifyPetition', t(`action.${id}.title`), props.mode === 'accept' ? { category } : { category, reason })}
    >
      <Field.Root name={`${id}-category`} required>
        <Field.Label>{t('action.category')}</Field.Label>
        <Radio.Group value={category} onValueChange={(v: string) => setCategory(v as Category)} aria-label={t('action.category')}>
          <Flex gap={4}>
            {CATEGORIES.filter((c) => c !== petition.category).map((c) => (
              <Radio.Item key={c} value={c}>
                {t('action.categoryOption', { category: t(`category.${c}`), days: CATEGORY_WORKING_DAYS[c] })}
              </Radio.Item>
            ))}
          </Flex>
        </Radio.Group>
      </Field.Root>
      {props.mode === 'reclassify' ? (
        <Field.Root name="reclassify-reason" required>
          <Field.Label>{t('action.reclassify.field')}</Field.Label>
          <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
        </Field.Root>
      ) : null}
    </ActionForm>
  );
}

/** 第九条: refuse with one of the four reasons and an explanation to the enterprise. */
function RefuseForm(props: Shared) {
  const { t } = props;
  const [reason, setReason] = React.useState('');
  const [explanation, setExplanation] = React.useState('');
  return (
    <ActionForm id="refuse" t={t} effect={t('action.refuse.effect')} disabled={!reason || explanation.trim() === ''} submit={() => props.run('refusePetition', t('action.refuse.title'), { reason, explanation })}>
      <Field.Root name="refuse-reason" required>
        <Field.Label>{t('action.refuse.reason')}</Field.Label>
        <Radio.Group value={reason} onValueChange={setReason} aria-label={t('action.refuse.reason')}>
          <Flex gap={4}>
            {REFUSAL_REASONS.map((r) => (
              <Radio.Item key={r} value={r}>
                {t(`refusal.${r}`)}
              </Radio.Item>
            ))}
          </Flex>
        </Radio.Group>
      </Field.Root>
      <Field.Root name="refuse-explanation" required>
        <Field.Label>{t('action.refuse.field')}</Field.Label>
        <Textarea value={explanation} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setExplanation(e.target.value)} />
      </Field.Root>
    </ActionForm>
  );
}

/** 第七条: a 市场类 matter: the referral, or why none is possible. */
function MarketForm(props: Shared) {
  const { t } = props;
  const [referral, setReferral] = React.useState('');
  const [explanation, setExplanation] = React.useState('');
  return (
    <ActionForm
      id="market"
      t={t}
      effect={t('action.market.effect')}
      disabled={referral.trim() === '' && explanation.trim() === ''}
      submit={() => props.run('closeAsMarketMatter', t('action.market.title'), { referral: referral.trim() || null, explanation: explanation.trim() || null })}
    >
      <Field.Root name="market-referral">
        <Field.Label>{t('action.market.referral')}</Field.Label>
        <Field.Input value={referral} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReferral(e.target.value)} />
      </Field.Root>
      <Field.Root name="market-explanation">
        <Field.Label>{t('action.market.explanation')}</Field.Label>
        <Textarea value={explanation} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setExplanation(e.target.value)} />
      </Field.Root>
    </ActionForm>
  );
}

/** 第七、十条: a lead department and co-departments. */
function AssignForm(props: Shared) {
  const { t } = props;
  const api = useApi();
  const [departments, setDepartments] = React.useState<Array<{ code: string; name: string }>>([]);
  const [lead, setLead] = React.useState('');
  const [co, setCo] = React.useState<string[]>([]);
  React.useEffect(() => {
    const controller = new AbortController();
    api<{ departments: Array<{ code: string; name: string }> }>(DEPARTMENTS, {}, controller.signal)
      .then((d) => setDepartments(d.departments.filter((x) => x.code !== 'office')))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api]);
  return (
    <ActionForm id="assign" t={t} effect={t('action.assign.effect')} disabled={!lead} submit={() => props.run('assignDepartments', t('action.assign.title'), { lead, co: co.filter((c) => c !== lead) })}>
      <Field.Root name="assign-lead" required>
        <Field.Label>{t('action.assign.lead')}</Field.Label>
        <Radio.Group value={lead} onValueChange={setLead} aria-label={t('action.assign.lead')}>
          <Flex gap={4} wrap="wrap">
            {departments.map((d) => (
              <Radio.Item key={d.code} value={d.code}>
                {d.name}
              </Radio.Item>
            ))}
          </Flex>
        </Radio.Group>
      </Field.Root>
      <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={t('action.assign.co')}>
        <Typography variant="pi" fontWeight="bold">
          {t('action.assign.co')}
        </Typography>
        <Flex gap={4} wrap="wrap">
          {departments
            .filter((d) => d.code !== lead)
            .map((d) => (
              <Checkbox key={d.code} checked={co.includes(d.code)} onCheckedChange={(v: boolean | 'indeterminate') => setCo((cur) => (v === true ? [...cur, d.code] : cur.filter((c) => c !== d.code)))}>
                {d.name}
              </Checkbox>
            ))}
        </Flex>
      </Flex>
    </ActionForm>
  );
}

/** 第十条: 综合类 — an expert's opinion on the record. */
function ExpertForm(props: Shared) {
  const { t } = props;
  const [expert, setExpert] = React.useState('');
  const [opinion, setOpinion] = React.useState('');
  return (
    <ActionForm
      id="expert"
      t={t}
      effect={t('action.expert.effect')}
      disabled={expert.trim() === '' || opinion.trim() === ''}
      submit={async () => {
        await props.run('recordExpertOpinion', t('action.expert.title'), { expert, opinion });
        setExpert('');
        setOpinion('');
      }}
    >
      <Field.Root name="expert-name" required>
        <Field.Label>{t('action.expert.name')}</Field.Label>
        <Field.Input value={expert} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setExpert(e.target.value)} />
      </Field.Root>
      <Field.Root name="expert-opinion" required>
        <Field.Label>{t('action.expert.field')}</Field.Label>
        <Textarea value={opinion} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setOpinion(e.target.value)} />
      </Field.Root>
    </ActionForm>
  );
}

/** 第七、十条: the consolidated answer, citing policy items picked through search. */
function FinalAnswerForm(props: Shared) {
  const { t, petition } = props;
  const api = useApi();
  const [text, setText] = React.useState('');
  const [override, setOverride] = React.useState('');
  const [query, setQuery] = React.useState('');
  const [hits, setHits] = React.useState<PolicyHit[]>([]);
  const [cited, setCited] = React.useState<PolicyHit[]>([]);
  React.useEffect(() => {
    const q = query.trim();
    if (q === '') return setHits([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ search: { edges: Array<{ node: PolicyHit }> } }>(SEARCH_ITEMS, { query: q }, controller.signal)
        .then((d) => setHits(d.search.edges.map((e) => e.node)))
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query]);
  const late = petition.remainingWorkingDays !== null && petition.remainingWorkingDays < 0;
  return (
    <ActionForm
      id="finalAnswer"
      t={t}
      effect={t(late ? 'action.finalAnswer.effectLate' : 'action.finalAnswer.effect')}
      disabled={text.trim() === ''}
      submit={() => props.run('sendFinalAnswer', t('action.finalAnswer.title'), { text, policyIds: cited.map((c) => c.documentId), overrideReason: override.trim() || null })}
    >
      <Field.Root name="final-text" required>
        <Field.Label>{t('action.finalAnswer.field')}</Field.Label>
        <Textarea value={text} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} />
      </Field.Root>
      <Field.Root name="final-search">
        <Field.Label>{t('action.finalAnswer.search')}</Field.Label>
        <Field.Input value={query} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)} autoComplete="off" />
      </Field.Root>
      <Box tag="ul" aria-label={t('action.finalAnswer.results')}>
        {hits.map((h) => (
          <Box tag="li" key={h.documentId} paddingBottom={1}>
            <Flex gap={2}>
              <Typography>
                {h.title}
                {h.department ? `（${h.department.name}）` : ''}
              </Typography>
              <Button
                type="button"
                variant="secondary"
                size="S"
                disabled={cited.some((c) => c.documentId === h.documentId)}
                aria-label={t('action.finalAnswer.cite', { title: h.title })}
                onClick={() => setCited((c) => [...c, h])}
              >
                {t('action.finalAnswer.citeShort')}
              </Button>
            </Flex>
          </Box>
        ))}
      </Box>
      <Box tag="ul" aria-label={t('action.finalAnswer.cited')}>
        {cited.map((h) => (
          <Box tag="li" key={h.documentId}>
            <Flex gap={2}>
              <Typography>{t('action.finalAnswer.citedItem', { title: h.title })}</Typography>
              <Button type="button" variant="tertiary" size="S" onClick={() => setCited((c) => c.filter((x) => x.documentId !== h.documentId))}>
                {t('action.finalAnswer.remove')}
              </Button>
            </Flex>
          </Box>
        ))}
      </Box>
      <Field.Root name="final-override" hint={t('action.finalAnswer.overrideHint')}>
        <Field.Label>{t('action.finalAnswer.override')}</Field.Label>
        <Field.Input value={override} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setOverride(e.target.value)} />
        <Field.Hint />
      </Field.Root>
    </ActionForm>
  );
}
