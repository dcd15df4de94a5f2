// A document's text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
// is written as text, prefixed with ' (OWASP); numbers, negative ones included, stay numbers.
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/render/attachments.js';

describe('answer.csv', () => {
  it('escapes formula-like text cells and keeps numeric cells numbers', () => {
    const csv = tableCsv([{
      columns: ['项目', '金额', '说明'], numeric: [false, true, false],
      rows: [['=HYPERLINK("http://x","点击")', '-12.50', '+1'], ['@SUM(A1)', '1,059.54', '-3.5'], ['-cmd', '—', '\tx']],
    }]);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""点击"")",-12.50,+1`);
    expect(lines[2]).toBe("'@SUM(A1),1059.54,-3.5");
    expect(lines[3]).toBe("'-cmd,,'\tx");
  });
});
