// npm run token -- --role office | --role department --department tax | --role enterprise --uscc 91330100799655058B
// Mints a development bearer token signed with API_JWT_SECRET (or the development default).
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

const { values } = parseCommandLine({
  command: 'npm run token',
  usage:
    '用法：npm run token -- --role <enterprise|individual|hotline|office|department|leader> [--uscc 统一社会信用代码] [--department 部门代码] [--sub ID] [--expires 12h]',
  options: {
    role: { type: 'string' },
    department: { type: 'string' },
    uscc: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const { ClaimsSchema } = await import('../src/auth/actor.ts');
const { mintToken } = await import('../src/auth/mint-token.ts');
const { loadEnv } = await import('../src/env.ts');

const env = loadEnv();
if (!env.jwt) {
  console.error('Development tokens are refused in production: staff tokens come from the CMS, platform tokens from its identity provider.');
  process.exit(1);
}
const claims = ClaimsSchema.safeParse({
  role: values.role,
  sub: values.sub ?? `dev-${values.role ?? 'user'}${values.department ? `-${values.department}` : ''}`,
  uscc: values.uscc,
  department: values.department,
});
if (!claims.success) {
  console.error(
    'Usage: npm run token -- --role <enterprise|individual|hotline|office|department|leader> [--uscc CODE] [--department CODE] [--sub ID]\n' +
      claims.error.issues.map((i) => `  ${i.path.join('.') || 'role'}: ${i.message}`).join('\n'),
  );
  process.exit(2);
}
console.log(await mintToken(claims.data, env.jwt.secret, { expiresIn: values.expires, issuer: env.jwt.issuer, audience: env.API_JWT_AUDIENCE }));
