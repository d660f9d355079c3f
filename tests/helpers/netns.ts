/**
 * A small network of namespaces for tests (issue 17, "Several hosts"), made and removed by the
 * test alone: nothing is added to the root namespace (no address, no link, no route).
 *
 * Layout: a "switch" namespace holds a bridge; every member namespace (services, site, worker
 * hosts) has one veth pair, its `eth0` inside the member and the other end a port of the bridge,
 * created directly in the two namespaces (`ip -n <switch> link add ... peer ... netns <member>`),
 * so it never exists in the root namespace. Members get 10.213.0.<k>/24 (RFC 1918; the
 * namespaces have their own stacks, so the range cannot clash with the machine's own).
 * Cutting a member off is `ip link set eth0 down` inside it.
 *
 * Processes are run in a member with `ip netns exec` (the exec'd program keeps the pid).
 * `teardown()` stops whatever still runs in the namespaces (`ip netns pids`: only processes in
 * namespaces this lab made) and deletes them, which deletes the veth pairs and the bridge.
 * Needs root and iproute2 (`netnsUnavailable()` says why not, for the skip message).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';

/** One member of the lab: a namespace with one address on the bridge. */
export interface NetnsMember {
  /** Role given at creation (`svc`, `site`, `h1`, ...). */
  name: string;
  /** Namespace name (`ip netns exec <ns> ...`). */
  ns: string;
  /** Its address on the bridge (10.213.0.<k>). */
  address: string;
}

export interface NetnsLab {
  /** The members, by the names given to createNetnsLab. */
  members: Record<string, NetnsMember>;
  /** Cuts a member off (its eth0 down, inside its namespace) or joins it again. */
  setLink(member: NetnsMember, up: boolean): void;
  /** Pids of the processes running in a member's namespace. */
  pids(member: NetnsMember): number[];
  /** Stops every process left in the lab's namespaces (SIGTERM, then SIGKILL) and deletes the namespaces. Never throws. */
  teardown(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Where `cmd` is on PATH, or null. */
export function onPath(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      accessSync(`${dir}/${cmd}`, constants.X_OK);
      return `${dir}/${cmd}`;
    } catch {
      // not there
    }
  }
  return null;
}

/** Why namespaces cannot be made here (not root, no `ip`, `ip netns add` refused), or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return `network namespaces are Linux only (platform ${process.platform})`;
  if (process.getuid?.() !== 0) return 'not running as root (ip netns needs CAP_SYS_ADMIN)';
  if (!onPath('ip')) return 'no `ip` (iproute2) on PATH';
  const probe = `nl-probe-${process.pid}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return null;
  } catch (err) {
    return `cannot create a network namespace: ${(err as Error).message.split('\n')[0]}`;
  }
}

/** Kills the processes in, and deletes, the namespaces of labs whose test process is gone (killed before its afterAll). */
function sweepStale(): void {
  const stale = ip('netns', 'list')
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter((ns) => {
      const m = /^nl-(\d+)-[a-z0-9]+-[a-z0-9]+$/.exec(ns);
      if (!m) return false;
      try {
        process.kill(Number(m[1]), 0);
        return false; // its test is still running
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'ESRCH';
      }
    });
  if (stale.length) removeNamespaces(stale);
}

/** Pids of the processes in namespace `ns` ([] when it is gone). */
function pidsOf(ns: string): number[] {
  try {
    return ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Stops what runs in the namespaces, then deletes them (processes would keep a namespace alive
 * after `ip netns del`): SIGTERM (SIGINT to `postgres`: a fast shutdown that removes its shared
 * memory), up to 5 s for them to exit, then SIGKILL for what is left, in a few rounds (a dying
 * parent may have forked just before). Never throws.
 */
function removeNamespaces(namespaces: string[]): void {
  const signal = (sig: (pid: number) => NodeJS.Signals): number => {
    let left = 0;
    for (const ns of namespaces) {
      for (const pid of pidsOf(ns)) {
        left++;
        try {
          process.kill(pid, sig(pid));
        } catch {
          // gone already
        }
      }
    }
    return left;
  };
  const comm = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return '';
    }
  };
  if (signal((pid) => (comm(pid) === 'postgres' ? 'SIGINT' : 'SIGTERM'))) {
    for (let i = 0; i < 25 && namespaces.some((ns) => pidsOf(ns).length); i++) execFileSync('sleep', ['0.2']);
  }
  for (let round = 0; round < 5 && signal(() => 'SIGKILL'); round++) execFileSync('sleep', ['0.2']);
  for (const ns of [...namespaces].reverse()) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // already gone
    }
  }
}

/**
 * Creates the switch and one member namespace per name, members numbered from 10.213.0.2.
 * Names are namespace-safe words (`svc`, `h1`); namespaces are named `nl-<pid>-<random>-<name>`
 * (the pid of the test process; labs of test processes no longer alive are removed first).
 * @throws Error when iproute2 refuses a step (everything made so far is removed first)
 */
export function createNetnsLab(names: string[]): NetnsLab {
  for (const n of names) if (!/^[a-z][a-z0-9]{0,7}$/.test(n)) throw new Error(`createNetnsLab: member name "${n}" must be 1-8 lower-case letters/digits`);
  sweepStale();
  const tag = `${process.pid}-${Math.floor(Math.random() * 1296).toString(36)}`;
  const sw = `nl-${tag}-sw`;
  const made: string[] = [];
  const members: Record<string, NetnsMember> = {};
  const teardown = () => {
    removeNamespaces(made);
    made.length = 0;
  };
  try {
    ip('netns', 'add', sw);
    made.push(sw);
    ip('-n', sw, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', sw, 'link', 'set', 'br0', 'up');
    names.forEach((name, i) => {
      const ns = `nl-${tag}-${name}`;
      const address = `10.213.0.${i + 2}`;
      ip('netns', 'add', ns);
      made.push(ns);
      const port = `p${i + 2}`;
      ip('-n', sw, 'link', 'add', port, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('-n', sw, 'link', 'set', port, 'master', 'br0');
      ip('-n', sw, 'link', 'set', port, 'up');
      ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      members[name] = { name, ns, address };
    });
  } catch (err) {
    teardown();
    throw err;
  }
  return {
    members,
    setLink: (m, up) => void ip('-n', m.ns, 'link', 'set', 'eth0', up ? 'up' : 'down'),
    pids: (m) => pidsOf(m.ns),
    teardown,
  };
}
