// Structured logging: one JSON line per event on stderr. Every line passes through the redactor,
// so a secret never reaches a log, whatever an error message or a library put in it.

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Token shapes redacted even when not configured here (a token pasted into a question, say). A match
 * starts only where a run of token characters starts: scanning from inside a run is what made the
 * Discord shape quadratic to cubic on a long run (seconds for one 40,000-character message).
 */
const TOKEN_PATTERNS = [/xox[abposr]-[\w-]{8,}/g, /xapp-[\w-]{8,}/g, /(?<![\w-])[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}/g];

/** Any character outside ASCII: text without one is matched as it is. */
const NON_ASCII = /[^\x00-\x7f]/;
/** Format characters (zero-width space and joiners, soft hyphen, bidi marks): invisible, dropped before matching. */
const FORMAT = /^\p{Cf}$/u;

/**
 * The text as the patterns see it — each character NFKC-folded (full-width ｘｏｘｂ is xoxb), format
 * characters dropped — and, for each folded position, where it came from in the original. One pass,
 * character by character, so matching stays linear; only the matched spans of the original are
 * replaced, the rest of the text (an answer's full-width punctuation) is left exactly as it was.
 */
function fold(text: string): { folded: string; origin: number[] | null } {
  if (!NON_ASCII.test(text)) return { folded: text, origin: null };
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      folded += text[i];
      origin.push(i);
      i++;
      continue;
    }
    const width = unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length ? 2 : 1;
    const ch = text.slice(i, i + width);
    const n = foldChar(ch);
    folded += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
    i += width;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** One character folded; remembered, since a text repeats its characters (a bounded cache). */
const folds = new Map<string, string>();
function foldChar(ch: string): string {
  let n = folds.get(ch);
  if (n === undefined) {
    n = FORMAT.test(ch) ? '' : ch.normalize('NFKC');
    if (folds.size >= 4096) folds.clear();
    folds.set(ch, n);
  }
  return n;
}

export function createRedactor(secrets: string[]): (text: string) => string {
  const known = [...new Set(secrets.map((s) => fold(s).folded).filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    const { folded, origin } = fold(text);
    const spans: [number, number][] = [];
    for (const s of known) {
      for (let at = folded.indexOf(s); at >= 0; at = folded.indexOf(s, at + s.length)) spans.push([at, at + s.length]);
    }
    for (const re of TOKEN_PATTERNS) for (const m of folded.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
    if (!spans.length) return text;
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    // Folded positions back to the original's; overlapping spans (a secret of a token's shape) merged.
    const at = (i: number) => (origin ? origin[i] : i);
    let out = '';
    let done = 0;
    for (const [s, e] of spans) {
      const from = at(s);
      const to = at(e);
      if (to <= done) continue;
      if (from >= done) out += `${text.slice(done, from)}[REDACTED]`;
      done = to;
    }
    return out + text.slice(done);
  };
}

export interface Logger {
  (entry: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  secrets?: string[];
  level?: Level;
  write?: (line: string) => void;
}

export function createLogger({ secrets = [], level = 'info', write = (line) => void process.stderr.write(line) }: LoggerOptions = {}): Logger {
  const redact = createRedactor(secrets);
  const make = (base: Record<string, unknown>): Logger => {
    const log = ((entry: Record<string, unknown>) => {
      const lvl = (entry.level as Level) ?? 'info';
      if (RANK[lvl] < RANK[level]) return;
      write(`${redact(JSON.stringify({ time: new Date().toISOString(), level: lvl, ...base, ...entry }))}\n`);
    }) as Logger;
    log.child = (fields) => make({ ...base, ...fields });
    return log;
  };
  return make({});
}
