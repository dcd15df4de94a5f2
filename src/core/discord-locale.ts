// English names and descriptions for Discord's command menus, with the Chinese of the command
// definitions as the zh-CN localization: an English client reads English, a Chinese one Chinese.
// Keyed by command, then option (subcommands as "sub" and "sub.option").

export interface CommandLocale {
  /** The command's name as zh-CN users see it (Discord accepts CJK letters in names). */
  zh: string;
  en: string;
  /** Option name → [English description, zh-CN name]. */
  options: Record<string, [string, string]>;
}

export const DISCORD_LOCALE: Record<string, CommandLocale> = {
  budget: { zh: '预算', en: "A department's budget: overview, or a topic such as three public expenses", options: { department: ['Department, e.g. 竹山县医保局', '部门'], topic: ['Topic', '专题'], year: ['Year, e.g. 2023', '年份'] } },
  subject: { zh: '科目', en: 'One budget subject across departments and years', options: { subject: ['Subject code or name, e.g. 2101501', '科目'], year: ['Year', '年份'], department: ['Only this department', '部门'] } },
  diff: { zh: '年度变化', en: "What changed in a department's budget between two years", options: { department: ['Department', '部门'], from: ['Earlier year', '较早年份'], to: ['Later year', '较晚年份'] } },
  compare: { zh: '比较', en: 'Two departments side by side', options: { first: ['First department', '部门一'], second: ['Second department', '部门二'], topic: ['Topic', '专题'], year: ['Year', '年份'] } },
  rank: { zh: '排名', en: 'Departments ranked by a total, a topic or a subject', options: { metric: ['What to rank by', '指标'], year: ['Year (latest of each when empty)', '年份'], top: ['How many to show (1–50)', '前几名'] } },
  search: { zh: '搜索', en: 'Full-text search of project names, targets and budget notes', options: { words: ['Words to search for', '关键词'] } },
  check: { zh: '核对', en: "The documents' own inconsistencies", options: { department: ['Department (all documents when empty)', '部门'], year: ['Year', '年份'] } },
  sources: { zh: '文件', en: 'The budget documents loaded', options: {} },
  digest: {
    zh: '通报', en: 'Scheduled digests posted to this channel',
    options: {
      list: ['Subscriptions of this channel', '查看'], 'list.all': ['"all" lists every channel', '全部'],
      add: ['Add a digest posted here on a schedule', '添加'], 'add.when': ['How often', '频率'], 'add.time': ['Time of day', '时间'], 'add.content': ['What to post', '内容'], 'add.about': ['Departments or subjects', '对象'],
      'add-form': ['Add a digest with a form', '表单添加'],
      remove: ['Remove a digest (admins or its creator)', '删除'], 'remove.name': ['Digest name', '名称'],
      preview: ['What a digest would post now', '预览'], 'preview.name': ['Digest name', '名称'],
      'run-now': ['Post a digest now', '立即发送'], 'run-now.name': ['Digest name', '名称'],
    },
  },
  help: { zh: '帮助', en: 'Commands and examples', options: { command: ['A command, e.g. budget', '命令'] } },
  ask: { zh: '提问', en: 'Ask in your own words, e.g. 竹山县医保局三公经费是多少', options: { question: ['Your question', '问题'] } },
};

export const CSV_OPTION_LOCALE: [string, string] = ['Attach the tables as CSV', '附上表格的 CSV 文件'];
