// Platform limits, in one place. Sources: Slack Block Kit reference; Discord API embed limits.

export const SLACK = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  fallbackText: 3000,
  /** chat.postMessage fails with msg_blocks_too_long past about 12k characters of text in all blocks. */
  messageText: 12000,
  actionsPerBlock: 25,
  buttonText: 75,
  actionValue: 2000,
  actionId: 255,
} as const;

export const DISCORD = {
  embedsPerMessage: 10,
  charsPerMessage: 6000,
  title: 256,
  description: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  content: 2000,
  autocompleteChoices: 25,
  choiceText: 100,
  commandDescription: 100,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Cuts text to a length, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits lines into chunks of at most `max` characters each (a single overlong line is clipped). */
export function chunkLines(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (cur && cur.length + 1 + line.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(cur);
  return out;
}

/** No answer posts more messages than this, whatever the query: the rest is cut with a note. */
export const MAX_MESSAGES_PER_ANSWER = 5;

export const TRUNCATED_NOTE = '回答过长，只显示了前面部分。请缩小范围（指定部门、年份或专题）后再问。';

/** Keeps the first messages and ends with `note` in place of the rest. */
export function capMessages<T>(messages: T[], note: (text: string) => T): T[] {
  return messages.length <= MAX_MESSAGES_PER_ANSWER ? messages : [...messages.slice(0, MAX_MESSAGES_PER_ANSWER - 1), note(TRUNCATED_NOTE)];
}
