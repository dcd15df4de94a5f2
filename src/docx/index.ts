// The Word front end: the bytes of a .docx in, the text of its main document out (tables as
// tab-separated rows), for the parser to read like any text layer. A legacy .doc, an encrypted
// document or a damaged archive is refused with a reason in Chinese.
import { documentText } from './document-text.js';
import { XmlError } from './xml.js';
import { DEFAULT_ZIP_LIMITS, openZip, ZipError, type ZipArchive, type ZipLimits } from './zip.js';

/** A Word file that cannot be read; `legacy` when it is the old binary .doc format. */
export class WordError extends Error {
  constructor(reason: string, readonly legacy = false) {
    super(reason);
    this.name = 'WordError';
  }
}

/** The OLE2 compound file signature: a legacy .doc, or an encrypted .docx wrapped in one. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
/** The stream name an encrypted OOXML package keeps inside its compound file (UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const MAIN_TYPE = /^application\/vnd\.ms-word\.(document|template)\.macroEnabled\.main\+xml$|^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.(document|template)\.main\+xml$/;

/**
 * Each tag of a part, from a '<' to the next '>', found in one pass. (A regular expression over the
 * whole part restarted at every '<' and read on to the end when no '>' followed: a few KB zipped of
 * `<Override` repeated took 121 s.) A tag is cut at a '<' inside it, so the attribute patterns below
 * only ever see one tag's text, each character once.
 */
function* tagsOf(xml: string): Generator<string> {
  for (let i = xml.indexOf('<'); i >= 0; ) {
    const gt = xml.indexOf('>', i);
    if (gt < 0) return;
    const lt = xml.lastIndexOf('<', gt);
    yield xml.slice(lt, gt + 1);
    i = xml.indexOf('<', gt);
  }
}

/** The main document part: named by [Content_Types].xml, else where Word puts it. */
function mainPart(zip: ZipArchive): string {
  if (zip.has('[Content_Types].xml')) {
    const types = zip.read('[Content_Types].xml').toString('utf8');
    for (const tag of tagsOf(types)) {
      // An Override is a hundred-odd characters; a longer one is not read (its attributes could be pumped).
      if (tag.length > 4096 || !/^<(?:\w+:)?Override\b/.test(tag)) continue;
      const part = /PartName\s*=\s*"([^"]*)"/.exec(tag)?.[1];
      const type = /ContentType\s*=\s*"([^"]*)"/.exec(tag)?.[1];
      if (part && type && MAIN_TYPE.test(type)) return part.replace(/^\//, '');
    }
  }
  if (zip.has('word/document.xml')) return 'word/document.xml';
  throw new WordError('压缩包里没有 Word 正文（word/document.xml），不是 .docx 文件');
}

function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export const LEGACY_DOC = '旧版 Word .doc 格式暂不支持，请另存为 .docx 或 PDF';

export interface DocxOptions {
  /** The file is named .doc: unless it turns out to be a .docx, it is the legacy format (binary, RTF or HTML). */
  doc?: boolean;
  limits?: ZipLimits;
}

export function docxToText(bytes: Buffer, { doc = false, limits = DEFAULT_ZIP_LIMITS }: DocxOptions = {}): string {
  if (bytes.length === 0) throw new WordError('文件为空');
  if (bytes.subarray(0, 8).equals(OLE)) {
    if (bytes.includes(ENCRYPTED_PACKAGE)) throw new WordError('文件有密码保护（已加密），请去掉密码后另存为 .docx 或 PDF');
    throw new WordError(LEGACY_DOC, true);
  }
  if (!bytes.subarray(0, 4).equals(ZIP)) {
    if (doc) throw new WordError(LEGACY_DOC, true);
    throw new WordError('不是 .docx 文件（不是 ZIP 压缩包，可能已损坏）');
  }
  try {
    const zip = openZip(bytes, limits);
    return documentText(decodeXml(zip.read(mainPart(zip))));
  } catch (err) {
    if (err instanceof ZipError || err instanceof XmlError) throw new WordError(err.message);
    throw err;
  }
}
