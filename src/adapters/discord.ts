// The Discord adapter (discord.js 14): application commands with typed options and autocomplete
// from the loaded data. Transport only: read the interaction, dispatch, render embeds, reply.
// A command that has recently taken longer than `deferAfterMs` is deferred first, so Discord's
// three-second window never closes on a slow answer.
import { Client, DiscordAPIError, Events, GatewayIntentBits, MessageFlags, REST, Routes, type Interaction } from 'discord.js';
import type { App } from '../app.js';
import type { DiscordConfig } from '../config.js';
import { complete } from '../core/autocomplete.js';
import { createTtlSet } from '../core/rate-limit.js';
import { discordCommands } from '../core/registry.js';
import type { Logger } from '../log.js';
import { renderDiscord } from '../render/discord.js';
import { attachmentsFor } from '../render/attachments.js';
import { clip, DISCORD } from '../render/limits.js';

export interface DiscordAdapter {
  client: Client;
  stop(): Promise<void>;
}

/** Interactions expire after 15 minutes, or 3 seconds unanswered: Discord says "Unknown interaction". */
const EXPIRED = new Set([10062, 10015]);

async function onInteraction(interaction: Interaction, app: App, latency: Map<string, number>, deferAfterMs: number) {
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    const option = app.commands.find((c) => c.name === interaction.commandName)?.options.find((o) => o.name === focused.name);
    const choices = option?.complete ? complete(option.complete, String(focused.value), app.ctx.catalog, app.commands, DISCORD.autocompleteChoices) : [];
    await interaction.respond(choices.map((c) => ({ name: clip(c, DISCORD.choiceText), value: clip(c, DISCORD.choiceText) })));
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  const name = interaction.commandName;
  const deferred = (latency.get(name) ?? 0) > deferAfterMs;
  if (deferred) await interaction.deferReply();
  const options = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value as string | number | boolean]));
  const result = app.dispatch({ command: name, options, platform: 'discord', user: `discord:${interaction.user.id}`, channel: `discord:${interaction.channelId}` });
  latency.set(name, result.millis);
  const [first, ...rest] = renderDiscord(result.answer);
  const ephemeral = result.answer.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (deferred && ephemeral) {
    // A deferred reply is public; an error for the asker alone goes as an ephemeral follow-up.
    await interaction.deleteReply();
    await interaction.followUp({ ...first, flags: ephemeral });
  } else if (deferred) await interaction.editReply(first);
  else await interaction.reply({ ...first, flags: ephemeral });
  for (const m of rest) await interaction.followUp({ ...m, flags: ephemeral });
  // The chart and CSV are attached to the reply once rendered, so the reply itself is never late.
  if (ephemeral) return;
  const files = await attachmentsFor(result.answer, { csv: result.csv });
  if (files.length) {
    const embeds = first.embeds.map((e, i) => (i === 0 && files.some((f) => f.name === 'chart.png') ? { ...e, image: { url: 'attachment://chart.png' } } : e));
    await interaction.editReply({ embeds, files: files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name })) });
  }
}

export async function startDiscord(app: App, cfg: DiscordConfig, log: Logger, { deferAfterMs = 1000 } = {}): Promise<DiscordAdapter> {
  // discord.js keeps a request handler per interaction route (id and token in the path) and sweeps
  // idle ones hourly by default: under steady use that is an hour of handlers (issue 15 item 12).
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { ...(cfg.apiUrl ? { api: cfg.apiUrl } : {}), handlerSweepInterval: 60_000 } });
  const latency = new Map<string, number>();
  // A resumed gateway session can replay events: each interaction is answered once.
  const seen = createTtlSet(20 * 60 * 1000);
  client.on(Events.InteractionCreate, async (interaction) => {
    if (!seen.add(interaction.id)) {
      log({ level: 'info', source: 'discord', message: 'duplicate interaction ignored', interactionId: interaction.id });
      return;
    }
    try {
      await onInteraction(interaction, app, latency, deferAfterMs);
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
export async function registerDiscordCommands(app: Pick<App, 'commands'>, cfg: DiscordConfig): Promise<{ scope: string; count: number }> {
  const rest = new REST(cfg.apiUrl ? { api: cfg.apiUrl } : {}).setToken(cfg.token);
  const body = discordCommands(app.commands);
  const route = cfg.guildId ? Routes.applicationGuildCommands(cfg.applicationId, cfg.guildId) : Routes.applicationCommands(cfg.applicationId);
  await rest.put(route, { body });
  return { scope: cfg.guildId ? `服务器 ${cfg.guildId}` : '全局', count: body.length };
}
