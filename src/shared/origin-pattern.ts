// The host permission an endpoint needs. Match patterns carry no port, so one grant covers every
// port of the host. Pages call `permissions.request` with it in the user's click (it needs a user
// gesture); the worker checks it with `permissions.contains` before it adds a project.

export function endpointOriginPattern(endpoint: string): string {
  const url = new URL(endpoint)
  return `${url.protocol}//${url.hostname}/*`
}
