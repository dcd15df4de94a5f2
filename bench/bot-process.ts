// The bot under load, in its own process as in production (Slack and Discord are elsewhere): the
// load generator and the platform fakes run in the parent, so what is timed and weighed is this
// process alone. Told the fakes' URLs in argv; says its Slack port over IPC; answers 'memory'
// with its usage after a GC; stops on 'stop'.
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { startDiscord } from '../src/adapters/discord.js';
import { startSlack } from '../src/adapters/slack.js';
import { openApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { DEFAULT_DATA_DIR } from '../src/paths.js';
import { ingestDirectory } from '../src/store/ingest.js';
import { APP_ID } from '../test/fakes/discord.js';

const [dir, slackApiUrl, discordApiUrl, secret] = process.argv.slice(2);
const db = join(dir, 'load.sqlite');
ingestDirectory(DEFAULT_DATA_DIR, db);
const quiet = createLogger({ level: 'warn', secrets: [secret], write: () => {} });
const app = openApp(db, quiet);
// Arrival-to-acknowledgement times inside the bot, apart from the load generator's own delays.
let acks: number[] = [];
const slack = await startSlack(app, { botToken: 'xoxb-load-1', signingSecret: secret, port: 0, apiUrl: slackApiUrl }, quiet, { observeAck: (ms) => void acks.push(ms) });
const discord = await startDiscord(app, { token: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.loadloadloadloadloadloadloadloadloadABCD', applicationId: APP_ID, apiUrl: discordApiUrl }, quiet);

process.on('message', async (m) => {
  if (m === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const u = process.memoryUsage();
    process.send!({ memory: { rss: u.rss, heapUsed: u.heapUsed } });
  } else if (typeof m === 'object' && m && 'snapshot' in m) {
    // For finding what grows: a heap snapshot where the load driver asks for one.
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ snapshot: writeHeapSnapshot((m as { snapshot: string }).snapshot) });
  } else if (m === 'acks') {
    process.send!({ acks });
    acks = [];
  } else if (m === 'stop') {
    await slack.stop();
    await discord.stop();
    app.close();
    process.exit(0);
  }
});
process.send!({ port: slack.port });
