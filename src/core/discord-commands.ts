// Discord's CHAT_INPUT command JSON from the command definitions: English names and descriptions
// with zh-CN localizations, closed lists as choices, integer bounds, subcommands where a command
// declares them, Manage Channels by default for commands that change what a channel receives, and
// /ask for questions in one's own words.
import { DISCORD } from '../render/limits.js';
import type { CommandDef, OptionDef } from './command.js';
import { CSV_OPTION_LOCALE, DISCORD_LOCALE } from './discord-locale.js';

const TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5 } as const;
/** Permission bit MANAGE_CHANNELS, as Discord's string bitfield. */
export const MANAGE_CHANNELS = String(1 << 4);

/** /ask exists on Discord only: elsewhere a question is simply typed (console, Slack mentions and DMs). */
export const ASK_COMMAND = 'ask';
const ask: Pick<CommandDef, 'name' | 'summary' | 'options'> = {
  name: ASK_COMMAND, summary: '用自己的话提问，如：竹山县医保局三公经费是多少',
  options: [{ name: 'question', description: '你的问题', type: 'string', required: true }],
};

const cut = (s: string) => s.slice(0, DISCORD.commandDescription);

function option(o: OptionDef, locale: [string, string] | undefined) {
  return {
    type: TYPE[o.type],
    name: o.name,
    name_localizations: locale ? { 'zh-CN': locale[1] } : undefined,
    description: cut(locale?.[0] ?? o.description),
    description_localizations: { 'zh-CN': cut(o.description) },
    required: !!o.required,
    // Discord allows either fixed choices or autocomplete on one option, not both.
    ...(o.choices ? { choices: o.choices.slice(0, DISCORD.autocompleteChoices).map((c) => ({ name: c, value: c })) } : o.complete ? { autocomplete: true } : {}),
    ...(o.min !== undefined ? { min_value: o.min } : {}),
    ...(o.max !== undefined ? { max_value: o.max } : {}),
  };
}

/** Required options first, as Discord demands. */
const ordered = (options: OptionDef[]) => [...options].sort((a, b) => Number(!!b.required) - Number(!!a.required));

export function discordCommands(commands: CommandDef[]) {
  return [...commands, ask as CommandDef].map((c) => {
    const loc = DISCORD_LOCALE[c.name];
    const options = c.subcommands
      ? c.subcommands.map((s) => ({
        type: TYPE.subcommand, name: s.name,
        name_localizations: loc?.options[s.name] ? { 'zh-CN': loc.options[s.name][1] } : undefined,
        description: cut(loc?.options[s.name]?.[0] ?? s.description),
        description_localizations: { 'zh-CN': cut(s.description) },
        options: ordered(s.options).map((o) => option(o, loc?.options[`${s.name}.${o.name}`])),
      }))
      : [...ordered(c.options).map((o) => option(o, loc?.options[o.name])),
        ...(c.name === ASK_COMMAND ? [] : [{ type: TYPE.boolean, name: 'csv', name_localizations: undefined, description: CSV_OPTION_LOCALE[0], description_localizations: { 'zh-CN': CSV_OPTION_LOCALE[1] }, required: false }])];
    return {
      type: 1,
      name: c.name,
      name_localizations: loc ? { 'zh-CN': loc.zh } : undefined,
      description: cut(loc?.en ?? c.summary),
      description_localizations: { 'zh-CN': cut(c.summary) },
      ...(c.managesChannel ? { default_member_permissions: MANAGE_CHANNELS } : {}),
      options,
    };
  });
}
