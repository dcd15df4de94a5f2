// The Slack app manifest, generated from the command definitions (Discord's command JSON is built
// from the same definitions with discord.js's builders, in src/adapters/discord-commands.ts).
import type { CommandDef } from './command.js';
import { PLAIN_NAMES, type CommandNames } from './command-names.js';

// files:read and file_shared: a document shared in a channel the bot is in is downloaded and added
// (an admin's); usergroups:read tells a member of SLACK_ADMIN_GROUP apart.
const BOT_SCOPES: ('commands' | 'app_mentions:read' | 'chat:write' | 'chat:write.public' | 'im:history' | 'files:write' | 'files:read' | 'users:read' | 'usergroups:read')[] = ['commands', 'app_mentions:read', 'chat:write', 'chat:write.public', 'im:history', 'files:write', 'files:read', 'users:read', 'usergroups:read'];

const BOT_EVENTS: ('app_mention' | 'message.im' | 'app_home_opened' | 'file_shared')[] = ['app_mention', 'message.im', 'app_home_opened', 'file_shared'];

/** HTTP mode needs the URL Slack will post to; Socket Mode needs none. There is no placeholder. */
export type ManifestMode = { requestUrl: string; socketMode?: false } | { socketMode: true; requestUrl?: undefined };

export function slackManifest(commands: CommandDef[], mode: ManifestMode, names: CommandNames = PLAIN_NAMES) {
  const socketMode = !!mode.socketMode;
  const url = mode.requestUrl;
  return {
    display_information: {
      name: 'budget-bot',
      description: '政府部门预算问答：每个数字都注明出处',
      background_color: '#2b6cb0',
    },
    features: {
      bot_user: { display_name: 'budget-bot', always_online: true },
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: commands.map((c) => ({
        command: `/${names.registered(c.name)}`,
        description: c.summary,
        // Slack shows the hint beside the command; a command without arguments says so rather than nothing.
        usage_hint: c.usage.replace(/^\/\S+\s*/, '') || '（不需要参数）',
        should_escape: false,
        ...(socketMode ? {} : { url }),
      })),
    },
    oauth_config: {
      // users:read tells a workspace admin apart (/digest remove); chat:write.public lets a digest post
      // to a channel the bot was not invited to. DMs are read through message.im (im:history) only.
      scopes: { bot: BOT_SCOPES },
    },
    settings: {
      event_subscriptions: { ...(socketMode ? {} : { request_url: url }), bot_events: BOT_EVENTS },
      interactivity: { is_enabled: true, ...(socketMode ? {} : { request_url: url }) },
      socket_mode_enabled: socketMode,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

