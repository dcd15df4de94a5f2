// What the fuzz tests and `npm run fuzz` type at the bot: hostile command text, pumped patterns (the
// shape of every catastrophic-backtracking input: "ai" × 21 + "b" froze the bot for 150 s), and
// questions built from the loaded catalog's own words. One set of generators serves both, so the
// documented 100,000-input run and the suite in `npm test` exercise the same inputs.
import fc from 'fast-check';
import { MAX_INPUT } from '../../src/core/dispatch.js';
import type { Catalog } from '../../src/query/catalog.js';

const pieces = fc.oneof(
  fc.constantFrom('"', '*', 'NEAR', 'NEAR(', 'OR', 'AND', 'NOT', '(', ')', "'", ';', '--', '/*', 'DROP TABLE documents', '%', '_', '\\',
    '竹山县', '医保局', '三公', '2101501', '行政运行', '２０２３', '２１０１５０１', '去年', '前5', '哪个', '\u0000', '\u0007', '\u001b[31m', '\u202e', '\ufeff',
    '💰', '𠀀', '\u3000', '\t', '\n', ' ', '```', '<@U123|bot>', '<!channel>', '*粗体*'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const COMMANDS = ['', '/budget ', '/subject ', '/diff ', '/compare ', '/rank ', '/search ', '/check ', '/sources ', '/help ', '/trend ', 'budget '];

/** Random text, binary noise, and commands followed by pieces of SQL, markup and catalog words. */
export const commandText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 800 }),
  fc.tuple(fc.constantFrom(...COMMANDS), fc.array(pieces, { maxLength: 40 })).map(([c, ps]) => c + ps.join(' ')),
);

const unit = fc.oneof(
  fc.constantFrom('ai', 'an', 'ia', 'zh', 'ang', 'a', 'x', '1', '1,', '1.', ' ', '\t', '和', '比', '占', '的', '年', '20', '2019年', '前', '<@U1|', '<@', '|', '`', '*', '医保', '竹山', '三公', '。', '（', '）', ':', '-', '_', 'Aa', 'xox', '2101501', '2 1 0'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }),
);

/** A prefix, a short unit repeated up to a length, and a suffix that fails a backtracking match at the end. */
export const pumped = fc
  .record({
    prefix: fc.string({ maxLength: 6 }),
    pump: fc.array(unit, { minLength: 1, maxLength: 3 }).map((u) => u.join('')),
    suffix: fc.constantFrom('b', '!', '1', '比', '>', '。', '\u0000', ''),
    length: fc.constantFrom(43, 120, 300, MAX_INPUT - 10),
  })
  .map(({ prefix, pump, suffix, length }) => prefix + pump.repeat(Math.max(1, Math.floor((length - prefix.length - suffix.length) / pump.length))) + suffix);

/** `pumped` after a command, or alone as a free question. */
export const pumpedCommand = fc.tuple(fc.constantFrom(...COMMANDS, '/digest add '), pumped).map(([c, t]) => c + t);

/** Questions made of the catalog's own names, codes and years, with question words around them. */
export function catalogQuestions(c: Catalog) {
  const terms = [...new Set([
    ...[...c.subjects.values()].flatMap((s) => [s.code, s.name]), ...c.departments.map((d) => d.name), ...c.byAlias.keys(),
    ...c.years.map(String), '三公', '行政运行', '人员经费', '项目支出', '基本支出', '执行率', '占比',
  ])];
  const term = fc.constantFrom(...terms);
  return fc.oneof(
    fc.tuple(fc.array(term, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '是多少', '哪个最多', '比去年', '变化', '排名', '和', '对比')).map(([ts, tail]) => ts.join('') + tail),
    fc.tuple(fc.constantFrom(...COMMANDS), fc.array(term, { minLength: 1, maxLength: 3 })).map(([cmd, ts]) => cmd + ts.join(' ')),
  );
}
