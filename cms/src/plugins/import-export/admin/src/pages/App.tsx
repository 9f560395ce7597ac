// 导入导出: the specialist uploads their department's list, reads the dry-run preview (what would be
// created, updated, left alone, and which rows are rejected and why), confirms, and reads the summary;
// or exports the list. The department comes from the user's role on the server; only the office
// (or someone responsible for several departments) gets a department choice.
import * as React from 'react';
import { Alert, Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { BASE, serverMessage, type DepartmentRef, type ExportFormat, type ImportResult, type PageContext, type Preview } from '../api';
import { Counts } from '../components/Counts';
import { Issues } from '../components/Issues';
import { useT, type MessageKey } from '../utils/useT';

type ImportState =
  | { step: 'choose' }
  | { step: 'previewing' }
  | { step: 'preview'; preview: Preview; busy: boolean }
  | { step: 'done'; result: ImportResult };

const FILE_INPUT_ID = 'import-export-file';
const FORMATS: ExportFormat[] = ['xlsx', 'csv', 'json'];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box tag="section" aria-label={title} background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="beta" tag="h2">
          {title}
        </Typography>
        {children}
      </Flex>
    </Box>
  );
}

const App = () => {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [context, setContext] = React.useState<PageContext | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [department, setDepartment] = React.useState<string | undefined>(undefined);
  const [locale, setLocale] = React.useState('zh-Hans');
  const [file, setFile] = React.useState<File | null>(null);
  const [state, setState] = React.useState<ImportState>({ step: 'choose' });
  const [error, setError] = React.useState<string | null>(null);
  const [format, setFormat] = React.useState<ExportFormat>('xlsx');
  const [exporting, setExporting] = React.useState(false);
  const fileInput = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    get<{ data: PageContext }>(`${BASE}/context`).then(
      ({ data }) => {
        setContext(data.data);
        if (!data.data.canChooseDepartment) setDepartment(data.data.departments[0]?.code);
      },
      (e: unknown) => setLoadError(serverMessage(e) ?? t('error.unknown')),
    );
    // The context is read once per visit.
  }, []);

  const fail = (e: unknown) => {
    const message = serverMessage(e) ?? t('error.unknown');
    setError(message);
    toggleNotification({ type: 'danger', message });
  };

  const departmentName = (code: string | undefined): string => context?.departments.find((d: DepartmentRef) => d.code === code)?.name ?? code ?? '';

  const upload = async () => {
    if (!file) {
      setError(t('import.chooseFile'));
      return;
    }
    const limitMb = (context?.maxUploadBytes ?? 0) / 1024 / 1024;
    if (context && file.size > context.maxUploadBytes) {
      // Said before sending: far larger files would meet the server's general body limit first,
      // whose answer is not the page's sentence.
      setError(t('import.tooLarge', { actual: (file.size / 1024 / 1024).toFixed(1), size: limitMb }));
      return;
    }
    setError(null);
    setState({ step: 'previewing' });
    const form = new FormData();
    form.append('file', file, file.name);
    if (department && context?.canChooseDepartment) form.append('department', department);
    form.append('locale', locale);
    form.append('publish', 'false');
    try {
      const { data } = await post<{ data: Preview }>(`${BASE}/imports`, form);
      setState({ step: 'preview', preview: data.data, busy: false });
    } catch (e) {
      setState({ step: 'choose' });
      fail(e);
    }
  };

  const setPublish = async (preview: Preview, publish: boolean) => {
    setState({ step: 'preview', preview: { ...preview, publish }, busy: true });
    try {
      const { data } = await post<{ data: Preview }>(`${BASE}/imports/${preview.id}/preview`, { publish });
      setState({ step: 'preview', preview: data.data, busy: false });
    } catch (e) {
      setState({ step: 'preview', preview, busy: false });
      fail(e);
    }
  };

  const confirm = async (preview: Preview) => {
    setError(null);
    setState({ step: 'preview', preview, busy: true });
    try {
      const { data } = await post<{ data: ImportResult }>(`${BASE}/imports/${preview.id}/confirm`, {});
      setState({ step: 'done', result: data.data });
      toggleNotification({ type: 'success', message: t('summary.title') });
    } catch (e) {
      setState({ step: 'choose' });
      fail(e);
    }
  };

  const restart = () => {
    setState({ step: 'choose' });
    setFile(null);
    setError(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const download = async () => {
    setExporting(true);
    setError(null);
    try {
      const params = { format, locale, ...(department && context?.canChooseDepartment ? { department } : {}) };
      const response = await get<Blob>(`${BASE}/export`, { params, responseType: 'blob', validateStatus: () => true });
      if (response.status !== undefined && response.status >= 400) {
        // The error body is JSON even though a file was asked for.
        throw { response: { data: JSON.parse(await response.data.text()) as unknown } };
      }
      const fileName = `${t('export.fileName', { department: departmentName(department) })}.${format}`;
      const url = URL.createObjectURL(response.data);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      toggleNotification({ type: 'success', message: t('export.done', { fileName }) });
    } catch (e) {
      fail(e);
    } finally {
      setExporting(false);
    }
  };

  if (loadError) {
    return (
      <Page.Main>
        <Layouts.Content>
          <Alert variant="danger" title={t('error.title')} closeLabel="×">
            {t('page.loadError', { message: loadError })}
          </Alert>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!context) return <Page.Loading />;

  const needsDepartment = context.canChooseDepartment && !department;
  const previewing = state.step === 'previewing';

  return (
    <Page.Main>
      <Page.Title>{t('page.title')}</Page.Title>
      <Layouts.Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Flex gap={6} alignItems="flex-end" wrap="wrap">
            {context.canChooseDepartment ? (
              <Box minWidth="280px">
                <Field.Root name="department">
                  <Field.Label>{t('department.label')}</Field.Label>
                  <SingleSelect
                    value={department}
                    placeholder={t('department.placeholder')}
                    onChange={(value: string | number) => {
                      setDepartment(String(value));
                      restart();
                    }}
                  >
                    {context.departments.map((d) => (
                      <SingleSelectOption key={d.code} value={d.code}>
                        {d.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
            ) : (
              <Typography variant="delta" tag="p">
                {t('department.own', { name: departmentName(department) })}
              </Typography>
            )}
            <Box minWidth="200px">
              <Field.Root name="locale">
                <Field.Label>{t('locale.label')}</Field.Label>
                <SingleSelect value={locale} onChange={(value: string | number) => setLocale(String(value))}>
                  {context.locales.map((l) => (
                    <SingleSelectOption key={l} value={l}>
                      {t(`locale.${l}` as MessageKey)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
          </Flex>

          {error && (
            <Alert variant="danger" title={t('error.title')} closeLabel="×" onClose={() => setError(null)}>
              {error}
            </Alert>
          )}

          <Section title={t('import.title')}>
            <Typography textColor="neutral600">{t('import.hint', { size: context.maxUploadBytes / 1024 / 1024 })}</Typography>
            {(state.step === 'choose' || state.step === 'previewing') && (
              <Flex gap={4} alignItems="flex-end" wrap="wrap">
                <Field.Root name="file" id={FILE_INPUT_ID}>
                  <Field.Label>{t('import.file.label')}</Field.Label>
                  <input
                    ref={fileInput}
                    id={FILE_INPUT_ID}
                    type="file"
                    accept=".xlsx,.csv,.json"
                    onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  />
                </Field.Root>
                <Button size="L" onClick={() => void upload()} loading={previewing} disabled={previewing || needsDepartment || !file}>
                  {previewing ? t('import.previewing') : t('import.preview')}
                </Button>
              </Flex>
            )}

            {state.step === 'preview' && (
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h3">
                  {t('preview.title')}
                </Typography>
                <Typography textColor="neutral600">
                  {t('preview.file', { fileName: state.preview.fileName, department: state.preview.department.name, locale: state.preview.locale })}
                  {' · '}
                  {t('preview.expires', { time: new Date(state.preview.expiresAt).toLocaleTimeString() })}
                </Typography>
                <Counts result={state.preview} />
                <Issues result={state.preview} />
                <Box>
                  <Checkbox
                    checked={state.preview.publish}
                    disabled={state.busy}
                    onCheckedChange={(checked: boolean | 'indeterminate') => void setPublish(state.preview, checked === true)}
                  >
                    {t('publish.label')}
                  </Checkbox>
                  <Typography variant="pi" textColor="neutral600">
                    {t('publish.hint')}
                  </Typography>
                </Box>
                <Flex gap={2}>
                  <Button
                    onClick={() => void confirm(state.preview)}
                    loading={state.busy}
                    disabled={state.busy || state.preview.created + state.preview.updated === 0}
                  >
                    {state.busy ? t('confirm.importing') : t('confirm.button')}
                  </Button>
                  <Button variant="tertiary" onClick={restart} disabled={state.busy}>
                    {t('cancel.button')}
                  </Button>
                </Flex>
                {state.preview.created + state.preview.updated === 0 && <Typography textColor="neutral600">{t('confirm.nothing')}</Typography>}
              </Flex>
            )}

            {state.step === 'done' && (
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Alert variant="success" title={t('summary.title')} closeLabel="×" onClose={restart}>
                  {t('summary.text', {
                    total: state.result.total,
                    created: state.result.created,
                    updated: state.result.updated,
                    unchanged: state.result.unchanged,
                    rejected: state.result.rejected,
                  })}{' '}
                  {state.result.publish ? t('summary.published') : t('summary.drafts')}
                </Alert>
                <Counts result={state.result} />
                {state.result.issues.length > 0 && <Issues result={state.result} />}
                <Box>
                  <Button variant="secondary" onClick={restart}>
                    {t('cancel.button')}
                  </Button>
                </Box>
              </Flex>
            )}
          </Section>

          <Section title={t('export.title')}>
            <Typography textColor="neutral600">{t('export.hint')}</Typography>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Box minWidth="160px">
                <Field.Root name="format">
                  <Field.Label>{t('export.format.label')}</Field.Label>
                  <SingleSelect value={format} onChange={(value: string | number) => setFormat(String(value) as ExportFormat)}>
                    {FORMATS.map((f) => (
                      <SingleSelectOption key={f} value={f}>
                        {f.toUpperCase()}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Button size="L" variant="secondary" onClick={() => void download()} loading={exporting} disabled={exporting || needsDepartment}>
                {exporting ? t('export.exporting') : t('export.button')}
              </Button>
            </Flex>
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default App;
