// The monthly report as PDF: the same self-contained HTML page (charts as SVG images) printed on A4
// by headless Chromium through playwright-core, which drives the system's Chromium (CHROMIUM_PATH;
// Debian's `chromium` with `fonts-noto-cjk` in the image) and downloads nothing. The page is our own
// HTML given with setContent, nothing remote, so Chromium runs without its sandbox (containers rarely
// allow the user namespaces it needs). One browser per PDF: a report is printed a few times a month.
import { access, constants } from 'node:fs/promises';
import { PdfUnavailableError } from '../../errors/index.ts';

export interface PdfOptions {
  chromiumPath: string;
  /** The whole render, launch included. */
  timeoutMs: number;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

// One Chromium at a time per process: a request may name monthlyReportFile(format: PDF) under a thousand
// aliases, and each render launches a browser. Waiting in this queue counts towards the render's timeout.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

export async function printReportPdf(html: string, opts: PdfOptions): Promise<Buffer> {
  try {
    await access(opts.chromiumPath, constants.X_OK);
  } catch (cause) {
    throw new PdfUnavailableError(`服务器未安装 Chromium（${opts.chromiumPath}），暂时无法生成 PDF；请下载 HTML 后用浏览器打印，或请管理员设置 CHROMIUM_PATH。`, 'chromium_missing', { cause });
  }
  const { chromium } = await import('playwright-core');
  const deadline = Date.now() + opts.timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled = false;
  const render = async (): Promise<Buffer> => {
    const launched = await chromium.launch({ executablePath: opts.chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: left() });
    // Launched after the timeout fired: nobody waits for it any more.
    if (settled) {
      await launched.close().catch(() => {});
      throw new Error('launched after the deadline');
    }
    browser = launched;
    const page = await browser.newPage();
    page.setDefaultTimeout(left());
    await page.setContent(html, { waitUntil: 'load', timeout: left() });
    return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  };
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfUnavailableError(`PDF 生成超时（${Math.round(opts.timeoutMs / 1000)} 秒），请稍后重试。`, 'timeout')), opts.timeoutMs);
  });
  try {
    // The browser is closed before the next render in the queue launches its own.
    const rendering = oneAtATime(async () => {
      if (settled) throw new Error('timed out while queued');
      try {
        return await render();
      } finally {
        await browser?.close().catch(() => {});
      }
    });
    rendering.catch(() => {}); // a render that loses the race must not become an unhandled rejection
    return await Promise.race([rendering, expired]);
  } catch (err) {
    if (err instanceof PdfUnavailableError) throw err;
    throw new PdfUnavailableError('PDF 生成失败，请稍后重试；HTML 版本可照常下载和打印。', 'render_failed', { cause: err });
  } finally {
    settled = true;
    clearTimeout(timer);
    await browser?.close().catch(() => {});
  }
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../../graphql/context.ts' {
  interface ApiServices {
    /** The monthly report as PDF: headless Chromium (CHROMIUM_PATH) and the render's timeout. */
    reportPdf: PdfOptions;
  }
}
