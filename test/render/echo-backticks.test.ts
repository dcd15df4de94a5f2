// Issue 21, item 19: an unclosed ``` echoed from a question (a /search title, a 理解为 line) turned
// the rest of a Slack message into code. Backticks in answer text are neutralised (ˋ) for Slack;
// Discord escapes them in text and neutralises them inside its table code blocks.
import { escapeMarkdown } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createAnswer } from '../../src/core/answer.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';
import { bundledApp } from '../helpers/app.js';

/** Every mrkdwn text of a Slack message, and the message's fallback text. */
const slackTexts = (m: ReturnType<typeof renderSlack>[number]): string[] => {
  const out = [m.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(m.blocks);
  return out;
};
/** Backticks outside the renderer's own ``` fences (a block is one fence pair around its text). */
const strayTicks = (text: string) => text.replace(/^```[^`]*```$/s, '').includes('`');

describe('backticks echoed from a question', () => {
  const app = bundledApp();

  it('Slack: an unclosed ``` in /search and in a question opens no code block', () => {
    for (const text of ['/search ```竹山县 三公', '```竹山县 三公 `x', '竹山县 ``` 医保局']) {
      const r = app.dispatch({ text });
      for (const m of renderSlack(r.answer)) for (const t of slackTexts(m)) expect(strayTicks(t), `${text}: ${t}`).toBe(false);
    }
    const echoed = renderSlack(app.dispatch({ text: '/search ```abc' }).answer);
    expect(echoed[0].text).toContain('ˋˋˋabc');
  });

  it('Slack: a 理解为 line, fields, notes and table cells carrying ```', () => {
    const a = createAnswer('标题 ```').answer;
    a.understood = '理解为：```未知部门';
    a.summary = '摘要 `';
    a.fields.push({ label: '```', value: '1 `' });
    a.notes.push('注 ```');
    a.tables.push({ title: '表 ```', columns: ['名称', '数'], rows: [['```x', '1']] });
    for (const m of renderSlack(a)) for (const t of slackTexts(m)) expect(strayTicks(t), t).toBe(false);
  });

  it('Discord: escaped in text, neutralised inside table code blocks', () => {
    const a = createAnswer('标题 ```').answer;
    a.understood = '理解为：```未知部门';
    a.tables.push({ title: '表 ```', columns: ['名称', '数'], rows: [['```x', '1']] });
    const embeds = renderDiscord(a, { escape: (t) => escapeMarkdown(t) }).flatMap((m) => m.embeds ?? []);
    for (const e of embeds) {
      for (const t of [e.title ?? '', e.description ?? '']) expect(t.replace(/\\`/g, '').replace(/^```\n[^`]*\n```$/s, '').includes('`'), t).toBe(false);
    }
  });
});
