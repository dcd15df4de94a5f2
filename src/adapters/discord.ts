// The Discord adapter (discord.js 14): application commands with typed options and autocomplete
// from the loaded data, /ask and mentions for free questions, and answer buttons. Transport only:
// read the interaction, dispatch, render embeds, reply. A command that may be slow the first time,
// or has recently taken longer than `deferAfterMs`, is deferred first, so Discord's three-second
// window never closes on a slow answer.
import { ApplicationCommandOptionType, Client, DiscordAPIError, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits, REST, Routes, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { App } from '../app.js';
import type { DiscordConfig } from '../config.js';
import { complete } from '../core/autocomplete.js';
import { createTtlSet } from '../core/rate-limit.js';
import type { Logger } from '../log.js';
import { ASK_COMMAND, discordCommands } from './discord-commands.js';
import { PLAIN_NAMES, type CommandNames } from '../core/command-names.js';
import { segmenterLoaded } from '../query/segment.js';
import { clip, DISCORD } from '../render/limits.js';
import { createActionIds, isOurButton, type ActionIds } from './discord-actions.js';
import { answerMentions } from './discord-mentions.js';
import { addUploadedDocuments } from './discord-uploads.js';
import type { DocumentAdder } from '../added/add-document.js';
import { replyWithAnswer, replyWithSourceView, updateWithAnswer } from './discord-reply.js';
import { digestModal, DIGEST_MODAL_ID, onDigestModalSubmit } from './discord-digest-modal.js';
import { requestReplacesMessage, takeFlags } from '../core/actions.js';

export interface DiscordAdapter {
  client: Client;
  stop(): Promise<void>;
}

/** Interactions expire after 15 minutes, or 3 seconds unanswered: Discord says "Unknown interaction". */
const EXPIRED = new Set([10062, 10015]);

/** Commands that segment text: slow while the segmenter's dictionary is not yet loaded (about a second). */
const SEGMENTING = new Set(['search', ASK_COMMAND]);

/**
 * Whether to defer before answering: a command seen to be slow lately, or one that segments while
 * the dictionary is still unloaded — so the first /search is deferred before it is ever seen slow.
 */
export function shouldDefer(name: string, lastMs: number | undefined, deferAfterMs: number, segmenterReady: boolean): boolean {
  if (lastMs !== undefined) return lastMs > deferAfterMs;
  return (SEGMENTING.has(name) && !segmenterReady) || 0 > deferAfterMs;
}

/** Slash options as dispatch takes them; a subcommand and its values (in declared order) become the text. */
function requestOf(interaction: ChatInputCommandInteraction, app: App, name: string): { command?: string; text?: string; options: Record<string, string | number | boolean> } {
  if (name === ASK_COMMAND) return { text: String(interaction.options.get('question')?.value ?? ''), options: {} };
  const sub = interaction.options.data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub) {
    const declared = app.commands.find((c) => c.name === name)?.subcommands?.find((s) => s.name === sub.name)?.options ?? [];
    const values = declared.map((d) => sub.options?.find((o) => o.name === d.name)?.value).filter((v) => v !== undefined && v !== '');
    return { command: name, text: [sub.name, ...values].join(' '), options: {} };
  }
  return { command: name, options: Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value as string | number | boolean])) };
}

