// What an organisation's name looks like ("省政协", "竹山县财政局"): a mention of one that resolves to no
// loaded department is reported as not loaded, rather than dropped or matched to another department.

/** A run of characters ending in an organisation word; lazy, so it stops at the first such word. */
export const ORG = /[\u4e00-\u9fa5\ue000]{0,14}?(?:政协|人大|常委会|法院|检察院|办公厅|办公室|委员会|党委|纪委|省委|市委|县委|局|厅|院|中心)/;

/** Organisation names with 和/与 inside ("人力资源和社会保障局"): not two organisations. */
const JOINED_NAMES = /(人力资源|发展|住房|工业|文化|自然资源|生态环境|农业|商务|应急|卫生|教育|科学技术|交通运输|水利|民族|宗教)(和|与)(社会保障|改革|城乡建设|信息化|旅游|规划|农村|外事|计划生育|体育|技术|海洋|宗教)/g;

/** The text with the 和 inside organisation names hidden (U+E000), so splitting on 和 keeps them whole. */
export function protectJoinedNames(text: string): string {
  return text.replace(JOINED_NAMES, (_, a, _and, b) => `${a}\ue000${b}`);
}

/** Undoes protectJoinedNames. */
export function restoreJoinedNames(text: string): string {
  return text.replace(/\ue000/g, '和');
}

/** "财政局", "省政协": a word naming an organisation. */
export function isOrganisation(word: string): boolean {
  return new RegExp(`^${ORG.source}$`).test(word);
}

/** The first organisation named in a text, if any (at least two characters). */
export function organisationIn(text: string): string | null {
  const m = ORG.exec(protectJoinedNames(text.replace(/\s+/g, '')));
  return m && m[0].length >= 2 ? restoreJoinedNames(m[0]) : null;
}
