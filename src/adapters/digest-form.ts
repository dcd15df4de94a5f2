// The /digest add form, the same on Slack (a modal) and Discord (a modal): three fields whose
// values become the text form's words — "add <schedule> <content> <departments>" — and are
// dispatched as /digest, so a form is validated (and refused) exactly as the typed command is.

/** `/digest add` with nothing after it, or `/digest add-form`, opens the form where there is one. */
export function wantsDigestForm(command: string, text: string): boolean {
  // Compared, not matched: a pattern of optional spaces around an optional word backtracks on a long line of spaces.
  return command === 'digest' && FORM_WORDS.has(text.trim().toLowerCase());
}

const FORM_WORDS: ReadonlySet<string> = new Set(['add', '添加', 'add-form']);

export const DIGEST_FORM = {
  title: '添加定时通报',
  submit: '添加',
  schedule: { id: 'schedule', label: '时间', placeholder: '每周一 09:00、每天 08:30、工作日 18:00 或 cron 表达式' },
  content: {
    id: 'content', label: '内容',
    choices: [['changes', '变化：新文件、变动超过 10% 的项目、新的勾稽问题'], ['watch', '关注：选定部门和科目的数字'], ['overview', '概况：已载入的文件、最大的部门、未解决的问题']] as [string, string][],
  },
  about: { id: 'about', label: '部门或科目（可选，空格分隔）', placeholder: '竹山县 邢台市医保局 2101501' },
} as const;

export interface DigestFormValues {
  schedule?: string;
  content?: string;
  about?: string;
}

/** The typed command the form stands for: one line, its parts in the text form's order. */
export function digestAddText({ schedule = '', content = '', about = '' }: DigestFormValues): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  return ['add', oneLine(schedule), oneLine(content), oneLine(about)].filter(Boolean).join(' ');
}
