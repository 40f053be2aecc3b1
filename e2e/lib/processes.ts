import * as fs from 'fs';
import { waitFor } from './wait';

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(ppid), pgrp: Number(pgrp), state: state ?? '?' };
  } catch {
    return undefined; // the process ended while we were reading
  }
}

/** Every process that has not ended (zombies have: they only wait to be reaped). */
function livingProcesses(): ProcStat[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined && stat.state !== 'Z');
}

/** Living descendants of `rootPid` (children that left its process group too). */
export function descendants(rootPid: number, processes = livingProcesses()): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Living members of process group `pgid`. */
export function groupMembers(pgid: number, processes = livingProcesses()): number[] {
  return processes.filter((stat) => stat.pgrp === pgid).map((stat) => stat.pid);
}

/** The leader, its group and its descendants, alive now. */
export function treeOf(leaderPid: number): number[] {
  const processes = livingProcesses();
  const pids = new Set([...groupMembers(leaderPid, processes), ...descendants(leaderPid, processes)]);
  if (processes.some((stat) => stat.pid === leaderPid)) pids.add(leaderPid);
  return [...pids];
}

export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Sends `sig` to the process group led by `leaderPid` and to every descendant of the
 * leader (a child may have started a group of its own). Synchronous, so that it can run
 * from an 'exit' handler. Returns the pids signalled.
 */
export function signalTree(leaderPid: number, sig: NodeJS.Signals): number[] {
  const pids = treeOf(leaderPid);
  signal(-leaderPid, sig);
  for (const pid of pids) signal(pid, sig);
  return pids;
}

/** SIGTERM the whole tree, wait for it to end, SIGKILL what is left after `graceMs`. */
export async function killTree(leaderPid: number, graceMs = 5000): Promise<void> {
  const pids = signalTree(leaderPid, 'SIGTERM');
  const allGone = (): true | undefined =>
    pids.every((pid) => !isAlive(pid)) && groupMembers(leaderPid).length === 0 ? true : undefined;
  try {
    await waitFor(allGone, { timeoutMs: graceMs, what: `process tree ${leaderPid} to exit`, intervalMs: 50 });
  } catch {
    signalTree(leaderPid, 'SIGKILL');
    for (const pid of pids) signal(pid, 'SIGKILL');
    await waitFor(allGone, { timeoutMs: 5000, what: `process tree ${leaderPid} to die`, intervalMs: 50 });
  }
}
