// Provenance: the project ships only its own documents. Where ../shared is present, no tracked file
// (git ls-files) holds a copy of an outside document (../shared/corpus and ../shared/corpus2) — not the file, not its bytes, not a line of it —
// and the documents in data/disclosures are exactly the five seeds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CLASS_NAMES } from '../src/parse/check/classification.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { CORPUS2_PDF_DIR, CORPUS2_TEXT_DIR, CORPUS_NEGATIVE_DIR, CORPUS_PDF_DIR, CORPUS_TEXT_DIR, describeCorpus } from './support/corpus.js';

/** Shorter lines are headings and labels any budget prints; these are sentences and titles. */
const MIN_CHARS = 20;
/** A row of code, subject name and figures is data a test may assert; a line of text has more words. */
const MIN_CJK = 10;
const HAS_CJK = /[\u3400-\u9fff]/;
const CJK = /[\u3400-\u9fff]/g;
const SEED_NAME = /^data\/disclosures\/\d{3}_[0-9a-f]{16}\.txt$/;
/** Seed 002 printed to PDF (test/fixtures/pdf/make-seed-pdf.py): the project's own document, as a PDF. */
const SEED_PDF = 'test/fixtures/pdf/fengquan-2023.pdf';

/** Whitespace differs between extractors and editors: compare text with all of it removed. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Which document series a corpus file belongs to: its name up to the year (js_jcy, sh_putuo_wanli…). */
const seriesOf = (file: string) => file.replace(/_(19|20)\d\d.*$/, '');

/** The folders of outside text layers: ../shared/corpus (and its negative) and ../shared/corpus2. */
const corpusDirs = () => [CORPUS_TEXT_DIR!, ...[CORPUS_NEGATIVE_DIR, CORPUS2_TEXT_DIR].filter((d): d is string => d !== null)];

const CLASS_WORDS = new RegExp(Object.values(CLASS_NAMES).map((n) => n.replace(/支出$/, '')).join('|') + '|支出', 'g');
const withoutClassNames = (line: string) => line.replace(CLASS_WORDS, '');

interface Tracked {
  path: string;
  bytes: Buffer;
  text: string;
}

/**
 * The distinctive lines of the outside documents: at least MIN_CHARS, MIN_CJK of them Chinese, and found
 * in one document series only (wording two departments share is template, not any one document's text).
 */
function distinctiveLines(dirs: string[]): Map<string, string> {
  const seen = new Map<string, { series: Set<string>; file: string }>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      for (const raw of readFileSync(join(dir, file), 'utf8').split(/[\r\n\f]+/)) {
        const line = squeeze(raw);
        // The national 类 names ("一般公共服务支出、社会保障和就业支出…") are every budget's words: they do not count.
        if (line.length < MIN_CHARS || (withoutClassNames(line).match(CJK)?.length ?? 0) < MIN_CJK) continue;
        const entry = seen.get(line) ?? { series: new Set<string>(), file };
        entry.series.add(seriesOf(file));
        seen.set(line, entry);
      }
    }
  }
  return new Map([...seen].filter(([, e]) => e.series.size === 1).map(([line, e]) => [line, e.file]));
}

/**
 * Every (file, line) where a tracked file's text contains a whole distinctive line. One pass over each
 * file: the first MIN_CHARS characters of each line are the key, so the cost is the size of the
 * tracked text, not lines × files.
 */
function containedLines(files: { path: string; text: string }[], lines: Iterable<string>): { path: string; line: string }[] {
  const byPrefix = new Map<string, string[]>();
  for (const line of lines) {
    const key = line.slice(0, MIN_CHARS);
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), line]);
  }
  const found: { path: string; line: string }[] = [];
  for (const { path, text } of files) {
    if (!HAS_CJK.test(text)) continue;
    const s = squeeze(text);
    for (let i = 0; i + MIN_CHARS <= s.length; i++) {
      const candidates = byPrefix.get(s.slice(i, i + MIN_CHARS));
      if (candidates) for (const line of candidates) if (s.startsWith(line, i)) found.push({ path, line });
    }
  }
  return found;
}

