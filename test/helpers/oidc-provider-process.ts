import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** An account of the test identity provider: what its directory says about the user. */
export interface OidcTestAccount {
  name: string;
  roles: string[];
  municipalities: string[];
}

export interface OidcProviderSettings {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** The API's resource indicator; also the `aud` of the access tokens. */
  resource: string;
  /** By login name (the development login page accepts any password). */
  accounts: Record<string, OidcTestAccount>;
}

/**
 * panva's oidc-provider (ESM-only, so outside Jest's VM) in a child process (`oidc-provider-server.mjs`): a real
 * OpenID Connect provider on a free loopback port, with a fresh signing key.
 */
export class OidcProviderProcess {
  private constructor(
    private readonly proc: ChildProcess,
    readonly issuer: string,
  ) {}

  get jwksUri(): string {
    return `${this.issuer}/jwks`;
  }

  static start(settings: OidcProviderSettings): Promise<OidcProviderProcess> {
    const proc = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs'), JSON.stringify(settings)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start: ${out}`)), 30_000);
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const ready = /READY (\S+)/.exec(out);
        if (ready) {
          clearTimeout(timer);
          resolve(new OidcProviderProcess(proc, ready[1]));
        }
      });
      proc.stderr!.on('data', (d: Buffer) => {
        out += d.toString();
        // Server errors of the provider show in the test output (the warnings about its development defaults do not).
        if (d.toString().includes('server_error')) process.stderr.write(d);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the OpenID provider exited (${code}): ${out}`));
      });
    });
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
  }
}
