// An Answer as Slack messages: Block Kit (header, summary, fields, tables as code blocks, warnings,
// citations, buttons) with a plain-text fallback, split into as many messages as Slack's limits
// require — by block count and by the total text Slack accepts in one message.
import { citationText } from './cite.js';
import type { Answer, AnswerAction } from '../core/answer.js';
import { capMessages, chunkLines, clip, SLACK } from './limits.js';
import { blockTextLength, clipEscaped, esc } from './slack-text.js';
import { fitsTableBlock, slackTableBlock, type SlackTableBlock } from './slack-table.js';
import { renderTable } from './text.js';

// Block Kit shapes we send, kept structurally compatible with @slack/types' KnownBlock (the
// adapter assigns them to KnownBlock[], so the compiler checks them without src/render importing Slack).
interface PlainText { type: 'plain_text'; text: string; emoji?: boolean }
interface Mrkdwn { type: 'mrkdwn'; text: string }
export interface SlackButton { type: 'button'; text: PlainText; action_id: string; value: string; style?: 'primary' }
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'section'; fields: Mrkdwn[] }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'actions'; block_id: string; elements: SlackButton[] }
  | SlackTableBlock;

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Text budget per message, below Slack's ~12k so a continuation line and buttons always fit. */
const TEXT_BUDGET = SLACK.messageText - 1000;
/** Buttons carry this prefix; the adapter routes every action starting with it. */
export const ACTION_PREFIX = 'budget_action:';

const mrkdwn = (raw: string): Mrkdwn => ({ type: 'mrkdwn', text: clipEscaped(raw, SLACK.sectionText) });
const section = (raw: string): SlackBlock => ({ type: 'section', text: mrkdwn(raw) });
/** Already-escaped text (code blocks), within the section limit by construction. */
const sectionEscaped = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Table lines as code blocks: escaped line by line, chunked so each block (fences included) fits. */
function codeBlocks(lines: string[]): SlackBlock[] {
  const escaped = lines.map((l) => clipEscaped(l, SLACK.sectionText - 8));
  return chunkLines(escaped, SLACK.sectionText - 8).map((chunk) => sectionEscaped(`\`\`\`${chunk}\`\`\``));
}

/** The buttons as one actions block; a request too long for a button's value is left out. */
export function actionsBlock(actions: AnswerAction[] | undefined): SlackBlock | null {
  const elements = (actions ?? []).flatMap((a, i): SlackButton[] => {
    const value = JSON.stringify(a.request);
    if (value.length > SLACK.actionValue) return [];
    // Action ids are unique within a block: the several 选择 buttons of an ambiguous name are numbered.
    const id = a.kind === 'choose' ? `${a.kind}-${i}` : a.kind;
    return [{ type: 'button', text: { type: 'plain_text', text: clip(a.label, SLACK.buttonText), emoji: true }, action_id: `${ACTION_PREFIX}${id}`, value, ...(a.kind === 'all' ? { style: 'primary' as const } : {}) }];
  }).slice(0, SLACK.actionsPerBlock);
  return elements.length ? { type: 'actions', block_id: 'budget_actions', elements } : null;
}

export function renderSlack(a: Answer): SlackMessage[] {
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(a.title, SLACK.headerText), emoji: true } }];
  if (a.understood) blocks.unshift(section(a.understood));
  if (a.summary) blocks.push(section(a.summary));
  for (let i = 0; i < a.fields.length; i += SLACK.fieldsPerSection) {
    blocks.push({
      type: 'section',
      fields: a.fields.slice(i, i + SLACK.fieldsPerSection).map((f) => ({ type: 'mrkdwn', text: `*${clipEscaped(f.label, 200)}*\n${clipEscaped(`${f.value}${f.cite ? ` [${f.cite}]` : ''}`, SLACK.fieldText - 210)}` })),
    });
  }
  // One table that fits goes as Slack's table block; several, or a long one, as code blocks.
  const native = fitsTableBlock(a.tables);
  for (const t of a.tables) {
    if (t.title) blocks.push(sectionEscaped(`*${clipEscaped(t.title, SLACK.sectionText - 2)}*`));
    if (native) blocks.push(slackTableBlock(t));
    else blocks.push(...codeBlocks(renderTable({ ...t, title: undefined })));
  }
  for (const w of a.warnings) blocks.push(section(`:warning: ${w}`));
  for (const n of a.notes) blocks.push(section(n));
  const cites = a.citations.map((c, i) => esc(`[${i + 1}] ${citationText(c)}`));
  for (const chunk of chunkLines(cites, SLACK.sectionText)) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: chunk }] });

  // The fallback text is parsed for notifications, so it is escaped like any mrkdwn.
  const fallback = clipEscaped([a.understood, a.title, a.summary].filter(Boolean).join('\n'), SLACK.fallbackText);
  const messages: SlackMessage[] = [];
  let cur: SlackBlock[] = [];
  let chars = 0;
  const flush = () => {
    if (!cur.length) return;
    messages.push({ text: messages.length === 0 ? fallback : `${clipEscaped(a.title, 100)}（续 ${messages.length + 1}）`, blocks: cur });
    cur = [];
    chars = 0;
  };
  for (const b of blocks) {
    const n = blockTextLength(b);
    if (cur.length === SLACK.blocksPerMessage - 1 || chars + n > TEXT_BUDGET) flush();
    cur.push(b);
    chars += n;
  }
  flush();
  const capped = capMessages(messages, (note) => ({ text: note, blocks: [section(note)] }));
  // Buttons go at the end of the last message, where the reader finishes.
  const buttons = actionsBlock(a.actions);
  if (buttons) capped[capped.length - 1].blocks.push(buttons);
  return capped;
}
