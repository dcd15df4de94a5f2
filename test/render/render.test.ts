// Renderers keep within every platform limit, whatever the answer's size.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createAnswer } from '../../src/core/answer.js';
import { discordCommands } from '../../src/adapters/discord-commands.js';
import { createCommandNames } from '../../src/core/command-names.js';
import { slackManifest } from '../../src/core/registry.js';
import { renderDiscord } from '../../src/render/discord.js';
import { DISCORD, SLACK } from '../../src/render/limits.js';
import { renderSlack } from '../../src/render/slack.js';
import { displayWidth, renderText } from '../../src/render/text.js';

function huge() {
  const b = createAnswer('长'.repeat(400));
  b.answer.summary = '摘要'.repeat(3000);
  for (let i = 0; i < 60; i++) b.field(`字段 ${i}`, '值'.repeat(1500), { source: 'a.txt', department: '某局', year: 2024, scope: '部门', table: '表', line: i + 1 });
  b.table({ title: '表', columns: ['a', 'b'], rows: Array.from({ length: 500 }, (_, i) => [String(i), '内容'.repeat(30)]) });
  for (let i = 0; i < 80; i++) b.answer.warnings.push(`警告 ${i} `.repeat(50));
  return b.answer;
}

describe('Slack Block Kit', () => {
  const messages = renderSlack(huge());
  it('splits into messages of at most 50 blocks, every text within 3000', () => {
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK.blocksPerMessage);
      expect(m.text.length).toBeLessThanOrEqual(SLACK.fallbackText);
      for (const b of m.blocks as any[]) {
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(b.type === 'header' ? SLACK.headerText : SLACK.sectionText);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK.fieldText);
        expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK.fieldsPerSection);
      }
    }
  });
  it('escapes Slack\'s control sequences in everything parsed as mrkdwn', () => {
    const b = createAnswer('<!channel> 标题');
    b.answer.summary = '<@U1> & <!here>';
    const [m] = renderSlack(b.answer);
    const mrkdwn = JSON.stringify([m.text, ...m.blocks.filter((x: any) => x.type !== 'header')]);
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<@U1>/);
    expect(mrkdwn).toContain('&lt;!here&gt;');
  });
});

describe('Discord embeds', () => {
  it('keeps 10 embeds, 25 fields, 1024 per field and 6000 characters per message', () => {
    const messages = renderDiscord(huge());
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(DISCORD.embedsPerMessage);
      let chars = 0;
      for (const e of m.embeds) {
        expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD.fieldsPerEmbed);
        for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(DISCORD.fieldValue);
        expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD.title);
        expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD.description);
        chars += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
      }
      expect(chars).toBeLessThanOrEqual(DISCORD.charsPerMessage);
    }
  });
});

describe('plain text', () => {
  it('aligns CJK as double width and lists sources', () => {
    expect(displayWidth('竹山县 ab')).toBe(9);
    const b = createAnswer('标题');
    b.field('支出总计', '1.00 万元', { source: 'x.txt', department: '某局', year: 2024, scope: '部门', table: '表一', line: 7 });
    expect(renderText(b.answer)).toContain('[1] x.txt · 表一 · 第 7 行（某局 2024年部门）');
  });
});

describe('registrations generated from the definitions', () => {
  it('Discord: required options first, descriptions within 100, autocomplete where the option completes', () => {
    for (const c of discordCommands(COMMANDS)) {
      expect(c.name).toMatch(/^[a-z]{1,32}$/);
      expect(c.description.length).toBeLessThanOrEqual(DISCORD.commandDescription);
      const options = c.options as { required?: boolean }[];
      const firstOptional = options.findIndex((o) => !o.required);
      if (firstOptional >= 0) expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
    }
  });

  it('Slack: every command in the manifest, socket mode without URLs', () => {
    const m = slackManifest(COMMANDS, { socketMode: true });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    expect(JSON.stringify(m)).not.toContain('request_url');
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'app_mentions:read', 'chat:write', 'im:history']));
  });

  it('Slack: the App Home tab is enabled and its event subscribed, in either mode (the adapter publishes the page on app_home_opened)', () => {
    for (const m of [slackManifest(COMMANDS, { socketMode: true }), slackManifest(COMMANDS, { requestUrl: 'https://bot.example.org/slack/events' })]) {
      expect(m.features.app_home.home_tab_enabled).toBe(true);
      expect(m.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    }
  });

  it('Slack: asks only for the scopes it uses, can post digests to channels it was not invited to, hints every command', () => {
    const m = slackManifest(COMMANDS, { requestUrl: 'https://bot.example.org/slack/events' });
    expect(m.settings.event_subscriptions.request_url).toBe('https://bot.example.org/slack/events');
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write.public', 'users:read', 'files:write', 'files:read', 'usergroups:read']));
    expect(m.settings.event_subscriptions.bot_events).toContain('file_shared');
    expect(m.oauth_config.scopes.bot).not.toContain('im:read');
    expect(m.oauth_config.scopes.bot).not.toContain('im:write');
    expect(m.settings.interactivity.is_enabled).toBe(true);
    for (const c of m.features.slash_commands) expect(c.usage_hint.length, c.command).toBeGreaterThan(0);
  });

  it('Discord: built with discord.js builders, declared for server installs, usable in servers and DMs (digests in servers only)', () => {
    const commands = discordCommands(COMMANDS);
    expect(commands.map((c) => c.name)).toEqual([...COMMANDS.map((c) => c.name), 'ask']);
    for (const c of commands) expect(c.integration_types).toEqual([0]);
    expect(commands.find((c) => c.name === 'budget')!.contexts).toEqual([0, 1]);
    const digest = commands.find((c) => c.name === 'digest')!;
    expect(digest.contexts).toEqual([0]);
    expect(digest.default_member_permissions).toBe(String(1 << 4));
    expect(commands.find((c) => c.name === 'budget')!.name_localizations).toEqual({ 'zh-CN': '预算' });
    expect(commands.find((c) => c.name === 'budget')!.options!.at(-1)).toMatchObject({ type: 5, name: 'csv', required: false });
  });

  it('a command prefix renames every command but /budget and /subject, on Slack and Discord alike', () => {
    const names = createCommandNames('bb-');
    const slack = slackManifest(COMMANDS, { socketMode: true }, names).features.slash_commands.map((c) => c.command);
    expect(slack).toEqual(['/budget', '/subject', '/bb-diff', '/bb-trend', '/bb-compare', '/bb-rank', '/bb-search', '/bb-check', '/bb-sources', '/bb-digest', '/bb-help']);
    expect(discordCommands(COMMANDS, names).map((c) => c.name)).toEqual([...slack.map((c) => c.slice(1)), 'bb-ask']);
    expect([names.definitionOf('bb-help'), names.definitionOf('budget'), names.definitionOf('help'), names.definitionOf('/bb-search')]).toEqual(['help', 'budget', undefined, 'search']);
    expect(() => createCommandNames('BB!')).toThrow();
  });
});
