// A command is data: its name, help text, typed options and a run function. Help, the Slack
// manifest and Discord's command JSON are all generated from these definitions.
import type { Catalog } from '../query/catalog.js';
import type { Queries } from '../store/queries.js';
import type { Answer } from './answer.js';
import type { CommandNames } from './command-names.js';

export type Completion = 'department' | 'subject' | 'year' | 'topic' | 'metric' | 'command';

export interface OptionDef {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  /** Bounds of an integer option (Discord enforces them in the client). */
  min?: number;
  max?: number;
  /** A closed list of values (Discord shows them as choices instead of autocomplete). */
  choices?: string[];
  /** What autocomplete offers for this option. */
  complete?: Completion;
}

export interface CommandContext {
  queries: Queries;
  catalog: Catalog;
  commands: CommandDef[];
  /** The names the commands are registered under (a prefix, if configured): what help prints. */
  names: CommandNames;
  /** Digest subscriptions, where the bot runs them (absent in a plain console or CLI). */
  digests?: DigestService;
  /** The documents added from chat, with who added them and when (src/added/folder.ts). */
  added?: () => AddedInfo[];
}

export interface AddedInfo {
  /** The name the database cites; the name it was uploaded under. */
  source: string;
  uploadedAs: string;
  addedBy: string;
  addedByName?: string;
  /** ISO 8601. */
  addedAt: string;
}

/** Where a request came from: a digest added in chat posts back to that place. */
export interface Origin {
  platform: string;
  channel?: string;
  user?: string;
  /** The platform says this person may manage the channel (Slack workspace admin, Discord Manage Channels). */
  admin?: boolean;
}

/** What /digest needs from the digest subsystem, kept abstract so commands stay platform-free. */
export interface DigestService {
  list(): { name: string; platform: string; channel: string; creator?: string; schedule: string; timezone: string; content: string; onlyWhenChanged: boolean; next: string | null; last: string | null }[];
  add(text: string, origin: Origin): string;
  /** Removes a subscription; `by` (when given) must be an admin or the subscription's creator. */
  remove(name: string, by?: Origin): boolean;
  preview(name: string): Answer;
  /** Sends one now; `by` (when given) must be an admin or the creator — checked before it returns. */
  runNow(name: string, by?: Origin): Promise<string>;
  /** Stored subscriptions that could not be read and were skipped, with the reason. */
  skipped?(): { name: string; reason: string }[];
}

export interface CommandInput {
  /** Structured options, when the platform sends them (Discord, Slack when parsed). */
  options: Record<string, string | number | undefined>;
  /** The free text after the command name; commands read it when an option is absent. */
  text: string;
  origin?: Origin;
  /** How much to show, from the --all / --page N flags (the buttons' re-runs). */
  view?: View;
}

export interface View {
  all?: boolean;
  page?: number;
}

export interface CommandDef {
  name: string;
  /** One line, Chinese, for menus (Discord allows 100 characters). */
  summary: string;
  usage: string;
  examples: string[];
  options: OptionDef[];
  /**
   * Platforms with subcommands (Discord) show these instead of `options`; the chosen subcommand
   * and its values, in this order, arrive as the free text ("add 每周一 09:00 changes 竹山县").
   */
  subcommands?: { name: string; description: string; options: OptionDef[] }[];
  /** Changes what a whole channel receives: Discord asks for Manage Channels by default. */
  managesChannel?: boolean;
  run(input: CommandInput, ctx: CommandContext): Answer;
}

export function defineCommand(def: CommandDef): CommandDef {
  return def;
}

/** An option's value as text, or the whole free text when the option was not sent separately. */
export function optionText(input: CommandInput, name: string): string {
  const v = input.options[name];
  return v === undefined || v === '' ? input.text : String(v);
}
