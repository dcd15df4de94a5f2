// Process-wide last resorts for a long-running bot. A promise rejected with nobody listening
// (a timer's callback, a fire-and-forget post) would by Node's default end the process and every
// conversation with it; here it is logged with its stack and the bot keeps serving.
import type { Logger } from './log.js';

export function installProcessGuards(log: Logger): void {
  process.on('unhandledRejection', (reason) => {
    log({ level: 'error', source: 'process', message: 'unhandled rejection: logged, still serving', error: reason instanceof Error ? reason.stack ?? reason.message : String(reason) });
  });
}
