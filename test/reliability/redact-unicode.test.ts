// Issue 21, item 16: a token with a zero-width character, full-width letters or a soft hyphen inside
// it slipped past the redactor. Matching now sees the text NFKC-folded with format characters
// dropped; only the matched span of the original is replaced.
import { describe, expect, it } from 'vitest';
import { createLogger, createRedactor } from '../../src/log.js';

const SLACK = 'xoxb-1234567890-abcdefghijkl';
const DISCORD = `${'M'.repeat(24)}.Gabcde.${'x'.repeat(27)}`;
const SECRET = 'signing-secret-0123456789';

const fullWidth = (s: string) => [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');
const disguises: [string, (s: string) => string][] = [
  ['a zero-width space', (s) => `${s.slice(0, 3)}\u200b${s.slice(3)}`],
  ['a zero-width joiner after each character', (s) => [...s].join('\u200d')],
  ['a soft hyphen', (s) => `${s.slice(0, 6)}\u00ad${s.slice(6)}`],
  ['a word joiner and a BOM', (s) => `${s.slice(0, 2)}\u2060${s.slice(2, 9)}\ufeff${s.slice(9)}`],
  ['full-width letters', fullWidth],
  ['full-width letters and a zero-width space', (s) => fullWidth(`${s.slice(0, 4)}\u200b${s.slice(4)}`)],
];

describe('redaction sees through invisible and full-width characters', () => {
  const redact = createRedactor([SECRET]);
  for (const [name, disguise] of disguises) {
    it(`a token with ${name}`, () => {
      for (const token of [SLACK, DISCORD, SECRET]) {
        const text = `问题：${disguise(token)} 是什么（预算）`;
        const out = redact(text);
        expect(out).toBe('问题：[REDACTED] 是什么（预算）');
      }
    });
  }

  it('leaves text with nothing to redact exactly as it was (full-width punctuation, invisible characters)', () => {
    const text = '２０２４年（预算）：１，２３４万元\u200b，ｘｏｘ不是令牌\u00ad。';
    expect(redact(text)).toBe(text);
  });

  it('a log line with a disguised token', () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: [SECRET], write: (l) => lines.push(l) });
    log({ level: 'info', message: `got ${fullWidth(SLACK)} and ${SECRET.slice(0, 5)}\u200b${SECRET.slice(5)}` });
    expect(lines[0]).not.toMatch(/xoxb|ｘｏｘｂ|signing/);
    expect(lines[0]).toContain('got [REDACTED] and [REDACTED]');
  });

  it('stays linear: 40,000 characters of near-tokens and invisible characters within a second (a quadratic scan takes many), measured once warm', () => {
    const text = `${'ｘｏｘｂ-\u200b'.repeat(6_600)}`;
    redact(text);
    const t = performance.now();
    redact(text);
    redact('a\u00ad'.repeat(20_000));
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
