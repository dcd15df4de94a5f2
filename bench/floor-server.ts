// The floor of the Slack burst: a server that answers every request at once with an empty 200, in a
// process of its own as the bot is. The same clients against it time what the machine, loopback and
// the load generator cost by themselves; the bot's share is its p99 above this one.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('');
  });
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => process.send!((server.address() as { port: number }).port));
process.on('message', (m) => m === 'stop' && server.close(() => process.exit(0)));
