// A refusal the department specialist can read. PolicyError is Strapi's 403 whose message reaches the
// admin UI (a plain ForbiddenError is reduced to "Forbidden"), with the field that caused it.
import { errors } from '@strapi/utils';

export function refuse(message: string, path: string, code = 'DEPARTMENT_SCOPE'): never {
  throw new errors.PolicyError(message, { errors: [{ path: [path], message, name: 'ForbiddenError' }], code });
}
