/**
 * Where an agent runs: this machine, or another one reached through an engine people already
 * run — OpenSSH (`ssh://[user@]box[:port]`) or Kubernetes (`k8s://[context/]namespace/pod[/container]`).
 * Parsed strictly, so that no part of a host can reach ssh or kubectl as an option (a part
 * starting with `-`) or carry shell text: the parts become argv words and nothing else.
 */

export type RemoteHost =
  | { kind: 'ssh'; user?: string; box: string; port?: number }
  | { kind: 'k8s'; context?: string; namespace: string; pod: string; container?: string };

export type ParsedHost = { ok: true; host: RemoteHost | null } | { ok: false; problem: string };

/** user names as useradd allows them (and a trailing $ aside) */
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** a DNS name or an IPv4 address; an IPv6 address is written in brackets */
const BOX = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
/** Kubernetes: a namespace and a container are DNS labels, a pod a DNS subdomain */
const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/;
/** a kubeconfig context name: free text in kubeconfig, here the characters names use in practice */
const CONTEXT = /^[A-Za-z0-9_][A-Za-z0-9._:@-]*$/;

export const HOST_GRAMMAR = '"ssh://[user@]box[:port]" or "k8s://[context/]namespace/pod[/container]"';

/** `host` as written: '' is this machine (an agent's way to run locally when its backend's host is remote). */
export function parseHost(text: string): ParsedHost {
  if (text === '') return { ok: true, host: null };
  const scheme = /^([a-z0-9]+):\/\/(.*)$/s.exec(text);
  if (!scheme) return bad(`it must be ${HOST_GRAMMAR}, or "" for this machine`);
  const [, name, rest] = scheme as unknown as [string, string, string];
  if (name === 'ssh') return parseSsh(rest);
  if (name === 'k8s') return parseK8s(rest);
  return bad(`hangar runs agents over ssh:// and k8s://, not ${name}://`);
}

function parseSsh(rest: string): ParsedHost {
  const m = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:]*)(?::([^:]*))?$/s.exec(rest);
  if (!m) return bad('write ssh://[user@]box[:port]');
  const [, user, box, port] = m as unknown as [string, string | undefined, string, string | undefined];
  if (user !== undefined && !USER.test(user)) return bad(`user ${JSON.stringify(user)} is not a user name (letters, digits, ".", "_", "-"; not starting with "-" or ".")`);
  if (!BOX.test(box) && !IPV6.test(box)) return bad(`${JSON.stringify(box)} is not a host name or address`);
  if (port !== undefined && !(/^[0-9]{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return bad(`port ${JSON.stringify(port)} must be a number from 1 to 65535`);
  }
  return { ok: true, host: { kind: 'ssh', box, ...(user !== undefined ? { user } : {}), ...(port !== undefined ? { port: Number(port) } : {}) } };
}

/**
 * Two parts are namespace/pod, four context/namespace/pod/container. Three would be either
 * context/namespace/pod or namespace/pod/container: it is read as the second (no context is the
 * common case), and a context without a container is written with a trailing slash.
 */
function parseK8s(rest: string): ParsedHost {
  const parts = rest.split('/');
  const fields: [string, string, string, string | undefined] | undefined =
    parts.length === 2 ? ['', parts[0]!, parts[1]!, undefined]
    : parts.length === 3 ? ['', parts[0]!, parts[1]!, parts[2]!]
    : parts.length === 4 ? [parts[0]!, parts[1]!, parts[2]!, parts[3] === '' ? undefined : parts[3]!]
    : undefined;
  if (fields === undefined || fields[0] === '' && parts.length === 4) {
    return bad(`write k8s://namespace/pod, k8s://namespace/pod/container, k8s://context/namespace/pod/ or k8s://context/namespace/pod/container`);
  }
  const [context, namespace, pod, container] = fields;
  const named = (what: string, value: string, rule: RegExp, says: string): string | undefined =>
    rule.test(value) ? undefined : `${what} ${JSON.stringify(value)} is not ${says}`;
  const problem =
    (context !== '' ? named('context', context, CONTEXT, 'a context name (letters, digits, ".", "_", ":", "@", "-")') : undefined) ??
    named('namespace', namespace, DNS_LABEL, 'a Kubernetes namespace (lower-case letters, digits and "-")') ??
    named('pod', pod, DNS_SUBDOMAIN, 'a Kubernetes pod name (lower-case letters, digits, "-" and ".")') ??
    (container !== undefined ? named('container', container, DNS_LABEL, 'a container name (lower-case letters, digits and "-")') : undefined);
  if (problem) return bad(problem);
  return {
    ok: true,
    host: { kind: 'k8s', namespace, pod, ...(context !== '' ? { context } : {}), ...(container !== undefined ? { container } : {}) },
  };
}

function bad(problem: string): ParsedHost {
  return { ok: false, problem };
}

/** The host an agent runs on as written, when it is another machine: its own `host`, else its backend's. */
export function remoteHostText(agent: { host?: string }, backend: { host?: string } | undefined): string | undefined {
  const text = agent.host ?? backend?.host;
  return text === undefined || text === '' ? undefined : text;
}
