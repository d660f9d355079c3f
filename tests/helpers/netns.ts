/**
 * Worker "hosts" in their own network namespaces for tests (issue 17, "Several hosts"). Each
 * host is a namespace joined to the root namespace by a veth pair with its own /30
 * (10.213.<n>.<4i>/30: root side .4i+1, host side .4i+2) and a default route through the root
 * side. The services the hosts share (Redis, PostgreSQL, the article site) listen on one
 * service address, a /32 on the root namespace's `lo`, so cutting one host's link (`ip link set
 * ... down`) cuts that host alone. Everything is named with a per-run tag and removed by
 * `teardown()`. Needs root and iproute2 (`netnsUnavailable()` says why not, for the skip message).
 */
import { execFileSync } from 'node:child_process';

/** One namespace host. */
export interface NetnsHost {
  /** Namespace name (`ip netns exec <ns> ...`). */
  ns: string;
  /** The veth end in the root namespace (set it down to cut the host off). */
  rootIf: string;
  /** The host's own address. */
  address: string;
}

export interface NetnsLab {
  hosts: NetnsHost[];
  /** The address the shared services listen on (reachable from every host). */
  serviceAddress: string;
  /** Cuts a host off (its link down) or joins it again. */
  setLink(host: NetnsHost, up: boolean): void;
  teardown(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Why namespaces cannot be made here (not root, no `ip`, `ip netns add` refused), or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (ip netns needs CAP_SYS_ADMIN)';
  const probe = `ni-probe-${process.pid}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return null;
  } catch (err) {
    return `cannot create a network namespace: ${(err as Error).message.split('\n')[0]}`;
  }
}

/**
 * Creates `count` hosts and the service address, in a 10.213.<n>.0/24 no interface of this
 * machine uses.
 * @throws Error when iproute2 refuses a step (everything made so far is removed)
 */
export function createNetnsLab(count: number): NetnsLab {
  const used = ip('-4', '-o', 'addr');
  let n = 0;
  for (let tries = 0; tries < 50; tries++) {
    n = 1 + Math.floor(Math.random() * 250);
    if (!used.includes(` 10.213.${n}.`)) break;
  }
  const tag = (process.pid % 10000).toString(36) + Math.floor(Math.random() * 1296).toString(36);
  const serviceAddress = `10.213.${n}.254`;
  const hosts: NetnsHost[] = [];
  const undo: (() => void)[] = [];
  const teardown = () => {
    while (undo.length) {
      try {
        undo.pop()!();
      } catch {
        // already gone
      }
    }
  };
  try {
    ip('addr', 'add', `${serviceAddress}/32`, 'dev', 'lo');
    undo.push(() => ip('addr', 'del', `${serviceAddress}/32`, 'dev', 'lo'));
    for (let i = 0; i < count; i++) {
      const ns = `ni-${tag}-h${i + 1}`;
      const rootIf = `vr${tag}${i + 1}`; // at most 15 characters
      const nsIf = `vn${tag}${i + 1}`;
      const gw = `10.213.${n}.${4 * i + 1}`;
      const address = `10.213.${n}.${4 * i + 2}`;
      ip('netns', 'add', ns);
      undo.push(() => ip('netns', 'del', ns)); // deletes the veth pair with it
      ip('link', 'add', rootIf, 'type', 'veth', 'peer', 'name', nsIf);
      undo.push(() => ip('link', 'del', rootIf));
      ip('link', 'set', nsIf, 'netns', ns);
      ip('addr', 'add', `${gw}/30`, 'dev', rootIf);
      ip('link', 'set', rootIf, 'up');
      ip('-n', ns, 'addr', 'add', `${address}/30`, 'dev', nsIf);
      ip('-n', ns, 'link', 'set', nsIf, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'route', 'add', 'default', 'via', gw);
      hosts.push({ ns, rootIf, address });
    }
  } catch (err) {
    teardown();
    throw err;
  }
  return { hosts, serviceAddress, setLink: (h, up) => void ip('link', 'set', h.rootIf, up ? 'up' : 'down'), teardown };
}
