// Progress of long work (ingest, export, the scale benchmark) on stderr. On a terminal: one bar
// redrawn in place (cli-progress) and cleared at the end. Anywhere else (CI, a pipe, a log file):
// a plain line every few seconds and never a carriage return. Quiet: nothing.
import cliProgress from 'cli-progress';

export interface ProgressUpdate {
  /** What is being done, in words ("解析", "建立索引"); a new phase restarts the count and the rate. */
  phase: string;
  done: number;
  total: number;
  /** Documents that could not be read so far, where that applies. */
  rejected?: number;
}

export interface Progress {
  update(u: ProgressUpdate): void;
  /** Clears the bar (the caller's final report follows). */
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  quiet?: boolean;
  /** Between two plain lines (default 5 s). */
  intervalMs?: number;
  /** Show nothing until the work has run this long (export: only when it takes long). */
  delayMs?: number;
  /** What is counted ("份"). */
  unit?: string;
}

/** 75 → "1分15秒". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}秒`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}分${s % 60}秒` : `${Math.floor(m / 60)}时${m % 60}分`;
}

/** The figures of one update: rate and ETA are over the current phase, elapsed over the whole run. */
function figures(u: ProgressUpdate, phaseStart: number, runStart: number, unit: string) {
  const now = performance.now();
  // A rate over the first fraction of a second says nothing yet.
  const seconds = (now - phaseStart) / 1000;
  const rate = seconds >= 0.5 ? u.done / seconds : NaN;
  const eta = rate > 0 ? ((u.total - u.done) / rate) * 1000 : Infinity;
  return {
    phase: u.phase,
    count: `${u.done}/${u.total} ${unit}`,
    rate: Number.isNaN(rate) ? `— ${unit}/秒` : `${rate.toFixed(1)} ${unit}/秒`,
    elapsed: formatDuration(now - runStart),
    // Not `eta`: cli-progress fills its own {eta} (raw seconds) over a payload key of that name.
    left: formatDuration(eta),
    rejected: u.rejected === undefined ? '' : `，无法读取 ${u.rejected} ${unit}`,
  };
}

export function createProgress({ stream = process.stderr, quiet = false, intervalMs = 5000, delayMs = 0, unit = '份' }: ProgressOptions = {}): Progress {
  if (quiet) return { update() {}, stop() {} };
  const runStart = performance.now();
  let phase = '';
  let phaseStart = runStart;
  const enterPhase = (u: ProgressUpdate) => {
    if (u.phase === phase) return false;
    phase = u.phase;
    phaseStart = performance.now();
    return true;
  };
  const late = () => performance.now() - runStart >= delayMs;

  if (!stream.isTTY) {
    let last = runStart;
    return {
      update(u) {
        enterPhase(u);
        if (performance.now() - last < intervalMs || !late()) return;
        last = performance.now();
        const f = figures(u, phaseStart, runStart, unit);
        stream.write(`${f.phase}：${f.count}，${f.rate}，已用 ${f.elapsed}，预计剩余 ${f.left}${f.rejected}\n`);
      },
      stop() {},
    };
  }

  const bar = new cliProgress.SingleBar({
    stream, clearOnComplete: true, hideCursor: true, barsize: 24, fps: 10,
    format: '{phase} [{bar}] {count} · {rate} · 已用 {elapsed} · 剩余 {left}{rejected}',
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(u) {
      const changed = enterPhase(u);
      if (!late()) return;
      const f = figures(u, phaseStart, runStart, unit);
      if (!started) {
        bar.start(u.total, u.done, f);
        started = true;
        return;
      }
      if (changed) bar.setTotal(u.total);
      bar.update(u.done, f);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
