// Every answer the command set gives, rendered for Slack and for Discord, passes what each platform
// refuses (the same checks the fakes apply). Questions cover every command and every /budget topic.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createAnswer } from '../../src/core/answer.js';
import { defineCommand } from '../../src/core/command.js';
import { TOPICS } from '../../src/query/topics.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';
import { clipEscaped } from '../../src/render/slack-text.js';
import { discordRejects } from '../fakes/discord-limits.js';
import { slackRejects } from '../fakes/slack-limits.js';
import { bundledApp, longCommand, useCorpusApp } from '../helpers/app.js';
import { describeCorpus } from '../support/corpus.js';

/** Text full of what escaping lengthens, and a code fence a cut would leave open. */
const ampersands = defineCommand({
  name: 'amp', summary: '测试用', usage: '/amp', examples: ['/amp'], options: [],
  run() {
    const b = createAnswer(`${'R&D <预算> '.repeat(40)}`);
    b.answer.summary = `${'A&B<C> '.repeat(800)}`;
    b.answer.notes.push('```\n' + '&'.repeat(4000));
    b.table({ columns: ['名称', '金额'], rows: Array.from({ length: 300 }, (_, i) => [`R&D<${i}>${'&'.repeat(60)}`, '1,000.00']) });
    return b.answer;
  },
});

const DEPARTMENTS = ['巨鹿县', '竹山县', '凤泉区', '双桥区', '邢台市医保局'];
const SEED_QUESTIONS = [
  ...COMMANDS.flatMap((c) => c.examples).filter((e) => !/江苏|省委|<|digest (add|remove|preview)/.test(e)),
  ...DEPARTMENTS.flatMap((d) => TOPICS.map(([t]) => `/budget ${d} ${t}`)),
  ...DEPARTMENTS.flatMap((d) => [`/diff ${d}`, `/check ${d}`, `/budget ${d} --sources`]),
  '/search 医疗 --all', '/search 医疗', '/search 医疗 --page 2', '/subject 2101501 --all', '/subject 30217', '/rank 三公 前50', '/help budget',
  '竹山县医保局三公经费是多少', '/long', '/long --all', '/amp',
];

function expectWithinLimits(app: ReturnType<typeof bundledApp>, q: string) {
  const { answer } = app.dispatch({ text: q });
  for (const m of renderSlack(answer)) expect(slackRejects(m), q).toBeNull();
  for (const m of renderDiscord(answer)) expect(discordRejects(m), q).toBeNull();
}

describe('answers on the seeds fit Slack and Discord', () => {
  const app = bundledApp(undefined, [longCommand, ampersands]);
  it.each(SEED_QUESTIONS)('%s', (q) => expectWithinLimits(app, q));
});

describeCorpus('answers on the Jiangsu corpus fit Slack and Discord', () => {
  const app = useCorpusApp(undefined, [longCommand]);
  it.each([...COMMANDS.flatMap((c) => c.examples).filter((e) => /江苏|省委/.test(e)), '/diff 江苏省人民检察院 2018 2019 --all', '/diff 江苏省人大常委会办公厅 2017 2019 --all', '/search 江苏 --all'])('%s', (q) => expectWithinLimits(app(), q));
});

describe('Slack text cutting', () => {
  it('cuts before escaping, never inside an entity', () => {
    const cut = clipEscaped('&'.repeat(100), 23);
    expect(cut).toBe(`${'&amp;'.repeat(4)}…`);
  });
  it('closes a code fence a cut left open', () => {
    const cut = clipEscaped('```\n' + 'x'.repeat(100), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect((cut.match(/```/g) ?? []).length % 2).toBe(0);
  });
  it('splits a long answer by total text, not only by block count', () => {
    const app = bundledApp(undefined, [longCommand]);
    const messages = renderSlack(app.dispatch({ text: '/long' }).answer);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(slackRejects(m)).toBeNull();
  });
});

describe('Slack table block', () => {
  const app = bundledApp();
  it('an answer with one table that fits uses Slack\'s table block, numbers right-aligned', () => {
    const [m] = renderSlack(app.dispatch({ text: '/subject 2101501' }).answer);
    const table = m.blocks.find((b) => b.type === 'table') as any;
    expect(table.rows[0].map((c: any) => c.text)).toEqual(['排名', '部门', '年度', '合计', '基本支出', '项目支出', '出处']);
    expect(table.rows.some((r: any[]) => r.some((c) => c.text === '1,059.54'))).toBe(true);
    expect(table.column_settings.some((c: any) => c.align === 'right')).toBe(true);
  });
  it('several tables stay code blocks (Slack allows one table per message)', () => {
    const b = createAnswer('两张表');
    b.table({ title: '总额', columns: ['项目', '金额'], rows: [['支出总计', '1.00']] });
    b.table({ title: '科目', columns: ['项目', '金额'], rows: [['行政运行', '1.00']] });
    const answer = b.answer;
    const blocks = renderSlack(answer).flatMap((m) => m.blocks);
    expect(blocks.some((b) => b.type === 'table')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('```');
  });
});

