// 月度报告 (第十二条): the leading group and the office read the month's report on screen, with its
// charts, and download it as HTML, PDF, XLSX or CSV (the same files as the report CLI, docs/report.md).
// The PDF is printed by the api with headless Chromium (A4, the same page); printing in the browser stays.
import * as React from 'react';
import { Box, Button, Field, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';

const REPORT_FILE = /* GraphQL */ `
  query WorkbenchReportFile($month: String!, $format: ReportFileFormat!) {
    monthlyReportFile(month: $month, format: $format) { filename mimeType contentBase64 }
  }
`;

type Format = 'HTML' | 'PDF' | 'XLSX' | 'CSV';

/** The api prints the PDF with Chromium (REPORT_PDF_TIMEOUT_MS, 30 s by default): wait a little longer than it. */
const PDF_TIMEOUT_MS = 45_000;
interface ReportFile {
  filename: string;
  mimeType: string;
  contentBase64: string;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The previous calendar month in Shanghai, YYYY-MM (the report's default, as in the CLI). */
function previousMonth(): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function ReportScreen() {
  const t = useT();
  const api = useApi();
  const [month, setMonth] = React.useState(previousMonth());
  const [shown, setShown] = React.useState<{ month: string; html: string } | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const frame = React.useRef<HTMLIFrameElement>(null);

  const fetchFile = async (format: Format) =>
    (await api<{ monthlyReportFile: ReportFile }>(REPORT_FILE, { month, format }, undefined, format === 'PDF' ? PDF_TIMEOUT_MS : undefined)).monthlyReportFile;
  const run = (what: string, job: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    job()
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(null));
  };
  const show = () =>
    run('show', async () => {
      const file = await fetchFile('HTML');
      setShown({ month, html: new TextDecoder().decode(bytesOf(file.contentBase64)) });
    });
  const download = (format: Format) =>
    run(format, async () => {
      const file = await fetchFile(format);
      const url = URL.createObjectURL(new Blob([bytesOf(file.contentBase64)], { type: file.mimeType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  return (
    <Page.Main>
      <Page.Title>{t('screen.report.title')}</Page.Title>
      <Layouts.Header title={t('screen.report.title')} subtitle={t('report.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="report-month" hint={t('report.monthHint')}>
                <Field.Label>{t('report.month')}</Field.Label>
                <Field.Input value={month} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMonth(e.target.value)} />
              </Field.Root>
              <Button type="button" loading={busy === 'show'} onClick={show}>
                {t('report.show')}
              </Button>
              {(['HTML', 'PDF', 'XLSX', 'CSV'] as const).map((f) => (
                <Button key={f} type="button" variant="secondary" loading={busy === f} onClick={() => download(f)}>
                  {t('report.download', { format: f })}
                </Button>
              ))}
              <Button type="button" variant="tertiary" disabled={!shown} onClick={() => frame.current?.contentWindow?.print()}>
                {t('report.print')}
              </Button>
            </Flex>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {t('report.pdfNote')}
            </Typography>
            {error ? (
              <Typography textColor="danger600" role="alert">
                {t('petitions.loadError', { message: error })}
              </Typography>
            ) : null}
          </Box>
          {shown ? (
            <Box background="neutral0" shadow="tableShadow" hasRadius>
              <iframe ref={frame} title={t('report.frame', { month: shown.month })} srcDoc={shown.html} sandbox="allow-modals allow-same-origin" style={{ width: '100%', height: '80vh', border: 0 }} />
            </Box>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
