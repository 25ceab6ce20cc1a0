/** Another live server already answers on this socket: this fleet has its server. */
export class ServerAlreadyRunning extends Error {
  override readonly name = 'ServerAlreadyRunning';
  readonly code = 'server_running';

  constructor(readonly socketPath: string) {
    super(`a hangar server is already listening on ${socketPath}`);
  }
}
