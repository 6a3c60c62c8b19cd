// The public surface of the Account client. Nothing here touches browser-extension APIs.
export * from './access-models.ts'
export * from './client.ts'
export * from './endpoint.ts'
export * from './errors.ts'
export * from './links.ts'
export * from './mfa.ts'
export * from './mfa-models.ts'
export * from './models.ts'
export * from './prefs-size.ts'
export * from './probe.ts'
export * from './session-header.ts'
export * from './users.ts'
export {
  DEFAULT_TIMEOUT_MS,
  RESPONSE_FORMAT,
  type FetchLike,
} from './http.ts'
