// Discord's application commands from the command definitions, built with discord.js's builders
// (which check names, lengths and option order as Discord does): English names and descriptions
// with zh-CN localizations, closed lists as choices, integer bounds, subcommands where a command
// declares them, Manage Channels by default for commands that change what a channel receives, and
// /ask for questions in one's own words. Declared for servers that install the bot; usable in its
// channels and, except channel settings, in a DM with the bot.
import {
  ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDef, OptionDef } from '../core/command.js';
import { PLAIN_NAMES, type CommandNames } from '../core/command-names.js';
import { CSV_OPTION_LOCALE, DISCORD_LOCALE } from '../core/discord-locale.js';
import { DISCORD } from '../render/limits.js';

/** /ask exists on Discord only: elsewhere a question is simply typed (console, Slack mentions and DMs). */
export const ASK_COMMAND = 'ask';
const ask: CommandDef = {
  name: ASK_COMMAND, summary: '用自己的话提问，如：竹山县医保局三公经费是多少', usage: '/ask <问题>', examples: [],
  options: [{ name: 'question', description: '你的问题', type: 'string', required: true }],
  run: () => { throw new Error('/ask is answered as free text'); },
};

const cut = (s: string) => s.slice(0, DISCORD.commandDescription);

type OptionHolder = SlashCommandBuilder | SlashCommandSubcommandBuilder;

/** One option, its English description from the locale table and the definition's Chinese as zh-CN. */
function addOption(to: OptionHolder, o: OptionDef, locale: [string, string] | undefined): void {
  const common = <T extends { setName(n: string): T; setDescription(d: string): T; setDescriptionLocalization(l: 'zh-CN', d: string): T; setNameLocalization(l: 'zh-CN', n: string): T; setRequired(r: boolean): T }>(b: T): T => {
    b.setName(o.name).setDescription(cut(locale?.[0] ?? o.description)).setDescriptionLocalization('zh-CN', cut(o.description)).setRequired(!!o.required);
    if (locale) b.setNameLocalization('zh-CN', locale[1]);
    return b;
  };
  if (o.type === 'integer') {
    to.addIntegerOption((b) => {
      common(b);
      if (o.min !== undefined) b.setMinValue(o.min);
      if (o.max !== undefined) b.setMaxValue(o.max);
      return o.complete ? b.setAutocomplete(true) : b;
    });
    return;
  }
  to.addStringOption((b) => {
    common(b);
    // Discord allows either fixed choices or autocomplete on one option, not both.
    if (o.choices) return b.addChoices(...o.choices.slice(0, DISCORD.autocompleteChoices).map((c) => ({ name: c, value: c })));
    return o.complete ? b.setAutocomplete(true) : b;
  });
}

/** Required options first, as Discord demands. */
const ordered = (options: OptionDef[]) => [...options].sort((a, b) => Number(!!b.required) - Number(!!a.required));

function commandOf(c: CommandDef, names: CommandNames): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const loc = DISCORD_LOCALE[c.name];
  const b = new SlashCommandBuilder()
    .setName(names.registered(c.name))
    .setDescription(cut(loc?.en ?? c.summary))
    .setDescriptionLocalization('zh-CN', cut(c.summary))
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    // A channel's digests belong to a server channel; every question works in a DM with the bot too.
    .setContexts(c.managesChannel ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM]);
  // Localized names carry no prefix: they are what a zh-CN client shows instead of the English.
  if (loc) b.setNameLocalization('zh-CN', loc.zh);
  if (c.managesChannel) b.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels);
  if (c.subcommands) {
    for (const s of c.subcommands) {
      b.addSubcommand((sb) => {
        sb.setName(s.name).setDescription(cut(loc?.options[s.name]?.[0] ?? s.description)).setDescriptionLocalization('zh-CN', cut(s.description));
        if (loc?.options[s.name]) sb.setNameLocalization('zh-CN', loc.options[s.name][1]);
        for (const o of ordered(s.options)) addOption(sb, o, loc?.options[`${s.name}.${o.name}`]);
        return sb;
      });
    }
    return b.toJSON();
  }
  for (const o of ordered(c.options)) addOption(b, o, loc?.options[o.name]);
  if (c.name !== ASK_COMMAND) {
    b.addBooleanOption((o) => o.setName('csv').setDescription(CSV_OPTION_LOCALE[0]).setDescriptionLocalization('zh-CN', CSV_OPTION_LOCALE[1]).setRequired(false));
  }
  return b.toJSON();
}

export function discordCommands(commands: CommandDef[], names: CommandNames = PLAIN_NAMES): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...commands, ask].map((c) => commandOf(c, names));
}
