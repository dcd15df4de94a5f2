// Platform registrations generated from the command definitions: the Slack app manifest and the
// Discord application-command JSON. One definition, every platform.
import { DISCORD } from '../render/limits.js';
import type { CommandDef } from './command.js';

export function slackManifest(commands: CommandDef[], { requestUrl, socketMode = false }: { requestUrl?: string; socketMode?: boolean } = {}) {
  const url = requestUrl ?? 'https://budget-bot.example.org/slack/events';
  return {
    display_information: {
      name: 'budget-bot',
      description: '政府部门预算问答：每个数字都注明出处',
      background_color: '#2b6cb0',
    },
    features: {
      bot_user: { display_name: 'budget-bot', always_online: true },
      app_home: { messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: commands.map((c) => ({
        command: `/${c.name}`,
        description: c.summary,
        usage_hint: c.usage.replace(/^\/\S+\s*/, ''),
        should_escape: false,
        ...(socketMode ? {} : { url }),
      })),
    },
    oauth_config: {
      scopes: { bot: ['commands', 'app_mentions:read', 'chat:write', 'im:history', 'im:read', 'im:write', 'files:write'] },
    },
    settings: {
      event_subscriptions: { ...(socketMode ? {} : { request_url: url }), bot_events: ['app_mention', 'message.im'] },
      interactivity: { is_enabled: true, ...(socketMode ? {} : { request_url: url }) },
      socket_mode_enabled: socketMode,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

const OPTION_TYPE = { string: 3, integer: 4 } as const;
const BOOLEAN = 5;

/** Discord's CHAT_INPUT command JSON (type 1); required options come first, as Discord demands. */
export function discordCommands(commands: CommandDef[]) {
  return commands.map((c) => ({
    type: 1,
    name: c.name,
    description: c.summary.slice(0, DISCORD.commandDescription),
    options: [...c.options].sort((a, b) => Number(!!b.required) - Number(!!a.required)).map((o) => ({
      type: OPTION_TYPE[o.type],
      name: o.name,
      description: o.description.slice(0, DISCORD.commandDescription),
      required: !!o.required,
      ...(o.complete ? { autocomplete: true } : {}),
    })).concat([{ type: BOOLEAN, name: 'csv', description: '附上表格的 CSV 文件', required: false } as never]),
  }));
}
