// An Answer as Slack messages: Block Kit (header, summary, fields, tables as code blocks, warnings,
// citations) with a plain-text fallback, split into as many messages as Slack's limits require.
import { citationText } from './cite.js';
import type { Answer } from '../core/answer.js';
import { capMessages, chunkLines, clip, SLACK } from './limits.js';
import { renderTable } from './text.js';

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(text, SLACK.sectionText) });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });

export function renderSlack(a: Answer): SlackMessage[] {
  const blocks: Record<string, unknown>[] = [{ type: 'header', text: { type: 'plain_text', text: clip(a.title, SLACK.headerText), emoji: true } }];
  if (a.understood) blocks.unshift(section(esc(a.understood)));
  if (a.summary) blocks.push(section(esc(a.summary)));
  for (let i = 0; i < a.fields.length; i += SLACK.fieldsPerSection) {
    blocks.push({
      type: 'section',
      fields: a.fields.slice(i, i + SLACK.fieldsPerSection).map((f) => ({ type: 'mrkdwn', text: clip(`*${esc(f.label)}*\n${esc(f.value)}${f.cite ? ` [${f.cite}]` : ''}`, SLACK.fieldText) })),
    });
  }
  for (const t of a.tables) {
    // Code fences cost 8 characters; each chunk must stay within one section's 3000.
    for (const [k, chunk] of chunkLines(renderTable({ ...t, title: undefined }), SLACK.sectionText - 8).entries()) {
      if (k === 0 && t.title) blocks.push(section(`*${esc(t.title)}*`));
      blocks.push(section(`\`\`\`${esc(chunk)}\`\`\``));
    }
  }
  for (const w of a.warnings) blocks.push(section(`:warning: ${esc(w)}`));
  for (const n of a.notes) blocks.push(section(esc(n)));
  const cites = a.citations.map((c, i) => `[${i + 1}] ${citationText(c)}`);
  for (const chunk of chunkLines(cites, SLACK.sectionText)) blocks.push({ type: 'context', elements: [mrkdwn(esc(chunk))] });

  // The fallback text is parsed for notifications, so it is escaped like any mrkdwn.
  const fallback = clip(esc([a.understood, a.title, a.summary].filter(Boolean).join('\n')), SLACK.fallbackText);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += SLACK.blocksPerMessage) {
    const part = blocks.slice(i, i + SLACK.blocksPerMessage);
    messages.push({ text: i === 0 ? fallback : `${esc(clip(a.title, 100))}（续 ${i / SLACK.blocksPerMessage + 1}）`, blocks: part });
  }
  return capMessages(messages, (note) => ({ text: note, blocks: [section(note)] }));
}
