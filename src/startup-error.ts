/**
 * A reason the local server cannot start that the person running it can fix: the data directory is in
 * use, the port is taken, HOST does not resolve. Its message is one line saying what to do; the server
 * prints it without a stack and exits with code 1 (as for a ConfigError).
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}
