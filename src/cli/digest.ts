// budget-bot digest NAME: one subscription's digest printed (--dry-run) or posted now (--now).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp } from '../app.js';
import { createDigestRunner } from '../digest/runner.js';
import { createDigestService } from '../digest/service.js';
import { openDigestState } from '../digest/state.js';
import type { DigestStore } from '../digest/store.js';
import { parseSubscriptionsFile } from '../digest/subscription.js';
import { renderText } from '../render/text.js';
import { ensureDatabase } from './database.js';
import { platformSetup } from './platform.js';

export async function digest(name: string, opts: { dryRun?: boolean; now?: boolean; db?: string }): Promise<void> {
  const { cfg, log } = platformSetup();
  const dbFile = resolve(opts.db ?? cfg.dbFile);
  await ensureDatabase(dbFile);
  const app = openApp(dbFile, log);
  // With DATABASE_URL, the replicas' shared state: the run log there is what keeps a post single.
  const shared = cfg.shared ? await (await import('../shared/pg.js')).openSharedDb(cfg.shared.databaseUrl, log) : null;
  const state: DigestStore = shared ? await (await import('../digest/state-pg.js')).openPgDigestState(shared.pool, log) : openDigestState(cfg.digestStateFile, log);
  try {
    await state.syncFile(existsSync(cfg.digestsFile) ? parseSubscriptionsFile(readFileSync(cfg.digestsFile, 'utf8'), cfg.digestsFile) : [], new Date());
    const posters: Parameters<typeof createDigestRunner>[0]['posters'] = {};
    const { discordPoster, slackPoster } = await import('../digest/posters.js');
    if (cfg.slack) {
      const { webApi } = await import('@slack/bolt');
      posters.slack = slackPoster(new webApi.WebClient(cfg.slack.botToken, cfg.slack.apiUrl ? { slackApiUrl: cfg.slack.apiUrl } : {}));
    }
    if (cfg.discord) {
      const { REST } = await import('discord.js');
      posters.discord = discordPoster(new REST(cfg.discord.apiUrl ? { api: cfg.discord.apiUrl } : {}).setToken(cfg.discord.token));
    }
    const runner = createDigestRunner({ state, context: () => app.ctx, posters, log });
    const service = createDigestService({ state, runner, context: () => app.ctx });
    if (opts.now && !opts.dryRun) console.log(`${name}：${await service.runNow(name)}`);
    else console.log(renderText(service.preview(name)));
  } finally {
    await state.close();
    await shared?.close();
    app.close();
  }
}
