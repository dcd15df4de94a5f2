// The bot's App Home on Slack, the page a workspace member opens first: what is loaded, this
// workspace's digest subscriptions, and how to ask. Published (views.publish) each time it is opened,
// so it always shows the current database and subscriptions.
import type { App, types } from '@slack/bolt';
import type { App as BudgetApp } from '../app.js';
import type { CommandNames } from '../core/command-names.js';
import type { Logger } from '../log.js';
import { SLACK } from '../render/limits.js';
import { clipEscaped, esc } from '../render/slack-text.js';

const section = (text: string): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clipEscaped(text, SLACK.sectionText) } });
/** Text already escaped (it holds channel links): only cut to the section's limit. */
const escapedSection = (text: string): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SLACK.sectionText) } });
const header = (text: string): types.KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });

/** The home tab's blocks, from the data and the subscriptions as they are now. */
export function homeView(app: BudgetApp, names: CommandNames): types.HomeView {
  const { catalog, commands, digests } = app.ctx;
  const docs = catalog.departments.flatMap((d) => d.docs.map((x) => ({ department: d.name, year: x.year })));
  const years = [...new Set(docs.map((d) => d.year))].sort();
  const slash = (name: string) => `/${names.registered(name)}`;
  const loaded = catalog.departments.length
    ? `已载入 ${catalog.departments.length} 个部门、${docs.length} 份预算（${years[0]}–${years.at(-1)} 年）：${catalog.departments.slice(0, 12).map((d) => d.name).join('、')}${catalog.departments.length > 12 ? ' 等' : ''}。用 ${slash('sources')} 查看全部。`
    : `还没有载入任何预算文件。管理员可以运行 budget-bot ingest。`;
  const subs = (() => {
    try {
      return digests?.list().filter((s) => s.platform === 'slack') ?? null;
    } catch {
      return null;
    }
  })();
  const subscriptions = subs === null
    ? '定时通报未开启。'
    : subs.length
      ? subs.slice(0, 20).map((s) => `• *${esc(s.name)}* → <#${esc(s.channel)}>：${esc(s.schedule)}，${esc(s.content)}${s.next ? `，下次 ${esc(s.next)}` : ''}`).join('\n')
      : esc(`这个工作区还没有订阅。在频道里用 ${slash('digest')} add 添加（会打开表单）。`);
  // Escaped here, the command lines' own backticks kept: esc neutralises any in text it is given.
  const help = commands.map((c) => `• \`${esc(c.usage.replace(/^\/\S+/, slash(c.name)))}\` ${esc(c.summary)}`).join('\n');
  const blocks: types.KnownBlock[] = [
    header('budget-bot：政府部门预算问答'),
    section('所有数字都来自已载入的预算公开文件，每个数字都注明出处。'),
    header('已载入'),
    section(loaded),
    header('本工作区的定时通报'),
    escapedSection(subscriptions),
    header('怎么问'),
    escapedSection(`${esc('在频道里用斜杠命令，在话题里 @ 机器人，或直接私信它，例如“竹山县医保局三公经费是多少”。')}\n${help}`),
  ];
  return { type: 'home', blocks: blocks.slice(0, SLACK.blocksPerMessage) };
}

export function registerAppHome(b: InstanceType<typeof App>, app: BudgetApp, names: CommandNames, log: Logger): void {
  b.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      await client.views.publish({ user_id: event.user, view: homeView(app, names) });
    } catch (err) {
      log({ level: 'warn', source: 'slack', message: 'App Home could not be published', error: (err as Error).message });
    }
  });
}
