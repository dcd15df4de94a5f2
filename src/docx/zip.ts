// A small, defensive ZIP reader: enough for a .docx (stored or deflated entries, no ZIP64, no
// encryption). Every offset and length read from the file is checked against the buffer before
// use, and inflating is capped by a budget shared by all entries read from one archive, so a
// crafted archive (a zip bomb, lying sizes, a truncated file) is refused with a reason, never
// followed into a crash or an unbounded allocation.
import { crc32, inflateRawSync } from 'node:zlib';

/** Why an archive cannot be read, in words for the user (the caller adds which file). */
export class ZipError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ZipError';
  }
}

export interface ZipLimits {
  /** Total bytes all entries read from one archive may inflate to. */
  maxInflatedBytes: number;
  /** Entries the central directory may list. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxInflatedBytes: 50 * 1024 * 1024, maxEntries: 5000 };

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

export interface ZipArchive {
  names(): string[];
  has(name: string): boolean;
  /** The entry's bytes; throws ZipError when it is missing, damaged, encrypted or over the budget. */
  read(name: string): Buffer;
}

export function openZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const entries = readCentralDirectory(buf, limits);
  let budget = limits.maxInflatedBytes;
  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    read(name) {
      const e = entries.get(name);
      if (!e) throw new ZipError(`缺少 ${name}`);
      const data = readEntry(buf, e, budget, limits.maxInflatedBytes);
      budget -= data.length;
      return data;
    },
  };
}

/** The end-of-central-directory record: the last one in the file, within a comment's reach of the end. */
function findEnd(buf: Buffer): number {
  if (buf.length < 22) throw new ZipError('文件过短，不是 ZIP 压缩包');
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let p = buf.length - 22; p >= stop; p--) {
    if (buf.readUInt32LE(p) === EOCD && p + 22 + buf.readUInt16LE(p + 20) <= buf.length) return p;
  }
  throw new ZipError('找不到 ZIP 目录（文件不完整或已损坏）');
}

function readCentralDirectory(buf: Buffer, limits: ZipLimits): Map<string, Entry> {
  const end = findEnd(buf);
  const disk = buf.readUInt16LE(end + 4);
  const cdDisk = buf.readUInt16LE(end + 6);
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('ZIP64 格式的压缩包不支持');
  if (disk !== 0 || cdDisk !== 0) throw new ZipError('分卷 ZIP 压缩包不支持');
  if (count > limits.maxEntries) throw new ZipError(`压缩包条目过多（${count} 个，上限 ${limits.maxEntries}）`);
  if (cdOffset + cdSize > end) throw new ZipError('ZIP 目录位置超出文件范围（文件不完整或已损坏）');
  const entries = new Map<string, Entry>();
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('ZIP 目录已损坏');
    const nameLen = buf.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (next > cdEnd) throw new ZipError('ZIP 目录已损坏');
    const e: Entry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    // Two entries of one name would let a reader and a checker see different content.
    if (entries.has(e.name)) throw new ZipError(`压缩包中有重名条目 ${e.name}`);
    entries.set(e.name, e);
    p = next;
  }
  return entries;
}

function readEntry(buf: Buffer, e: Entry, budget: number, cap: number): Buffer {
  if (e.flags & 1) throw new ZipError('文件已加密（有密码保护）');
  if (e.method !== 0 && e.method !== 8) throw new ZipError(`${e.name} 使用了不支持的压缩方式（${e.method}）`);
  // The declared size is checked first; the inflater's own limit below catches a size that lies.
  if (e.size > budget) throw new ZipError(`${e.name} 解压后有 ${MB(e.size)}，超过上限 ${MB(cap)}（疑似压缩炸弹）`);
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new ZipError(`${e.name} 的数据位置已损坏`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError(`${e.name} 的数据超出文件范围（文件不完整或已损坏）`);
  const raw = buf.subarray(start, start + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipError(`${e.name} 的大小记录不一致（文件已损坏）`);
    data = raw;
  } else {
    try {
      // One byte more than declared is enough to know the declaration was false.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size + 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipError(`${e.name} 解压后比声明的大小大（疑似压缩炸弹）`);
      }
      throw new ZipError(`${e.name} 无法解压（数据已损坏）`);
    }
  }
  if (data.length !== e.size) throw new ZipError(`${e.name} 解压后的大小与记录不符（疑似压缩炸弹或文件已损坏）`);
  if (crc32(data) >>> 0 !== e.crc) throw new ZipError(`${e.name} 校验失败（文件已损坏）`);
  return data;
}
