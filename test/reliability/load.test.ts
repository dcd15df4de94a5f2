// A smaller run of the load test inside npm test (npm run load runs the full 1,000).
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load-driver.js';
import { tempDir } from '../helpers/tmp.js';

describe('load through the real adapters on loopback', () => {
  it('300 signed slash commands at once and 150 Discord interactions: zero errors, every answer right, in the ack or through response_url', async () => {
    const r = await runLoad({ requests: 300, inFlight: 300, interactions: 150, dir: tempDir() });
    expect(r.slack).toMatchObject({ requests: 300, errors: 0, wrong: 0 });
    // Inside the bot an acknowledgement never waits for answers (the client side depends on the machine's load).
    expect(r.inBot.p99).toBeLessThan(500);
    expect(r.discord).toMatchObject({ interactions: 150, answered: 150, wrong: 0 });
  }, 120_000);
});
