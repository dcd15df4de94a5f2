// Whether dist/ is the build of the sources as they are now: it exists, and no source it was built
// from is newer than the build or gone. One stat per source (≈150, about a millisecond).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Why the build in `dist` cannot run as it is, or null when it is current. */
export function staleReason(root, dist = join(root, 'dist')) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(dist, 'build-info.json'), 'utf8'));
  } catch {
    return '尚未编译';
  }
  for (const input of info.inputs) {
    let mtime;
    try {
      mtime = statSync(join(root, input)).mtimeMs;
    } catch {
      return `${input} 已不存在`;
    }
    if (mtime > info.built) return `${input} 比编译结果新`;
  }
  return null;
}

// Run by itself (the Dockerfile does, once development packages are pruned): fails when the build
// is not current, since where esbuild is gone the bin could not rebuild it at start.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const stale = staleReason(join(dirname(fileURLToPath(import.meta.url)), '..'));
  if (stale) {
    process.stderr.write(`budget-bot: dist/ is not the build of the sources (${stale})\n`);
    process.exit(1);
  }
}
