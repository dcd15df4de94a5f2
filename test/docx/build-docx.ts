// Builds .docx files in a test: a minimal ZIP writer (stored or deflated entries) and a small
// WordprocessingML writer for paragraphs and tables with merged cells. No Word involved, so each
// test says exactly what the file holds.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: string | Buffer;
  deflate?: boolean;
  /** Overrides of what the directory claims (for damaged or hostile archives). */
  declaredSize?: number;
  flags?: number;
}

/** A ZIP archive of the entries, local headers first, then the central directory. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? raw.length;
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at); // version needed
      h.writeUInt16LE((e.flags ?? 0) | 0x800, at + 2); // UTF-8 names
      h.writeUInt16LE(e.deflate ? 8 : 0, at + 4);
      h.writeUInt32LE(crc32(raw) >>> 0, at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export type CellSpec = string | { text?: string; span?: number; vMerge?: 'restart' | 'continue'; paras?: string[]; xml?: string };
export type Block = string | { xml: string } | { table: CellSpec[][]; gridBefore?: number[] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A paragraph of one run; tabs in the text become <w:tab/>. */
export const para = (text: string) => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>${text
  .split('\t')
  .map((t) => (t ? `<w:t xml:space="preserve">${esc(t)}</w:t>` : ''))
  .join('<w:tab/>')}</w:r></w:p>`;

function cellXml(c: CellSpec): string {
  const s = typeof c === 'string' ? { text: c } : c;
  const pr = [s.span && s.span > 1 ? `<w:gridSpan w:val="${s.span}"/>` : '', s.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : s.vMerge ? '<w:vMerge/>' : ''].join('');
  const body = s.xml ?? (s.paras ?? [s.text ?? '']).map(para).join('');
  return `<w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/>${pr}</w:tcPr>${body}</w:tc>`;
}

export function tableXml(rows: CellSpec[][], gridBefore: number[] = []): string {
  const trs = rows.map((r, i) => `<w:tr>${gridBefore[i] ? `<w:trPr><w:gridBefore w:val="${gridBefore[i]}"/></w:trPr>` : ''}${r.map(cellXml).join('')}</w:tr>`);
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1200"/></w:tblGrid>${trs.join('')}</w:tbl>`;
}

export function documentXml(blocks: Block[]): string {
  const body = blocks.map((b) => (typeof b === 'string' ? para(b) : 'xml' in b ? b.xml : tableXml(b.table, b.gridBefore))).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** A .docx of the blocks: [Content_Types].xml stored, word/document.xml deflated. */
export function docx(blocks: Block[] | string): Buffer {
  const xml = typeof blocks === 'string' ? blocks : documentXml(blocks);
  return zip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: 'word/document.xml', data: xml, deflate: true }]);
}
