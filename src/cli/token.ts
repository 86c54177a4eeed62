import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { signDevToken } from '../auth/dev-token';
import { ROLES, type Role } from '../auth/principal';
import { loadConfig } from '../config/app-config';

const USAGE =
  'usage: npm run --silent token -- --role <role>[,<role>] --municipality <GMxxxx>[,<GMxxxx>] [--sub <id>] [--ttl 8h]\n' +
  `roles: ${ROLES.join(', ')}`;

/** Prints a development token that a locally started service (same configuration) accepts. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      municipality: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const roles = (values.role ?? []).flatMap((r) => r.split(','));
  const municipalities = (values.municipality ?? []).flatMap((m) => m.split(','));
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (!roles.length || unknown.length || !municipalities.length) throw new Error(`${unknown.length ? `unknown role ${unknown.join(', ')}; ` : ''}${USAGE}`);
  const badCode = municipalities.find((m) => !/^GM\d{4}$/.test(m) && m !== '*');
  if (badCode) throw new Error(`municipality ${badCode} is not a CBS code such as GM1706`);
  const config = loadConfig();
  if (config.env === 'production') throw new Error('development tokens are not issued for production');
  const token = await signDevToken(config.jwt, { roles: roles as Role[], municipalities, sub: values.sub, expiresIn: values.ttl });
  process.stdout.write(`${token}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`token: ${e.message}\n`);
  process.exit(1);
});
