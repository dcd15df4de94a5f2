// Fetching an uploaded file from a chat platform with a hard size cap: the declared length is
// checked first, and the body is read no further than the cap whatever the header said, so a file
// (or a server) that lies about its size cannot fill memory.
export class DownloadRefused extends Error {}

export async function fetchCapped(url: string, headers: Record<string, string>, maxBytes: number, timeoutMs = 60_000): Promise<Uint8Array> {
  const res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new DownloadRefused(`下载失败（HTTP ${res.status}）`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new DownloadRefused(tooLargeToAdd(declared, maxBytes));
  }
  // Slack answers a request without a valid token with its sign-in page (HTML, 200), not an error.
  if (/text\/html/i.test(res.headers.get('content-type') ?? '')) {
    await res.body?.cancel();
    throw new DownloadRefused('下载得到的是网页而不是文件（机器人可能缺少读取文件的权限 files:read）');
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += chunk.length;
    if (total > maxBytes) throw new DownloadRefused(tooLargeToAdd(total, maxBytes));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export const tooLargeToAdd = (bytes: number, maxBytes: number) =>
  `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB，上限 ${Math.round(maxBytes / 1024 / 1024)} MB），不像是一份预算公开文件`;
