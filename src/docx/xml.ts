// A minimal XML tokenizer for WordprocessingML: start and end tags with their attributes, and
// text with the predefined and numeric entities decoded. Comments, processing instructions and a
// DOCTYPE are skipped; entities a DOCTYPE declares are never expanded (so no entity bombs).
// Nesting is checked, so a truncated or mangled part is reported rather than half read.

import { checkDeadline } from '../core/deadline.js';

/** Longest reason kept: a tag name read from binary can run to megabytes. */
const REASON_MAX = 120;

export class XmlError extends Error {
  constructor(reason: string) {
    // Names in a reason come from the file: only printable characters are kept (binary, control and
    // invisible ones become "?"), and a long one is cut in the middle, its closing words kept.
    const shown = reason.replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, '?');
    super(shown.length > REASON_MAX ? `${shown.slice(0, REASON_MAX - 12)}…${shown.slice(-8)}` : shown);
    this.name = 'XmlError';
  }
}

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|lt|gt|amp|quot|apos);/g, (m, body: string) => {
    if (body[0] !== '#') return NAMED[body];
    const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

function expectIndex(i: number, what: string): number {
  if (i < 0) throw new XmlError(`XML 不完整（${what}没有结束）`);
  return i;
}

/**
 * Word nests a table in a cell in a paragraph some tens of levels deep; a part nested deeper is built
 * to exhaust memory (a 71 KB .docx of nested <w:p> took 1.38 GB before this bound).
 */
export const MAX_DEPTH = 1000;

/** The tokens of a document, in order. Throws XmlError on a malformed document. */
export function* tokenize(xml: string): Generator<XmlToken> {
  const open: string[] = [];
  let i = 0;
  const n = xml.length;
  for (let k = 0; i < n; k++) {
    // The document's time budget (parse-input.ts), looked at now and then: it costs a clock read.
    if ((k & 4095) === 0) checkDeadline();
    if (xml[i] !== '<') {
      const j = xml.indexOf('<', i);
      const end = j < 0 ? n : j;
      yield { kind: 'text', text: decodeEntities(xml.slice(i, end)) };
      i = end;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      i = expectIndex(xml.indexOf('-->', i + 4), '注释') + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const j = expectIndex(xml.indexOf(']]>', i + 9), 'CDATA');
      yield { kind: 'text', text: xml.slice(i + 9, j) };
      i = j + 3;
    } else if (xml.startsWith('<?', i)) {
      i = expectIndex(xml.indexOf('?>', i + 2), '处理指令') + 2;
    } else if (xml.startsWith('<!', i)) {
      // A DOCTYPE, possibly with an internal subset in brackets: skipped, never interpreted.
      // The bracket is looked for only up to the first '>' (never to the end of the part, which made
      // a part of `<!x>` repeated quadratic); every search starts where the last one ended.
      const gt = expectIndex(xml.indexOf('>', i), 'DOCTYPE');
      const bracket = xml.slice(i, gt).indexOf('[');
      if (bracket >= 0) i = expectIndex(xml.indexOf(']', i + bracket), 'DOCTYPE') + 1;
      else i = gt;
      i = expectIndex(xml.indexOf('>', i), 'DOCTYPE') + 1;
    } else if (xml[i + 1] === '/') {
      const j = expectIndex(xml.indexOf('>', i), '结束标签');
      const name = xml.slice(i + 2, j).trim();
      if (open.pop() !== name) throw new XmlError(`XML 结构错误（</${name}> 与开始标签不匹配）`);
      yield { kind: 'close', name };
      i = j + 1;
    } else {
      const t = readStartTag(xml, i);
      if (!t.token.selfClosing) {
        open.push(t.token.name);
        if (open.length > MAX_DEPTH) throw new XmlError(`XML 嵌套超过 ${MAX_DEPTH} 层，不像是一份正常的文件`);
      }
      yield t.token;
      i = t.next;
    }
  }
  if (open.length) throw new XmlError(`XML 不完整（<${open[open.length - 1]}> 没有结束）`);
}

function readStartTag(xml: string, start: number): { token: XmlToken & { kind: 'open' }; next: number } {
  let i = start + 1;
  const n = xml.length;
  while (i < n && !isSpace(xml[i]) && xml[i] !== '>' && xml[i] !== '/') i++;
  const name = xml.slice(start + 1, i);
  if (!name) throw new XmlError('XML 结构错误（空的标签名）');
  const attrs: Record<string, string> = {};
  for (;;) {
    while (i < n && isSpace(xml[i])) i++;
    if (i >= n) throw new XmlError(`XML 不完整（<${name}> 没有结束）`);
    if (xml[i] === '>') return { token: { kind: 'open', name, attrs, selfClosing: false }, next: i + 1 };
    if (xml[i] === '/' && xml[i + 1] === '>') return { token: { kind: 'open', name, attrs, selfClosing: true }, next: i + 2 };
    const eq = xml.indexOf('=', i);
    if (eq < 0) throw new XmlError(`XML 结构错误（<${name}> 的属性）`);
    const attr = xml.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && isSpace(xml[q])) q++;
    const quote = xml[q];
    if (!attr || /[\s<>/]/.test(attr) || (quote !== '"' && quote !== "'")) throw new XmlError(`XML 结构错误（<${name}> 的属性）`);
    const close = expectIndex(xml.indexOf(quote, q + 1), '属性值');
    attrs[attr] = decodeEntities(xml.slice(q + 1, close));
    i = close + 1;
  }
}
