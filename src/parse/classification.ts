// The national function classification's 类 (first level), so that the summary tables' class lines
// ("十、卫生健康支出 474.90") can be checked against the coded rows of the expenditure tables.
// Older names (医疗卫生与计划生育, 国土海洋气象) map to the codes they had.

const CLASSES: [string, RegExp][] = [
  ['201', /^一般公共服务/], ['202', /^外交/], ['203', /^国防/], ['204', /^公共安全/], ['205', /^教育/],
  ['206', /^科学技术/], ['207', /^文化(?:旅游)?体育(?:与|和)?(?:旅游)?(?:与)?传媒|^文化旅游体育与传媒/],
  ['208', /^社会保障和就业/], ['209', /^社会保险基金/], ['210', /^(?:卫生健康|医疗卫生(?:与计划生育)?)/],
  ['211', /^节能环保/], ['212', /^城乡社区/], ['213', /^农林水/], ['214', /^交通运输/],
  ['215', /^资源勘探/], ['216', /^商业服务业/], ['217', /^金融/], ['219', /^援助其他地区/],
  ['220', /^(?:自然资源海洋气象|国土海洋气象|国土资源气象)/], ['221', /^住房保障/], ['222', /^粮油物资储备/],
  ['223', /^国有资本经营预算/], ['224', /^灾害防治及应急管理/], ['227', /^预备费/], ['229', /^其他支出/],
  ['230', /^转移性/], ['231', /^债务还本/], ['232', /^债务付息/], ['233', /^债务发行费用/], ['234', /^抗疫特别国债/],
];

/** The 类 code a summary-table label names, or null ("八、社会保障和就业支出" → "208"). */
export function classCodeOf(label: string): string | null {
  const bare = label
    .replace(/^(?:[一二三四五六七八九十廿]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])/, '')
    .replace(/（类）|\(类\)/, '')
    .replace(/[\s（(]/g, '');
  for (const [code, re] of CLASSES) if (re.test(bare)) return code;
  return null;
}
