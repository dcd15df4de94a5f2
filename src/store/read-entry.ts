// Reading one entry of a data folder safely: regular files only, never more than the size limit
// plus one byte. A directory named x.txt, a dangling link, a link loop, a FIFO (which would block
// a read forever) or a device such as /dev/zero (which never ends) is refused with its reason, so
// the caller can reject that entry and load the rest.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { DocumentError } from '../parse/index.js';

/** What an entry is, in words a person who put it there will recognise. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return '是一个目录，不是文件';
  if (s.isFIFO()) return '是命名管道（FIFO），不是普通文件';
  if (s.isCharacterDevice() || s.isBlockDevice()) return '是设备文件，不是普通文件';
  if (s.isSocket()) return '是套接字，不是普通文件';
  return '不是普通文件';
}

function unreadable(path: string, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT': {
      let link = false;
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        /* gone altogether */
      }
      return link ? '是指向不存在文件的符号链接，无法读取' : '文件已不存在（读取时被移走）';
    }
    case 'ELOOP':
      return '是循环的符号链接，无法读取';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    default:
      return `无法读取（${err.code ?? err.message}）`;
  }
}

export const tooLarge = (bytes: number) => `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），不像是一份预算公开文件`;

/** The bytes of a regular file of at most maxBytes; anything else throws a DocumentError naming the entry. */
export function readRegularFile(path: string, name: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    const s = statSync(path);
    if (!s.isFile()) throw new DocumentError(name, kindOf(s));
    if (s.size > maxBytes) throw new DocumentError(name, tooLarge(s.size));
    // Non-blocking: an entry swapped for a FIFO after the check cannot hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(name, unreadable(path, err as NodeJS.ErrnoException));
  }
  try {
    // Checked again on the open file: the entry may have changed between stat and open.
    const s = fstatSync(fd);
    if (!s.isFile()) throw new DocumentError(name, kindOf(s));
    // Never more than the limit plus one byte, whatever the size claims (a file still growing).
    const buf = Buffer.allocUnsafe(Math.min(s.size, maxBytes) + 1);
    let got = 0;
    for (let n; got < buf.length && (n = readSync(fd, buf, got, buf.length - got, null)) > 0; ) got += n;
    if (got > maxBytes) throw new DocumentError(name, tooLarge(Math.max(got, s.size)));
    return buf.subarray(0, got);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(name, unreadable(path, err as NodeJS.ErrnoException));
  } finally {
    closeSync(fd);
  }
}

/** Why a data folder cannot be listed, in words for the operator (the CLI prints it without a stack). */
export function dataDirProblem(dir: string, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return `数据目录 ${dir} 不存在`;
    case 'ENOTDIR':
      return `数据目录 ${dir} 是一个文件，不是目录（--data 请给出文件所在的目录）`;
    case 'EACCES':
    case 'EPERM':
      return `数据目录 ${dir} 无法读取（没有权限）`;
    default:
      return `数据目录 ${dir} 无法读取（${err.code ?? err.message}）`;
  }
}

/** The names in a data folder; a folder that is missing, a file or unreadable throws a DocumentError saying so. */
export function readDataDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    throw new DocumentError(dir, dataDirProblem(dir, err as NodeJS.ErrnoException));
  }
}
