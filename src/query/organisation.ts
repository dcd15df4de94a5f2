// What an organisation's name looks like ("省政协", "竹山县财政局"): a mention of one that resolves to no
// loaded department is reported as not loaded, rather than dropped or matched to another department.

/** A run of characters ending in an organisation word; lazy, so it stops at the first such word. */
export const ORG = /[\u4e00-\u9fa5]{0,12}?(?:政协|人大|常委会|法院|检察院|办公厅|办公室|委员会|党委|纪委|省委|市委|县委|局|厅|院|中心)/;

/** "财政局", "省政协": a word naming an organisation. */
export function isOrganisation(word: string): boolean {
  return new RegExp(`^${ORG.source}$`).test(word);
}

/** The first organisation named in a text, if any (at least two characters). */
export function organisationIn(text: string): string | null {
  const m = ORG.exec(text.replace(/\s+/g, ''));
  return m && m[0].length >= 2 ? m[0] : null;
}
