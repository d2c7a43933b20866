import { randomBytes } from 'node:crypto';

/**
 * The backend's Amplify `secret()`s for one run of the local cloud. On AWS each is an SSM parameter
 * (`/amplify/<app>/<branch>/<NAME>`, or the app's shared `/amplify/shared/<app>/<NAME>`) that
 * Amplify's shim reads when a function starts; here each gets a throwaway value, made once per run
 * and given by name to the functions (through the Lambda emulator, in place of SSM) and to the
 * storefront.
 */
export class LocalSecrets {
  private readonly values = new Map<string, string>();

  /** The run's value of the secret `name`. */
  value(name: string): string {
    let value = this.values.get(name);
    if (!value) this.values.set(name, (value = randomBytes(32).toString('base64url')));
    return value;
  }

  /** The value of the SSM parameter at `path`, if it is an Amplify secret's. */
  parameter(path: string): string | undefined {
    const name = /^\/amplify\/.+\/([^/]+)$/.exec(path)?.[1];
    return name ? this.value(name) : undefined;
  }
}
