import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from './context.js';

/** `@Authorized('operator', 'admin')` lets only those roles through; `@Authorized()` any verified caller. */
export const roleAuthChecker: AuthChecker<RequestContext> = ({ context }, roles) => roles.length === 0 || roles.includes(context.principal.role);
