/**
 * The one module of wire types and zod schemas, imported by the extension and the server alike:
 * items and their ids, the sync protocol, marks, who may change what, invites, limits and the settings'
 * defaults (which need no zod: a page that imports only them does not bundle it).
 */
export * from './authz';
export * from './default-settings';
export * from './ids';
export * from './invite';
export * from './limits';
export * from './marks';
export * from './refusal';
export * from './schemas';
export * from './sync';
export * from './web-url';
