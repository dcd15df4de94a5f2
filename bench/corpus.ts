// A synthetic corpus from the real documents: new department names, shifted years, and amounts
// multiplied by a whole number, so every table still reconciles exactly and every layout is a
// real one. Written one file at a time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR } from '../src/paths.js';

/** The seeds, with the department and region names each prints. */
const TEMPLATES: { file: string; names: [string, string][] }[] = [
  { file: '000_2c141d3c228c2a71.txt', names: [['巨鹿县医疗保障局', '巨鹿县']] },
  { file: '001_df29ae28ecb651dd.txt', names: [['竹山县医疗保障局', '竹山县']] },
  { file: '002_b2ab98c35d1620c6.txt', names: [['新乡市凤泉区医疗保障局', '凤泉区']] },
  { file: '003_aefd0e6609c5871f.txt', names: [['承德市双桥区医疗保障局', '双桥区']] },
  { file: '004_415779c2f9ebc6e8.txt', names: [['邢台市医疗保障局', '邢台市']] },
];

function scale(amount: string, factor: number): string {
  const [int, frac] = amount.replace(/,/g, '').split('.');
  const cents = (BigInt(int) * 100n + BigInt((frac ?? '').padEnd(2, '0').slice(0, 2))) * BigInt(factor);
  const s = (cents / 100n).toString();
  return `${amount.includes(',') ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/** 305 → 三零五: names of real departments are Chinese, digits included. */
const chinese = (k: number) => String(k).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);

export function synthesize(text: string, names: [string, string][], k: number): string {
  const county = `模拟${chinese(k)}县`;
  let out = text;
  for (const [dept, region] of names) out = out.replaceAll(dept, `${county}医疗保障局`).replaceAll(region, county);
  const dy = (k % 4) - 2;
  out = out.replace(/(20[12]\d)(?=\s*年)/g, (y) => String(Number(y) + dy)).replace(/((?:预算|决算)年度[：:]\s*)(20[12]\d)/g, (_, p, y) => p + String(Number(y) + dy));
  const factor = 1 + (k % 3);
  // Amounts with two decimals (the only kind these templates print in tables) scale exactly.
  return factor === 1 ? out : out.replace(/(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d.])/g, (m) => scale(m, factor));
}

export function writeCorpus(dir: string, count: number): { files: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const texts = TEMPLATES.map((t) => ({ ...t, text: readFileSync(join(DEFAULT_DATA_DIR, t.file), 'utf8') }));
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const t = texts[k % texts.length];
    const doc = synthesize(t.text, t.names, k);
    writeFileSync(join(dir, `syn_${String(k).padStart(6, '0')}.txt`), doc);
    bytes += Buffer.byteLength(doc);
  }
  return { files: count, bytes };
}
