// The added folder's names and the capped download: an upload's name can never leave the folder or
// replace another file, and a server that sends more than the cap (whatever it declares) is cut off.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { DownloadRefused, fetchCapped } from '../../src/added/download.js';
import { freeName, listAdded, sourceNameOf, storeAdded } from '../../src/added/folder.js';
import { tempDir } from '../helpers/tmp.js';

describe('names in the added folder', () => {
  const dir = tempDir();

  it.each([
    ['../../etc/cron.d/x.txt', 'x.txt'],
    ['C:\\Users\\a\\预算.PDF', '预算.pdf'],
    ['.hidden.txt', 'hidden.txt'],
    ['.txt', 'document.txt'],
    ['a<b>:c|d?.docx', 'a_b__c_d_.docx'],
    [`${'很'.repeat(200)}.pdf`, `${'很'.repeat(60)}.pdf`],
  ])('%s is stored as %s', (uploaded, name) => {
    expect(freeName(dir, uploaded)).toBe(name);
  });

  it('a second upload of one name gets a name of its own; PDF parts are cited as one document', () => {
    storeAdded(dir, Buffer.from('a'), { file: '预算.pdf', uploadedAs: '预算.pdf', sha256: 'a', bytes: 1, addedBy: 'slack:U1', addedAt: '2026-12-07T15:00:00.000Z' });
    expect(freeName(dir, '预算.pdf')).toBe('预算-2.pdf');
    expect(sourceNameOf('x_part1.pdf')).toBe('x.pdf');
    expect(listAdded(dir).map((d) => [d.file, d.source, d.addedBy])).toEqual([['预算.pdf', '预算.pdf', 'slack:U1']]);
  });
});

describe('the capped download', () => {
  async function serve(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/f`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
  }

  it('stops reading a body that runs past the cap, however it was declared', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = () => { while (sent < 100 && res.write(chunk)) sent++; if (sent < 100) res.once('drain', pump); else res.end(); };
      pump();
    });
    try {
      await expect(fetchCapped(s.url, {}, 1024 * 1024)).rejects.toThrow(DownloadRefused);
    } finally {
      await s.close();
    }
  });

  it('refuses a declared length over the cap, and a sign-in page instead of the file', async () => {
    const s = await serve((req, res) => {
      if (req.headers.authorization) res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(5 * 1024 * 1024) }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
    });
    try {
      await expect(fetchCapped(s.url, { authorization: 'Bearer x' }, 1024 * 1024)).rejects.toThrow(/文件过大（5\.0 MB，上限 1 MB）/);
      await expect(fetchCapped(s.url, {}, 1024 * 1024)).rejects.toThrow(/网页而不是文件/);
    } finally {
      await s.close();
    }
  });
});