async function onInteraction(interaction: Interaction, app: App, latency: Map<string, number>, deferAfterMs: number, ids: ActionIds, names: CommandNames) {
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    const def = app.commands.find((c) => c.name === names.definitionOf(interaction.commandName));
    const sub = interaction.options.getSubcommand(false);
    const option = (sub ? def?.subcommands?.find((s) => s.name === sub)?.options : def?.options)?.find((o) => o.name === focused.name);
    const choices = option?.complete ? complete(option.complete, String(focused.value), app.ctx.catalog, app.commands, DISCORD.autocompleteChoices) : [];
    await interaction.respond(choices.map((c) => ({ name: clip(c, DISCORD.choiceText), value: clip(c, DISCORD.choiceText) })));
    return;
  }
  const who = { platform: 'discord', user: `discord:${interaction.user.id}`, channel: `discord:${interaction.channelId}`, admin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false };
  if (interaction.isButton() && isOurButton(interaction)) {
    const request = ids.decode(interaction.customId);
    if (!request) {
      await interaction.reply({ content: '这个按钮已过期，请重新提问。', flags: MessageFlags.Ephemeral });
      return;
    }
    // A press re-runs the command, as slow as it has been (显示全部 slower still): under the slash
    // commands' rule it is deferred first — as an update of the message it sits on, or as a new reply.
    const replaces = requestReplacesMessage(request);
    // 查看原文 draws pages (seconds): always deferred.
    const deferred = takeFlags(request.text).flags.sourceImage || shouldDefer(request.command, latency.get(request.command), deferAfterMs, segmenterLoaded());
    if (deferred) await (replaces ? interaction.deferUpdate() : interaction.deferReply());
    // Pressed as the presser: their rate limit, their permissions.
    const result = await app.ask({ command: request.command, options: request.options, text: request.text, ...who });
    latency.set(request.command, result.millis);
    if (result.sourceImage && result.outcome === 'ok') await replyWithSourceView(interaction, result, () => app.sourceView(result), ids);
    // Once deferred as an update, even a private answer (an error) goes that way: it follows the message.
    else if (replaces && (deferred || !result.answer.ephemeral)) await updateWithAnswer(interaction, result, ids, { deferred });
    else await replyWithAnswer(interaction, result, ids, { deferred, filesOnly: /--csv/.test(request.text) });
    return;
  }
  if (interaction.isModalSubmit() && interaction.customId === DIGEST_MODAL_ID) {
    await onDigestModalSubmit(interaction, app, ids, who);
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  // Registered under a prefix (BUDGET_BOT_COMMAND_PREFIX), dispatched under the definition's name.
  const name = names.definitionOf(interaction.commandName) ?? interaction.commandName;
  if (name === 'digest' && interaction.options.getSubcommand(false) === 'add-form') {
    await interaction.showModal(digestModal());
    return;
  }
  const deferred = shouldDefer(name, latency.get(name), deferAfterMs, segmenterLoaded());
  if (deferred) await interaction.deferReply();
  const result = await app.ask({ ...requestOf(interaction, app, name), ...who });
  latency.set(name, result.millis);
  await replyWithAnswer(interaction, result, ids, { deferred });
}

export interface DiscordOptions {
  deferAfterMs?: number;
  seenInteraction?: (id: string) => Promise<boolean>;
  /** The names the commands were registered under (a prefix, if configured). */
  names?: CommandNames;
  /** Adds documents attached to messages for the bot (absent: attachments are not looked at). */
  adder?: DocumentAdder;
}

export async function startDiscord(app: App, cfg: DiscordConfig, log: Logger, { deferAfterMs = 1000, seenInteraction, names = PLAIN_NAMES, adder }: DiscordOptions = {}): Promise<DiscordAdapter> {
  // GuildMessages (not privileged) brings mentions; their text arrives without Message Content.
  // discord.js keeps a request handler per interaction route (id and token in the path) and sweeps
  // idle ones hourly by default: under steady use that is an hour of handlers (issue 15 item 12).
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { ...(cfg.apiUrl ? { api: cfg.apiUrl } : {}), handlerSweepInterval: 60_000 } });
  const latency = new Map<string, number>();
  const ids = createActionIds();
  answerMentions(client, app, ids, log);
  if (adder) addUploadedDocuments(client, app, adder, ids, log);
  // A resumed gateway session can replay events: each interaction is answered once.
  // With replicas, the memory is shared (PostgreSQL): a session resumed on another replica too.
  const seen = createTtlSet(20 * 60 * 1000);
  const firstSight = seenInteraction ?? (async (id: string) => seen.add(id));
  client.on(Events.InteractionCreate, async (interaction) => {
    if (!(await firstSight(interaction.id))) {
      log({ level: 'info', source: 'discord', message: 'duplicate interaction ignored', interactionId: interaction.id });
      return;
    }
    try {
      await onInteraction(interaction, app, latency, deferAfterMs, ids, names);
    } catch (err) {
      const expired = err instanceof DiscordAPIError && EXPIRED.has(Number(err.code));
      log({ level: expired ? 'warn' : 'error', source: 'discord', message: expired ? 'interaction expired before the answer was sent' : 'failed to answer an interaction', error: (err as Error).message });
    }
  });
  client.on(Events.Error, (err) => log({ level: 'error', source: 'discord', error: err.message }));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(cfg.token);
  await ready;
  log({ level: 'info', source: 'discord', message: `Discord connected as ${client.user?.tag ?? 'bot'}` });
  return { client, stop: () => client.destroy() };
}

/** Registers every command, globally or for one guild (instant, for testing a server). */
export async function registerDiscordCommands({ commands, names = PLAIN_NAMES }: { commands: App['commands']; names?: CommandNames }, cfg: DiscordConfig): Promise<{ scope: string; count: number }> {
  const rest = new REST(cfg.apiUrl ? { api: cfg.apiUrl } : {}).setToken(cfg.token);
  const body = discordCommands(commands, names);
  const route = cfg.guildId ? Routes.applicationGuildCommands(cfg.applicationId, cfg.guildId) : Routes.applicationCommands(cfg.applicationId);
  await rest.put(route, { body });
  return { scope: cfg.guildId ? `服务器 ${cfg.guildId}` : '全局', count: body.length };
}
