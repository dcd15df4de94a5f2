// Years as people write them: 2023, 2023年, 2023年度, 今年, 去年, 上年, 前年. Relative years count
// from the latest year loaded for the department in question.

export type YearRef = { kind: 'absolute'; year: number } | { kind: 'relative'; back: number };

// 上年 is a year, but 上年结转 / 上年结余 / 上年预算数 are labels that only contain the word.
const RELATIVE: [RegExp, number][] = [[/今年|本年度?(?!预算数|决算数)|当年/, 0], [/去年|上年度?(?!结转|结余|预算数|决算数|同期)|上一年/, 1], [/前年/, 2]];

/** Year references in text, in order, and the text with them taken out. */
export function extractYears(text: string): { years: YearRef[]; rest: string } {
  const years: YearRef[] = [];
  let rest = text.replace(/(?<!\d)((?:19|20)\d{2})(?!\d)\s*(?:年度?)?/g, (_, y) => {
    years.push({ kind: 'absolute', year: Number(y) });
    return ' ';
  });
  for (const [re, back] of RELATIVE) {
    rest = rest.replace(new RegExp(re.source, 'g'), () => {
      years.push({ kind: 'relative', back });
      return ' ';
    });
  }
  return { years, rest };
}

/** The concrete year a reference means for a department whose latest loaded year is `latest`. */
export function resolveYear(ref: YearRef | undefined, latest: number): number {
  if (!ref) return latest;
  return ref.kind === 'absolute' ? ref.year : latest - ref.back;
}
