// Issue 21 (hostile testing) #4 and #5: a subscription cannot be taken over, redirected, removed or
// run by someone who is neither an admin of its channel nor its creator; a file-declared one cannot
// be changed from chat; automatic names never collide; Discord's Manage Channels holds on every path
// (/ask "/digest …" and a mention reach the command as text, with no admin vouched for).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Request } from '../../src/core/dispatch.js';
import { createDigestRunner, type Poster } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import type { Subscription } from '../../src/digest/subscription.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

const app = bundledApp();
const state = openDigestState(join(tempDir(), 'perm.sqlite'));
const posts: { channel: string; answer: Answer }[] = [];
const poster: Poster = { post: async (channel, answer) => (posts.push({ channel, answer }), ['m']) };
const runner = createDigestRunner({ state, context: () => app.ctx, posters: { slack: poster, discord: poster } });
app.attach({ digests: createDigestService({ state, runner, context: () => app.ctx }) });
afterAll(() => {
  app.attach({ digests: undefined });
  state.close();
});
const fileSub: Subscription = {
  name: 'fa', platform: 'slack', channel: 'C0A', schedule: '每天 09:00', timezone: 'Asia/Shanghai', content: 'overview',
  filters: { departments: [], regions: [], subjects: [], topics: [] }, onlyWhenChanged: false, threshold: 10,
};
state.syncFile([fileSub], new Date('2026-03-01T00:00:00Z'));
const ask = (text: string, who: Partial<Request>) => app.dispatch({ text, ...who }).answer;
const slackIn = (channel: string, user: string, admin?: boolean): Partial<Request> => ({ platform: 'slack', channel: `slack:${channel}`, user: `slack:${user}`, admin });
const byName = (name: string) => state.subscriptions().find((s) => s.name === name);

describe('a subscription of another channel (#4)', () => {
  it('cannot be taken over with name=: the add is refused and the subscription unchanged', () => {
    expect(ask('/digest add 每周一 08:00 changes name=fa', slackIn('C0B', 'U0MALLORY')).summary).toMatch(/名称“fa”已被使用/);
    expect(byName('fa')).toMatchObject({ channel: 'C0A', schedule: '每天 09:00', source: 'file' });
  });

  it('cannot be removed or run by a stranger; a file-declared one not even by an admin', async () => {
    expect(ask('/digest remove fa', slackIn('C0B', 'U0MALLORY')).summary).toMatch(/不能在聊天中删除/);
    expect(ask('/digest run-now fa', slackIn('C0B', 'U0MALLORY')).summary).toMatch(/只有管理员或订阅的创建者可以立即发送“fa”/);
    expect(ask('/digest remove fa', slackIn('C0A', 'U0ADMIN', true)).summary).toMatch(/data\/digests\.json 中声明，不能在聊天中删除/);
    await new Promise((r) => setTimeout(r, 50));
    expect(posts).toEqual([]);
    expect(byName('fa')).toBeDefined();
  });

  it('a workspace admin may run it', async () => {
    expect(ask('/digest run-now fa', slackIn('C0B', 'U0ADMIN', true)).summary).toMatch(/正在发送“fa”/);
    for (let i = 0; i < 100 && !posts.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(posts.map((p) => p.channel)).toEqual(['C0A']);
  });

  it('automatic names never collide after a removal (the creator removes their own)', () => {
    const who = slackIn('C0C', 'U0C');
    const names = [ask('/digest add 每天 08:00 overview', who), ask('/digest add 每天 09:00 overview', who)].map((a) => /“(.+?)”/.exec(a.summary!)![1]);
    expect(ask(`/digest remove ${names[0]}`, who).summary).toBe(`已删除“${names[0]}”。`);
    const third = /“(.+?)”/.exec(ask('/digest add 每天 10:00 overview', who).summary!)![1];
    expect(third).not.toBe(names[1]);
    expect(byName(names[1])).toMatchObject({ schedule: '每天 09:00' });
    expect(byName(third)).toMatchObject({ schedule: '每天 10:00' });
  });
});

describe("Discord's Manage Channels on every path (#5)", () => {
  const discord = (admin?: boolean): Partial<Request> => ({ platform: 'discord', channel: 'discord:900', user: 'discord:700', admin });
  it('/ask "/digest add …" or a mention (no admin vouched for) is refused; a member who manages the channel may add', () => {
    const before = state.subscriptions().length;
    expect(ask('/digest add 每天 09:00 overview', discord(false)).summary).toMatch(/只有有“管理频道”权限的成员可以添加/);
    expect(ask('/digest add 每天 09:00 overview', discord(undefined)).summary).toMatch(/管理频道/);
    expect(state.subscriptions()).toHaveLength(before);
    expect(ask('/digest add 每天 09:00 overview', discord(true)).summary).toMatch(/^已添加/);
  });

  it('run-now of another member\'s subscription is refused without Manage Channels in its channel', () => {
    const s = state.subscriptions().find((x) => x.platform === 'discord')!;
    expect(ask(`/digest run-now ${s.name}`, { platform: 'discord', channel: 'discord:900', user: 'discord:701', admin: false }).summary).toMatch(/只有管理员或订阅的创建者/);
    // Manage Channels elsewhere (another channel, perhaps another server) vouches for nothing here.
    expect(ask(`/digest run-now ${s.name}`, { platform: 'discord', channel: 'discord:901', user: 'discord:702', admin: true }).summary).toMatch(/管理员请在它所在的频道里操作/);
  });
});

describe('Slack asks who is an admin (users.info) before every command that needs it', () => {
  it('remove in either language and run-now', async () => {
    const { needsAdminCheck } = await import('../../src/adapters/slack-permissions.js');
    expect(['remove fa', '删除 fa', 'run-now fa', 'RUN-NOW fa'].map((t) => needsAdminCheck('digest', t))).toEqual([true, true, true, true]);
    expect(['list', 'add 每天 09:00', 'preview fa', 'removed'].map((t) => needsAdminCheck('digest', t))).toEqual([false, false, false, false]);
  });
});
