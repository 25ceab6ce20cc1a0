/**
 * The physical memory a set of processes keeps resident, each page counted once.
 *
 * VmRSS counts every page a process maps, so two processes of one program (hangar's cockpit
 * and server are both node) each count the ~40 MB of node's binary the kernel holds once.
 * Here each process's pages are looked up in /proc/<pid>/pagemap (the "present" and
 * "file-page or shared" bits can be read without privileges): a page of a file mapping is
 * named by its file (device, inode) and offset, so the same page of node's binary mapped by
 * both processes counts once; every other present page (heap, stacks, a private file page
 * after copy-on-write) belongs to its process alone and counts for it.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/** The kernel's page size (4 KB on x86-64, 16 or 64 KB on some arm64 kernels). */
const PAGE = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
const PRESENT = 1n << 63n;
const FILE_OR_SHARED = 1n << 61n;

interface Mapping {
  start: number;
  end: number;
  /** file offset of `start`, in bytes */
  offset: number;
  /** device:inode of the mapped file; '' for anonymous memory */
  file: string;
  rssKb: number;
}

/** The mappings of a process from /proc/<pid>/smaps (its ranges, files and resident sizes). */
function mappingsOf(pid: number): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) (\S+) (\d+)/.exec(line);
    if (head) {
      const inode = head[5]!;
      mappings.push({ start: parseInt(head[1]!, 16), end: parseInt(head[2]!, 16), offset: parseInt(head[3]!, 16), file: inode === '0' ? '' : `${head[4]}:${inode}`, rssKb: 0 });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && mappings.length > 0) mappings[mappings.length - 1]!.rssKb = Number(rss[1]);
  }
  return mappings;
}

export interface ResidentPages {
  /** bytes of pages only this process maps (anonymous memory, its own copies of file pages) */
  own: number[];
  /** bytes of file pages mapped by any of the processes, each page once */
  sharedOnce: number;
  /** everything, each page once: what the processes together keep in memory */
  total: number;
}

export function residentPages(pids: readonly number[]): ResidentPages {
  const filePages = new Set<string>();
  const own = pids.map((pid) => {
    let pages = 0;
    const fd = openSync(`/proc/${pid}/pagemap`, 'r');
    try {
      for (const m of mappingsOf(pid)) {
        if (m.rssKb === 0) continue; // nothing resident: skip reading its (maybe huge) range
        const count = (m.end - m.start) / PAGE;
        const entries = Buffer.alloc(count * 8);
        const read = readSync(fd, entries, 0, entries.length, (m.start / PAGE) * 8);
        let own = 0;
        for (let i = 0; i < read / 8; i++) {
          const entry = entries.readBigUInt64LE(i * 8);
          if ((entry & PRESENT) === 0n) continue;
          if (m.file !== '' && (entry & FILE_OR_SHARED) !== 0n) filePages.add(`${m.file}:${m.offset / PAGE + i}`);
          else own++;
        }
        // pagemap says present for anonymous pages mapped to the shared zero page, which Rss
        // (and VmRSS) leave out: never count more of a mapping than its Rss
        pages += Math.min(own, Math.floor((m.rssKb * 1024) / PAGE));
      }
    } finally {
      closeSync(fd);
    }
    return pages * PAGE;
  });
  const sharedOnce = filePages.size * PAGE;
  return { own, sharedOnce, total: own.reduce((a, b) => a + b, 0) + sharedOnce };
}
