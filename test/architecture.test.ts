// The dependency rule from the design guide, checked by reading the imports: the core never
// knows about platforms or the environment.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const PLATFORM_FREE = ['commands', 'src/core', 'src/parse', 'src/store', 'src/query', 'src/render'];

describe('dependency rule', () => {
  const files = PLATFORM_FREE.flatMap((d) => filesUnder(join(PROJECT_ROOT, d)));

  it.each(files.map((f) => [relative(PROJECT_ROOT, f), f]))('%s imports no platform library and reads no environment', (_, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/from ['"](@slack\/|discord\.js)/);
    expect(source).not.toMatch(/process\.env/);
  });

  it('src/parse does no I/O', () => {
    for (const f of filesUnder(join(PROJECT_ROOT, 'src/parse'))) expect(readFileSync(f, 'utf8')).not.toMatch(/from ['"]node:(fs|net|http|child_process)/);
  });
});