describeCorpus('provenance: nothing of ../shared/corpus is tracked', () => {
  let tracked: Tracked[] = [];
  let lines = new Map<string, string>();

  beforeAll(() => {
    const paths = execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    tracked = paths.filter((p) => existsSync(join(PROJECT_ROOT, p))).map((path) => {
      const bytes = readFileSync(join(PROJECT_ROOT, path));
      return { path, bytes, text: bytes.includes(0) ? '' : bytes.toString('utf8') };
    });
    lines = distinctiveLines(corpusDirs());
  });

  it('finds enough distinctive lines for the check to mean something, and would catch one planted', () => {
    expect(tracked.length).toBeGreaterThan(50);
    expect(lines.size).toBeGreaterThan(2000);
    // The detector on an in-memory file (never written): a line pasted into a test string is found.
    const [line] = [...lines.keys()].filter((l, i) => i % 97 === 0);
    const planted = `const excerpt = '${line.slice(0, 8)} ${line.slice(8)}';`;
    expect(containedLines([{ path: 'planted.ts', text: planted }], lines.keys())).toEqual([{ path: 'planted.ts', line }]);
  });

  it('no tracked file holds a distinctive line of a corpus text (outside the seeds, which are ours)', () => {
    const hits = containedLines(tracked, lines.keys());
    // A line the seeds print too is shared wording (a definition every budget repeats), not a copy.
    const inSeeds = new Set(hits.filter((h) => SEED_NAME.test(h.path)).map((h) => h.line));
    // A line printed inside another series' text (a wrapped fragment of a definition every budget
    // prints, as the 名词解释 of several provinces) is template wording too.
    const elsewhere = (line: string) => corpusDirs().some((dir) => readdirSync(dir).some((f) => f.endsWith('.txt') && seriesOf(f) !== seriesOf(lines.get(line)!) && squeeze(readFileSync(join(dir, f), 'utf8')).includes(line)));
    const copies = hits.filter((h) => !SEED_NAME.test(h.path) && !inSeeds.has(h.line) && !elsewhere(h.line));
    expect(copies.map((h) => `${h.path} ← ${lines.get(h.line)}: ${h.line.slice(0, 12)}…`)).toEqual([]);
  });

  it('the one PDF tracked is seed 002 printed to PDF by its generator: every line it prints is a line of that seed', async () => {
    const pdfs = tracked.filter((t) => /\.pdf$/i.test(t.path));
    expect(pdfs.map((t) => t.path)).toEqual([SEED_PDF]);
    const { pdfToLines } = await import('../src/pdf/extract.js');
    const { lines } = await pdfToLines([{ name: 'fengquan-2023.pdf', bytes: pdfs[0].bytes }]);
    const seed = squeeze(readFileSync(join(PROJECT_ROOT, 'data', 'disclosures', '002_b2ab98c35d1620c6.txt'), 'utf8'));
    const foreign = lines.map((l) => squeeze(l.text)).filter((l) => !/^-\d+-$/.test(l) && !seed.includes(l));
    expect(foreign).toEqual([]);
    expect(lines.length).toBeGreaterThan(300);
  });

  it('no tracked file is byte-identical to a corpus file, and no other PDF is tracked', () => {
    const outside = new Map<string, string>();
    for (const dir of [CORPUS_TEXT_DIR!, CORPUS_PDF_DIR!, ...[CORPUS_NEGATIVE_DIR, CORPUS2_TEXT_DIR, CORPUS2_PDF_DIR].filter((d): d is string => d !== null)]) {
      for (const f of readdirSync(dir)) outside.set(sha256(readFileSync(join(dir, f))), f);
    }
    expect(tracked.filter((t) => outside.has(sha256(t.bytes))).map((t) => `${t.path} = ${outside.get(sha256(t.bytes))}`)).toEqual([]);
    expect(tracked.filter((t) => /\.pdf$/i.test(t.path) && t.path !== SEED_PDF).map((t) => t.path)).toEqual([]);
  });

  it('the documents that ship are exactly the five seeds of ../shared/seeds', () => {
    const shipped = tracked.filter((t) => t.path.startsWith('data/disclosures/') && !t.path.endsWith('README.md'));
    expect(shipped.map((t) => t.path)).toEqual(expect.arrayContaining([...Array(5)].map(() => expect.stringMatching(SEED_NAME))));
    expect(shipped).toHaveLength(5);
    const seeds = join(CORPUS_TEXT_DIR!, '..', '..', 'seeds');
    if (!existsSync(seeds)) return;
    const ours = new Set(readdirSync(seeds).map((f) => sha256(readFileSync(join(seeds, f)))));
    expect(shipped.filter((t) => !ours.has(sha256(t.bytes))).map((t) => t.path)).toEqual([]);
  });
});
