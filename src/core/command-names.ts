// The names commands are registered under on Slack and Discord. Generic names (/help, /search,
// /check…) collide with other apps and with Slack's own search, so a workspace may set a prefix
// (BUDGET_BOT_COMMAND_PREFIX=bb- gives /bb-help, /bb-search); /budget and /subject are this bot's
// own and keep their names. The core and the dispatcher only ever see the definitions' names.

/** Commands whose names are distinctive enough to keep without the prefix. */
export const UNPREFIXED: ReadonlySet<string> = new Set(['budget', 'subject']);

/** Slack and Discord both take lowercase letters, digits, "-" and "_"; 32 characters at most. */
export const PREFIX_PATTERN = /^[a-z0-9][a-z0-9_-]{0,9}$/;

export interface CommandNames {
  prefix: string;
  /** The name a command is registered under on the platform. */
  registered(name: string): string;
  /** The definition's name behind a registered one (undefined: not one of ours). */
  definitionOf(registered: string): string | undefined;
}

export function createCommandNames(prefix = ''): CommandNames {
  if (prefix && !PREFIX_PATTERN.test(prefix)) throw new Error(`invalid command prefix: ${prefix}`);
  const registered = (name: string) => (prefix && !UNPREFIXED.has(name) ? `${prefix}${name}` : name);
  return {
    prefix,
    registered,
    definitionOf(name) {
      const bare = name.replace(/^\//, '');
      if (UNPREFIXED.has(bare)) return bare;
      if (!prefix) return bare;
      return bare.startsWith(prefix) ? bare.slice(prefix.length) : undefined;
    },
  };
}

/** No prefix: every command under its own name. */
export const PLAIN_NAMES = createCommandNames();

/**
 * Text for the asker ("/search 医疗", "用 /sources 查看") with each of `known` commands written as
 * registered: with a prefix, "/search" is another app's command (or Slack's own search).
 */
export function registeredText(text: string, names: CommandNames, known: ReadonlySet<string>): string {
  if (!names.prefix) return text;
  // A "/" starting a word only: a path or URL ("a/search") is left as it is.
  return text.replace(/(?<![\w/.-])\/([a-z][\w-]*)/g, (whole, name: string) => (known.has(name) ? `/${names.registered(name)}` : whole));
}
