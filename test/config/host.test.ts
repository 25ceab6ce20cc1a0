import { describe, expect, it } from 'vitest';
import { parseHost } from '../../src/config/host.js';

const host = (text: string) => {
  const parsed = parseHost(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.host;
};
const problem = (text: string) => {
  const parsed = parseHost(text);
  return parsed.ok ? undefined : parsed.problem;
};

describe('host = "…"', () => {
  it('"" is this machine', () => {
    expect(host('')).toBeNull();
  });

  it('ssh://[user@]box[:port]', () => {
    expect(host('ssh://me@box')).toEqual({ kind: 'ssh', user: 'me', box: 'box' });
    expect(host('ssh://box.example.com:2222')).toEqual({ kind: 'ssh', box: 'box.example.com', port: 2222 });
    expect(host('ssh://deploy_1@10.0.0.7:22')).toEqual({ kind: 'ssh', user: 'deploy_1', box: '10.0.0.7', port: 22 });
    expect(host('ssh://me@[::1]:2200')).toEqual({ kind: 'ssh', user: 'me', box: '[::1]', port: 2200 });
  });

  it('k8s://[context/]namespace/pod[/container]: three parts are namespace/pod/container, a trailing / names a context alone', () => {
    expect(host('k8s://agents/worker-0')).toEqual({ kind: 'k8s', namespace: 'agents', pod: 'worker-0' });
    expect(host('k8s://agents/worker-0/cli')).toEqual({ kind: 'k8s', namespace: 'agents', pod: 'worker-0', container: 'cli' });
    expect(host('k8s://prod/agents/worker-0/')).toEqual({ kind: 'k8s', context: 'prod', namespace: 'agents', pod: 'worker-0' });
    expect(host('k8s://kind-dev@cluster:1/agents/worker-0.a/cli')).toEqual({
      kind: 'k8s', context: 'kind-dev@cluster:1', namespace: 'agents', pod: 'worker-0.a', container: 'cli',
    });
  });

  it('no part can become an option of ssh or kubectl, or shell text', () => {
    expect(problem('ssh://-oProxyCommand=x@box')).toMatch(/is not a user name/);
    expect(problem('ssh://me@-oProxyCommand=x')).toMatch(/is not a host name/);
    expect(problem('ssh://me@box;rm -rf ~')).toMatch(/is not a host name/);
    expect(problem('ssh://me@$(id)')).toMatch(/is not a host name/);
    expect(problem('ssh://me@box\nx')).toMatch(/is not a host name/);
    expect(problem('k8s://-n/pod')).toMatch(/namespace "-n" is not a Kubernetes namespace/);
    expect(problem('k8s://ns/--kubeconfig=x')).toMatch(/pod "--kubeconfig=x" is not a Kubernetes pod name/);
    expect(problem('k8s://--token=x/ns/pod/')).toMatch(/context "--token=x" is not a context name/);
    expect(problem('k8s://ns/pod/c x')).toMatch(/container "c x" is not a container name/);
  });

  it('anything else says what to write', () => {
    expect(problem('box')).toMatch(/must be "ssh:\/\/\[user@\]box\[:port\]" or "k8s:\/\//);
    expect(problem('telnet://box')).toBe('hangar runs agents over ssh:// and k8s://, not telnet://');
    expect(problem('ssh://me@box:0')).toMatch(/port "0" must be a number from 1 to 65535/);
    expect(problem('ssh://me@box:99999')).toMatch(/port "99999"/);
    expect(problem('ssh://me@box:22:33')).toMatch(/write ssh:/);
    expect(problem('ssh://')).toMatch(/"" is not a host name/);
    expect(problem('k8s://pod')).toMatch(/write k8s:\/\/namespace\/pod/);
    expect(problem('k8s://a/b/c/d/e')).toMatch(/write k8s:\/\/namespace\/pod/);
    expect(problem('k8s:///ns/pod/c')).toMatch(/write k8s:\/\//);
  });
});
