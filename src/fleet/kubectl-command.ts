import type { RemoteHost } from '../config/host.js';

type K8sHost = Extract<RemoteHost, { kind: 'k8s' }>;

/**
 * `kubectl [--context C] exec -i -t -n NS POD [-c CONTAINER] -- sh -c SCRIPT`. kubectl passes
 * the words after `--` to the container as they are (no shell on the way), so the script is
 * one argv word. There is no channel back for hooks: a pod's agent is followed by its screen.
 */
export function kubectlArgv(host: K8sHost, script: string): string[] {
  const argv = ['kubectl'];
  if (host.context !== undefined) argv.push('--context', host.context);
  argv.push('exec', '-i', '-t', '-n', host.namespace, host.pod);
  if (host.container !== undefined) argv.push('-c', host.container);
  argv.push('--', 'sh', '-c', script);
  return argv;
}
